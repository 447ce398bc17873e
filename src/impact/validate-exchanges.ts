import { redact } from '../log/redact';
import type { CaseResult, StepResult } from '../report/model';
import { statusMatches } from './assess-impact';
import { baseMediaType, isJsonMediaType, isObject, type JsonObject } from './json-value';
import {
  escapePointerToken as escapePointer,
  formatOperation,
  indexOperations,
  resolveOperation,
  serverBasePaths,
} from '../openapi';
import type { RecordedExchange } from './recording-proxy';
import { DEFAULT_SPEC_GAP_CONFIG, isGapStatus, judgeGap, SPEC_GAP_RULES, type SpecGapConfig } from './spec-gaps';
import { describeAjvError, SpecSchemas } from './spec-schema';
import { specDocument, type SpecInput } from './spec-input';

export const PROVIDER_SPEC_STEP_ID = 'provider-vs-spec';
export const PROVIDER_SPEC_SUITE = 'provider vs its spec';

/** Rule ids of what this check reports, for the report's rule column and the "resolved" state. */
export const PROVIDER_RULES = {
  undocumentedOperation: 'provider-undocumented-operation',
  undocumentedStatus: 'provider-undocumented-status',
  /** A 4xx the document does not describe: a documentation gap (spec-gaps.ts), a warning by default. */
  undocumentedErrorStatus: SPEC_GAP_RULES.providerErrorStatus,
  undocumentedMediaType: 'provider-undocumented-media-type',
  schemaMismatch: 'provider-response-schema-mismatch',
  undocumentedField: 'provider-response-undocumented-field',
} as const;

/** Problems quoted per case; the rest are counted. */
const MAX_PROBLEMS_LISTED = 10;
/** Array items walked per array when looking for undocumented fields. */
const MAX_ITEMS_WALKED = 50;
const MAX_DEPTH = 24;

interface Group {
  operation: string;
  /** The resolved operation, for judging a documentation gap. */
  ref: { method: string; path: string } | null;
  status: number;
  exchanges: number;
  /** Contradictions of the document: wrong type, missing required field, undocumented status. */
  problems: Map<string, string>;
  undocumented: Set<string>;
  /** Bodies not validated (too large, not JSON): counted so the report says so. */
  unchecked: number;
}

/**
 * Validates each response the target actually sent against the operation's response schema for that
 * status in the published spec. A response that contradicts the document (an undocumented status or
 * media type, a wrong type, a missing required field) fails as provider drift; fields the document
 * does not declare are warnings even where the schema allows extras. A 4xx the document does not
 * describe is a documentation gap, judged by `gaps` (a warning by default). One case per operation and status.
 */
export function validateExchanges(
  spec: SpecInput,
  exchanges: readonly RecordedExchange[],
  gaps: SpecGapConfig = DEFAULT_SPEC_GAP_CONFIG,
): CaseResult[] {
  const document = specDocument(spec);
  const schemas = new SpecSchemas(document);
  const operations = indexOperations(document);
  const basePaths = serverBasePaths(document);
  const groups = new Map<string, Group>();
  for (const exchange of exchanges) {
    const operation = resolveOperation(exchange.method.toUpperCase(), [exchange.path], operations, basePaths);
    const label = operation ? formatOperation(operation) : `${exchange.method.toUpperCase()} ${exchange.path}`;
    const key = `${label} ${exchange.status}`;
    let group = groups.get(key);
    if (!group) {
      const ref = operation ? { method: operation.method, path: operation.template } : null;
      group = {
        operation: label,
        ref,
        status: exchange.status,
        exchanges: 0,
        problems: new Map(),
        undocumented: new Set(),
        unchecked: 0,
      };
      groups.set(key, group);
    }
    group.exchanges += 1;
    if (operation === null) {
      group.problems.set(PROVIDER_RULES.undocumentedOperation, 'the published spec has no such operation');
      continue;
    }
    checkExchange(schemas, operation.method.toLowerCase(), operation.template, exchange, group);
  }
  return [...groups.values()].flatMap((group) => toCases(group, gaps));
}

/** `validateExchanges` as a step of the run report (`provider-vs-spec`). */
export function providerSpecStep(
  spec: SpecInput,
  exchanges: readonly RecordedExchange[],
  dropped = 0,
  gaps?: SpecGapConfig,
): StepResult {
  const cases = validateExchanges(spec, exchanges, gaps);
  return {
    id: PROVIDER_SPEC_STEP_ID,
    title: 'Responses against the published spec',
    cases,
    summary: { exchanges: exchanges.length, dropped, failed: cases.filter((c) => c.outcome === 'failed').length },
  };
}

function checkExchange(
  schemas: SpecSchemas,
  method: string,
  template: string,
  exchange: RecordedExchange,
  group: Group,
): void {
  const responsesPointer = `/paths/${escapePointer(template)}/${method}/responses`;
  const responses = schemas.resolve(responsesPointer);
  const documented = responses && isObject(responses.node) ? Object.keys(responses.node) : [];
  const statusKey =
    documented.find((s) => s === String(exchange.status)) ??
    documented.find((s) => s !== 'default' && statusMatches(s, exchange.status)) ??
    documented.find((s) => s === 'default');
  if (statusKey === undefined) {
    const gap = isGapStatus(exchange.status);
    const rule = gap ? PROVIDER_RULES.undocumentedErrorStatus : PROVIDER_RULES.undocumentedStatus;
    const listed = documented.join(', ') || 'none';
    group.problems.set(rule, `status ${exchange.status} is not documented (documented: ${listed})`);
    return;
  }
  const response = schemas.resolve(`${responsesPointer}/${escapePointer(statusKey)}`);
  if (!response || !isObject(response.node)) return;
  const content = response.node['content'];
  const hasBody = exchange.body !== undefined || exchange.bodyOmitted !== undefined;
  if (!hasBody) return;
  if (!isObject(content) || Object.keys(content).length === 0) {
    group.problems.set(
      PROVIDER_RULES.undocumentedMediaType,
      `a ${exchange.contentType ?? 'body'} body where the document describes none for ${statusKey}`,
    );
    return;
  }
  const mediaType = pickMediaType(Object.keys(content), exchange.contentType);
  if (mediaType === null) {
    group.problems.set(
      PROVIDER_RULES.undocumentedMediaType,
      `Content-Type ${exchange.contentType ?? '(none)'} is not documented for ${statusKey} (documented: ${Object.keys(content).join(', ')})`,
    );
    return;
  }
  if (exchange.body === undefined) {
    group.unchecked += 1;
    return;
  }
  const schemaPointer = `${response.pointer}/content/${escapePointer(mediaType)}/schema`;
  if (schemas.resolve(schemaPointer) === null) return;
  const validate = schemas.validator(schemaPointer);
  if (validate instanceof Error) {
    group.problems.set('schema-unusable', `the documented schema does not compile: ${validate.message}`);
    return;
  }
  if (!validate(exchange.body)) {
    for (const error of validate.errors ?? []) {
      const text = describeAjvError(error);
      group.problems.set(`${PROVIDER_RULES.schemaMismatch} ${text}`, text);
    }
  }
  for (const field of undocumentedFields(schemas, schemaPointer, exchange.body)) group.undocumented.add(field);
}

/** The documented media type a response's Content-Type falls under (exact, then `type/*`, then `*\/*`). */
function pickMediaType(documented: readonly string[], contentType: string | null): string | null {
  const actual = baseMediaType(contentType);
  if (actual === null) return documented.find((d) => isJsonMediaType(d)) ?? documented[0] ?? null;
  const byBase = (d: string): string | null => baseMediaType(d);
  return (
    documented.find((d) => byBase(d) === actual) ??
    documented.find((d) => byBase(d) === `${actual.split('/')[0]}/*`) ??
    documented.find((d) => byBase(d) === '*/*') ??
    null
  );
}

/**
 * Fields of `value` that no `properties` of the schema (through `$ref`, `allOf`, `anyOf`, `oneOf`)
 * declares, as `data[].tip_amount`. Objects whose schema declares no properties at all (free-form maps) are not walked.
 */
export function undocumentedFields(schemas: SpecSchemas, pointer: string, value: unknown): string[] {
  const out = new Set<string>();
  const walk = (schemaPointer: string, node: unknown, path: string, depth: number): void => {
    if (depth > MAX_DEPTH || out.size >= 100) return;
    const branches = flattenBranches(schemas, schemaPointer, 0);
    if (Array.isArray(node)) {
      const itemPointers = branches.flatMap(({ node: s, pointer: p }) => (isObject(s['items']) ? [`${p}/items`] : []));
      if (itemPointers.length === 0) return;
      for (const item of node.slice(0, MAX_ITEMS_WALKED))
        for (const p of itemPointers.slice(0, 1)) walk(p, item, `${path}[]`, depth + 1);
      return;
    }
    if (!isObject(node)) return;
    const declared = new Map<string, string>();
    let openEnded = false;
    for (const { node: s, pointer: p } of branches) {
      if (isObject(s['properties']))
        for (const name of Object.keys(s['properties']))
          if (!declared.has(name)) declared.set(name, `${p}/properties/${escapePointer(name)}`);
      if (isObject(s['additionalProperties']) || isObject(s['patternProperties'])) openEnded = true;
    }
    if (declared.size === 0) return;
    for (const [key, child] of Object.entries(node)) {
      const childPath = path === '' ? key : `${path}.${key}`;
      const childPointer = declared.get(key);
      if (childPointer === undefined) {
        if (!openEnded) out.add(childPath);
        continue;
      }
      walk(childPointer, child, childPath, depth + 1);
    }
  };
  walk(pointer, value, '', 0);
  return [...out];
}

function flattenBranches(
  schemas: SpecSchemas,
  pointer: string,
  depth: number,
): Array<{ node: JsonObject; pointer: string }> {
  if (depth > MAX_DEPTH) return [];
  const resolved = schemas.resolve(pointer);
  if (!resolved || !isObject(resolved.node)) return [];
  const own = { node: resolved.node, pointer: resolved.pointer };
  const nested: Array<{ node: JsonObject; pointer: string }> = [];
  for (const keyword of ['allOf', 'anyOf', 'oneOf'] as const) {
    const list = resolved.node[keyword];
    if (!Array.isArray(list)) continue;
    list.forEach((_, i) => nested.push(...flattenBranches(schemas, `${resolved.pointer}/${keyword}/${i}`, depth + 1)));
  }
  return [own, ...nested];
}

function toCases(group: Group, gaps: SpecGapConfig): CaseResult[] {
  const name = `${group.operation} → ${group.status}`;
  const data = { operation: group.operation, status: String(group.status), exchanges: group.exchanges };
  const cases: CaseResult[] = [];
  const problems = [...group.problems.entries()];
  if (problems.length === 1 && problems[0]?.[0] === PROVIDER_RULES.undocumentedErrorStatus) {
    const verdict = judgeGap(SPEC_GAP_RULES.providerErrorStatus, group.ref, group.status, gaps);
    cases.push({
      suite: PROVIDER_SPEC_SUITE,
      name,
      outcome: verdict.outcome,
      ...(verdict.severity && { severity: verdict.severity }),
      durationMs: 0,
      message: `the provider answered ${verdict.note}`,
      data: { ...data, ...verdict.data },
    });
  } else if (problems.length > 0) {
    const ruleId = problemRule(problems[0]?.[0] ?? PROVIDER_RULES.schemaMismatch);
    const listed = problems.slice(0, MAX_PROBLEMS_LISTED).map(([, text]) => `- ${text}`);
    if (problems.length > MAX_PROBLEMS_LISTED) listed.push(`- … and ${problems.length - MAX_PROBLEMS_LISTED} more`);
    cases.push({
      suite: PROVIDER_SPEC_SUITE,
      name,
      outcome: ruleId === PROVIDER_RULES.undocumentedOperation ? 'passed' : 'failed',
      severity: ruleId === PROVIDER_RULES.undocumentedOperation ? 'warning' : 'error',
      durationMs: 0,
      message: redact(`the provider disagrees with its own spec: ${problems[0]?.[1] ?? ''}`),
      detail: redact(listed.join('\n')),
      data: { ...data, ruleId, problems: problems.slice(0, MAX_PROBLEMS_LISTED).map(([, text]) => redact(text)) },
    });
  }
  if (group.undocumented.size > 0) {
    const fields = [...group.undocumented].sort();
    const shown = fields.slice(0, MAX_PROBLEMS_LISTED).join(', ');
    cases.push({
      suite: PROVIDER_SPEC_SUITE,
      name: `${name}: undocumented fields`,
      outcome: 'passed',
      severity: 'warning',
      durationMs: 0,
      message: redact(
        `the response carries ${fields.length} field${fields.length === 1 ? '' : 's'} the spec does not document: ${shown}${fields.length > MAX_PROBLEMS_LISTED ? ', …' : ''}`,
      ),
      data: { ...data, ruleId: PROVIDER_RULES.undocumentedField, fields: fields.slice(0, 100) },
    });
  }
  if (cases.length === 0) {
    const note =
      group.unchecked > 0
        ? `${group.unchecked} of ${group.exchanges} bodies not validated (too large or not JSON)`
        : undefined;
    cases.push({
      suite: PROVIDER_SPEC_SUITE,
      name,
      outcome: 'passed',
      durationMs: 0,
      ...(note && { message: note }),
      data,
    });
  }
  return cases;
}

function problemRule(key: string): string {
  const rule = Object.values(PROVIDER_RULES).find((r) => key === r || key.startsWith(`${r} `));
  return rule ?? PROVIDER_RULES.schemaMismatch;
}
