import type { CaseResult, Severity } from './model';
import { sortKeys } from './json';

/**
 * What the renderers read from a case's `data`, parsed once into a union tagged by kind. `data` stays
 * as each step wrote it (verify.json is read back from older runs, and steps add fields freely); this
 * module is the only one that looks inside it, so a renderer reads typed fields, never string keys.
 */
export type CaseData = RuleFindingData | GuardrailData | PlainData;

/** Facts any step may record. */
interface SharedData {
  /** `GET /v1/cards/{id}` */
  operation: string | null;
  /** A drift level (`error`, `warning`, `info` or an alias such as `warn`), normalised. */
  level: Severity | null;
  /** The consumer and interaction a pact check is about. */
  consumer: string | null;
  interaction: string | null;
  /** An OAuth scope the case is about. */
  scope: string | null;
  /** The messages of the comparator's problems (`data.problems[].message`). */
  problemMessages: string[];
}

/** A case a rule judged: a drift finding, or a pact or response checked against the spec. */
export interface RuleFindingData extends SharedData {
  kind: 'rule-finding';
  ruleId: string;
  location: FindingPlace | null;
  /** `undefined` when nobody matched findings to interactions; empty when none is affected. */
  affectedInteractions: string[] | undefined;
}

/** Where in its operation a finding sits. */
export interface FindingPlace {
  /** The location as one stable text (a JSON object is serialised). */
  label: string;
  direction: 'request' | 'response' | null;
  property: string | null;
  parameter: string | null;
  header: string | null;
}

/** A guardrail check (`least-privilege`, `rate-limit`, ...). */
export interface GuardrailData extends SharedData {
  kind: 'guardrail';
  check: string;
  remedy: string | null;
  /** An operation answering without a token: reported as an error, shown as critical. */
  critical: boolean;
}

export interface PlainData extends SharedData {
  kind: 'plain';
}

const LEVEL_ALIASES: Readonly<Record<string, Severity>> = {
  error: 'error',
  err: 'error',
  breaking: 'error',
  warning: 'warning',
  warn: 'warning',
  info: 'info',
  notice: 'info',
};

/** The case's data, parsed. */
export function caseData(c: CaseResult): CaseData {
  const raw = c.data ?? {};
  const level = typeof raw['level'] === 'string' ? LEVEL_ALIASES[raw['level'].toLowerCase()] : undefined;
  const shared: SharedData = {
    operation: stringAt(raw, 'operation'),
    level: level ?? null,
    consumer: stringAt(raw, 'consumer'),
    interaction: stringAt(raw, 'interaction'),
    scope: stringAt(raw, 'scope'),
    problemMessages: Array.isArray(raw['problems'])
      ? raw['problems'].map((p) => (isRecord(p) ? stringAt(p, 'message') : null)).filter((m) => m !== null)
      : [],
  };
  const ruleId = stringAt(raw, 'ruleId');
  if (ruleId !== null) {
    const affected = raw['affectedInteractions'];
    return {
      kind: 'rule-finding',
      ...shared,
      ruleId,
      location: placeOf(raw['location']),
      affectedInteractions: Array.isArray(affected)
        ? affected.map((a) => (typeof a === 'string' ? a : JSON.stringify(a)))
        : undefined,
    };
  }
  const check = stringAt(raw, 'check');
  if (check !== null)
    return { kind: 'guardrail', ...shared, check, remedy: stringAt(raw, 'remedy'), critical: raw['critical'] === true };
  return { kind: 'plain', ...shared };
}

function placeOf(raw: unknown): FindingPlace | null {
  if (raw === undefined || raw === null || raw === '') return null;
  if (!isRecord(raw)) return { label: typeof raw === 'string' ? raw : JSON.stringify(sortKeys(raw)), ...NOWHERE };
  const direction = raw['direction'] === 'request' || raw['direction'] === 'response' ? raw['direction'] : null;
  return {
    // In verify.json's key order, so a report and its JSON read back name the problem alike.
    label: JSON.stringify(sortKeys(raw)),
    direction,
    property: stringAt(raw, 'property'),
    parameter: isRecord(raw['parameter']) ? stringAt(raw['parameter'], 'name') : null,
    header: stringAt(raw, 'header'),
  };
}

const NOWHERE = { direction: null, property: null, parameter: null, header: null } as const;

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function stringAt(record: Record<string, unknown>, key: string): string | null {
  const value = record[key];
  return typeof value === 'string' && value !== '' ? value : null;
}
