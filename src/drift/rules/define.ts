/** The shape of a rule and the factories the rule modules are written with. */
import type { Change, ChangeSubject, SchemaChange, SchemaKeyword } from '../model';
import type { Level } from '../levels';
import type { RuleId } from '../rule-ids';

/** What a rule says about one change: the message and the facts it was built from. */
export interface RuleHit {
  message: string;
  args: Record<string, unknown>;
}

export interface Rule {
  /** Kebab-case, stable, public; listed in `RULE_IDS`. */
  readonly id: RuleId;
  /** Default level; config may override it per id. */
  readonly level: Level;
  readonly direction: 'request' | 'response' | 'none';
  /** One line: what the rule detects. */
  readonly description: string;
  /** The oasdiff id with the same meaning, when there is one. */
  readonly oasdiff: string | null;
  /** The change subject the rule reads (the engine only offers it those). */
  readonly subject: ChangeSubject;
  detect(change: Change): RuleHit | null;
}

interface RuleSpec<C extends Change> {
  id: RuleId;
  level: Level;
  direction: 'request' | 'response' | 'none';
  description: string;
  /** Defaults to `id`; null when oasdiff has no such id. */
  oasdiff?: string | null;
  detect(change: C): RuleHit | null;
}

/** A rule over one change subject. */
export function defineRule<S extends ChangeSubject>(subject: S, spec: RuleSpec<Extract<Change, { subject: S }>>): Rule {
  return {
    id: spec.id,
    level: spec.level,
    direction: spec.direction,
    description: spec.description,
    oasdiff: spec.oasdiff === undefined ? spec.id : spec.oasdiff,
    subject,
    detect: (change: Change) => spec.detect(change as Extract<Change, { subject: S }>),
  };
}

/** Where a schema change sits, in oasdiff's vocabulary. */
export type SchemaScope =
  | 'request-body'
  | 'request-property'
  | 'request-parameter'
  | 'request-parameter-property'
  | 'request-header-property'
  | 'response-body'
  | 'response-property'
  | 'response-header'
  | 'response-header-property';

export function scopeOf(change: SchemaChange): SchemaScope {
  const root = change.pointer === '';
  if (change.direction === 'request') {
    if (change.target === 'body') return root ? 'request-body' : 'request-property';
    if (root) return 'request-parameter';
    return change.parameter?.in === 'header' ? 'request-header-property' : 'request-parameter-property';
  }
  if (change.target === 'header') return root ? 'response-header' : 'response-header-property';
  return root ? 'response-body' : 'response-property';
}

/** Words for messages: `request property 'data.name'`, `the request body`, `query parameter 'limit'`. */
export function describeTarget(change: SchemaChange): string {
  const property = change.location.property;
  const side = change.direction;
  if (change.target === 'parameter' && change.parameter) {
    const param = `${change.parameter.in} parameter '${change.parameter.name}'`;
    return property ? `property '${property}' of ${param}` : param;
  }
  if (change.target === 'header') {
    const header = `response header '${change.location.header ?? ''}'`;
    return property ? `property '${property}' of ${header}` : header;
  }
  const where = side === 'response' && change.location.status ? ` (${change.location.status})` : '';
  return property ? `${side} property '${property}'${where}` : `the ${side} body${where}`;
}

interface SchemaRuleSpec {
  id: RuleId;
  level: Level;
  description: string;
  oasdiff?: string | null;
  scopes: readonly SchemaScope[];
  keyword: SchemaKeyword;
  kinds: readonly SchemaChange['kind'][];
  /** Extra condition on the change. */
  when?: (change: SchemaChange) => boolean;
  message: (change: SchemaChange, target: string) => string;
  args?: (change: SchemaChange) => Record<string, unknown>;
}

/** A rule over one schema keyword in some scopes. */
export function schemaRule(spec: SchemaRuleSpec): Rule {
  const direction = spec.scopes[0]!.startsWith('request') ? 'request' : 'response';
  return defineRule('schema', {
    id: spec.id,
    level: spec.level,
    direction,
    description: spec.description,
    oasdiff: spec.oasdiff,
    detect(change) {
      if (change.keyword !== spec.keyword || !spec.kinds.includes(change.kind)) return null;
      if (!spec.scopes.includes(scopeOf(change))) return null;
      if (spec.when && !spec.when(change)) return null;
      const args: Record<string, unknown> = { pointer: change.pointer };
      if (change.location.property) args.property = change.location.property;
      if (change.parameter) args.parameter = change.parameter.name;
      if (change.name !== undefined) args.name = change.name;
      if (change.before !== undefined) args.before = change.before;
      if (change.after !== undefined) args.after = change.after;
      return { message: spec.message(change, describeTarget(change)), args: { ...args, ...spec.args?.(change) } };
    },
  });
}

/** `'x'` for messages. */
export function quote(value: unknown): string {
  return typeof value === 'string' ? `'${value}'` : (JSON.stringify(value) ?? String(value));
}
