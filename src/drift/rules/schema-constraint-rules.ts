/**
 * Bounds and patterns. In a request a tighter bound rejects input that used to be valid (error);
 * in a response a looser bound sends values the client never had to handle (error).
 */
import type { SchemaChange, SchemaKeyword } from '../model';
import { quote, schemaRule, type Rule, type SchemaScope } from './define';

/** An upper bound (max*) accepts less when it decreases, a lower bound (min*) when it increases. */
type Bound =
  | { keyword: SchemaKeyword; slug: 'max-length' | 'max' | 'exclusive-max' | 'max-items'; stricter: 'decreased' }
  | { keyword: SchemaKeyword; slug: 'min-length' | 'min' | 'exclusive-min' | 'min-items'; stricter: 'increased' };

const BOUNDS: readonly Bound[] = [
  { keyword: 'maxLength', slug: 'max-length', stricter: 'decreased' },
  { keyword: 'minLength', slug: 'min-length', stricter: 'increased' },
  { keyword: 'maximum', slug: 'max', stricter: 'decreased' },
  { keyword: 'minimum', slug: 'min', stricter: 'increased' },
  { keyword: 'exclusiveMaximum', slug: 'exclusive-max', stricter: 'decreased' },
  { keyword: 'exclusiveMinimum', slug: 'exclusive-min', stricter: 'increased' },
  { keyword: 'maxItems', slug: 'max-items', stricter: 'decreased' },
  { keyword: 'minItems', slug: 'min-items', stricter: 'increased' },
];

const REQUEST_SCOPES: Record<'body' | 'property' | 'parameter', readonly SchemaScope[]> = {
  body: ['request-body'],
  property: ['request-property'],
  parameter: ['request-parameter', 'request-parameter-property', 'request-header-property'],
};
const RESPONSE_SCOPES: Record<'body' | 'property', readonly SchemaScope[]> = {
  body: ['response-body'],
  property: ['response-property', 'response-header', 'response-header-property'],
};

const moved =
  (want: 'decreased' | 'increased') =>
  (c: SchemaChange): boolean =>
    c.kind === 'changed' &&
    (want === 'decreased' ? (c.after as number) < (c.before as number) : (c.after as number) > (c.before as number));

function boundRules(bound: Bound): Rule[] {
  const looser = bound.stricter === 'decreased' ? 'increased' : 'decreased';
  const rules: Rule[] = [];
  for (const where of ['body', 'property', 'parameter'] as const) {
    const scopes = REQUEST_SCOPES[where];
    rules.push(
      schemaRule({
        id: `request-${where}-${bound.slug}-${bound.stricter}`,
        level: 'error',
        description: `${bound.keyword} of a request ${where} ${bound.stricter}`,
        scopes,
        keyword: bound.keyword,
        kinds: ['changed'],
        when: moved(bound.stricter),
        message: (c, t) => `${bound.keyword} of ${t} ${bound.stricter} from ${String(c.before)} to ${String(c.after)}`,
      }),
      schemaRule({
        id: `request-${where}-${bound.slug}-${looser}`,
        level: 'info',
        description: `${bound.keyword} of a request ${where} ${looser}`,
        scopes,
        keyword: bound.keyword,
        kinds: ['changed'],
        when: moved(looser),
        message: (c, t) => `${bound.keyword} of ${t} ${looser} from ${String(c.before)} to ${String(c.after)}`,
      }),
      schemaRule({
        id: `request-${where}-${bound.slug}-set`,
        level: 'warning',
        description: `a request ${where} without ${bound.keyword} got one`,
        scopes,
        keyword: bound.keyword,
        kinds: ['added'],
        message: (c, t) => `${t} had no ${bound.keyword} and now has ${String(c.after)}`,
      }),
    );
  }
  for (const where of ['body', 'property'] as const) {
    const scopes = RESPONSE_SCOPES[where];
    rules.push(
      schemaRule({
        id:
          bound.stricter === 'decreased'
            ? `response-${where}-${bound.slug}-increased`
            : `response-${where}-${bound.slug}-decreased`,
        level: 'error',
        description: `${bound.keyword} of a response ${where} ${looser} (clients may receive values they never had to handle)`,
        scopes,
        keyword: bound.keyword,
        kinds: ['changed'],
        when: moved(looser),
        message: (c, t) => `${bound.keyword} of ${t} ${looser} from ${String(c.before)} to ${String(c.after)}`,
      }),
      schemaRule({
        id: `response-${where}-${bound.slug}-unset`,
        level: 'error',
        description: `${bound.keyword} of a response ${where} was removed`,
        scopes,
        keyword: bound.keyword,
        kinds: ['removed'],
        message: (c, t) => `${bound.keyword} ${String(c.before)} of ${t} was removed`,
      }),
    );
  }
  return rules;
}

/** Patterns that accept anything: moving to one is a generalisation. */
const ANY_PATTERN = new Set(['', '.*', '^.*$', '.*$', '^.*', '[\\s\\S]*', '^[\\s\\S]*$']);

function patternRules(): Rule[] {
  const rules: Rule[] = [];
  for (const where of ['property', 'parameter'] as const) {
    const scopes = REQUEST_SCOPES[where];
    rules.push(
      schemaRule({
        id: `request-${where}-pattern-added`,
        level: 'error',
        description: `a pattern was added to a request ${where}`,
        scopes: where === 'property' ? ['request-body', 'request-property'] : scopes,
        keyword: 'pattern',
        kinds: ['added'],
        message: (c, t) => `pattern ${quote(c.after)} was added to ${t}`,
      }),
      schemaRule({
        id: `request-${where}-pattern-changed`,
        level: 'warning',
        description: `the pattern of a request ${where} changed (it may reject values it accepted)`,
        scopes: where === 'property' ? ['request-body', 'request-property'] : scopes,
        keyword: 'pattern',
        kinds: ['changed'],
        when: (c) => !ANY_PATTERN.has(String(c.after)),
        message: (c, t) => `pattern of ${t} changed from ${quote(c.before)} to ${quote(c.after)}`,
      }),
      schemaRule({
        id: `request-${where}-pattern-generalized`,
        level: 'info',
        description: `the pattern of a request ${where} now accepts anything`,
        scopes: where === 'property' ? ['request-body', 'request-property'] : scopes,
        keyword: 'pattern',
        kinds: ['changed'],
        when: (c) => ANY_PATTERN.has(String(c.after)),
        message: (c, t) =>
          `pattern of ${t} changed from ${quote(c.before)} to ${quote(c.after)}, which accepts anything`,
      }),
      schemaRule({
        id: `request-${where}-pattern-removed`,
        level: 'info',
        description: `the pattern of a request ${where} was removed`,
        scopes: where === 'property' ? ['request-body', 'request-property'] : scopes,
        keyword: 'pattern',
        kinds: ['removed'],
        message: (c, t) => `pattern ${quote(c.before)} of ${t} was removed`,
      }),
    );
  }
  for (const kind of ['added', 'changed', 'removed'] as const) {
    rules.push(
      schemaRule({
        id: `response-property-pattern-${kind}`,
        level: 'info',
        description: `the pattern of a response property was ${kind}`,
        scopes: ['response-body', 'response-property', 'response-header', 'response-header-property'],
        keyword: 'pattern',
        kinds: [kind],
        message: (c, t) => `pattern of ${t} ${kind}${c.after !== undefined ? `: ${quote(c.after)}` : ''}`,
      }),
    );
  }
  return rules;
}

export const SCHEMA_CONSTRAINT_RULES: readonly Rule[] = [...BOUNDS.flatMap(boundRules), ...patternRules()];
