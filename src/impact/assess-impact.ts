import { levelRank, type Finding, type FindingLocation, type Level, type RuleId } from '../drift';
import { interactionFacts, type FieldUse, type InteractionFacts } from './interaction-facts';
import { baseMediaType } from './json-value';
import { toPactDocument, type PactInput } from './pact-input';
import { indexOperations, parseOperation, resolveOperation, serverBasePaths, type OperationRef } from '../openapi';
import { formatPropertyPath, isWithin, parsePropertyPath, pointerToSegments } from './property-path';
import { specDocument, type SpecInput } from './spec-input';

/** One consumer interaction a finding touches, and why. */
export interface AffectedInteraction {
  consumer: string;
  description: string;
  /** One line: what the interaction sends or reads that the change hits, e.g. `reads data[].merchant_name (type matcher)`. */
  reason: string;
  /** The finding's level was raised because this interaction depends on what changed. */
  raised?: boolean;
}

export interface ImpactFields {
  affectedInteractions: AffectedInteraction[];
  /** No interaction of ours touches the change (it may still break the provider's other clients). */
  unaffected: boolean;
  /** The rules' level before our interactions' dependence raised it; absent when not raised. */
  raisedFrom?: Level;
}

/** A drift finding (with whatever else it carried, e.g. ignore marks) and the interactions it touches. */
export type ImpactedFinding<F extends Finding = Finding> = F & ImpactFields;

/**
 * Changes the rules call harmless in general that are not harmless to a consumer that depends on
 * what changed: the level the finding is raised to when one of our interactions touches it.
 */
export const RAISE_WHEN_DEPENDED_ON: Readonly<Partial<Record<RuleId, Level>>> = {
  // The client switches on the value; a new one reaches its default branch (or fails a regex matcher).
  'response-property-enum-value-added': 'warning',
  // A type matcher (and most clients' decoders) rejects null.
  'response-property-became-nullable': 'warning',
  'response-body-became-nullable': 'warning',
  'response-header-became-nullable': 'warning',
  // Values may stop matching the pact's regex matcher.
  'response-property-pattern-changed': 'warning',
  'response-property-pattern-removed': 'warning',
  // A new variant of a value the client decodes.
  'response-property-any-of-added': 'warning',
  'response-body-any-of-added': 'warning',
  // What we read, send or call is on its way out.
  'endpoint-deprecated': 'warning',
  'endpoint-deprecated-with-sunset': 'warning',
  'response-property-deprecated': 'warning',
  'response-property-deprecated-with-sunset': 'warning',
  'request-property-deprecated': 'warning',
  'request-property-deprecated-with-sunset': 'warning',
  'request-parameter-deprecated': 'warning',
  'request-parameter-removed-with-deprecation': 'warning',
  // A documented error status our client handles is no longer promised.
  'response-non-success-status-removed': 'warning',
  // Optional at the provider (Ramp's `required` lists are sparse), read by us: its removal breaks the pact.
  'response-optional-property-removed': 'error',
  // Deprecation made removal legal for the provider; it still breaks the interaction that calls it.
  'api-path-removed-with-deprecation': 'error',
  'api-removed-with-deprecation': 'error',
};

/** Rules about something now required: they hit the interactions that do NOT send it. */
const NOW_REQUIRED =
  /^(new-required-request-|request-(property|parameter|header-property|body)-became-required|request-body-added-required)/;

interface ResolvedInteraction {
  facts: InteractionFacts;
  operation: OperationRef | null;
}

/**
 * Ties drift findings to the pact interactions they touch. An interaction is matched to the finding's
 * operation by method and path template (concrete ids and `fromProviderState` expressions alike), then
 * to its location: the parameters and body fields the request sends, the status, media type, headers
 * and body fields the response matchers read. `spec` (the revision, or both documents) lets an
 * interaction resolve to the most specific template when several match; without it, the findings'
 * own operations are the only templates known.
 */
export function assessImpact<F extends Finding>(
  findings: readonly F[],
  pacts: readonly PactInput[],
  spec?: SpecInput | readonly SpecInput[],
): ImpactedFinding<F>[] {
  const documents =
    spec === undefined ? [] : (Array.isArray(spec) ? spec : [spec]).map((s: SpecInput) => specDocument(s));
  const operations = knownOperations(
    findings,
    documents.flatMap((d) => indexOperations(d)),
  );
  const basePaths = [...new Set(documents.flatMap(serverBasePaths))];
  const interactions: ResolvedInteraction[] = pacts
    .map((pact, i) => toPactDocument(pact, i))
    .flatMap(interactionFacts)
    .map((facts) => ({ facts, operation: resolveOperation(facts.method, facts.paths, operations, basePaths) }));
  return findings.map((finding) => assessOne(finding, interactions));
}

function knownOperations(findings: readonly Finding[], fromSpecs: OperationRef[]): OperationRef[] {
  const byKey = new Map<string, OperationRef>();
  for (const op of fromSpecs) byKey.set(`${op.method} ${op.template}`, op);
  for (const finding of findings) {
    const op = parseOperation(finding.operation);
    if (op) byKey.set(`${op.method} ${op.template}`, op);
  }
  return [...byKey.values()];
}

function assessOne<F extends Finding>(finding: F, interactions: readonly ResolvedInteraction[]): ImpactedFinding<F> {
  const target = parseOperation(finding.operation);
  const affected: AffectedInteraction[] = [];
  for (const { facts, operation } of interactions) {
    let reason: string | null;
    if (target === null) {
      // Document-level: only a change to the security every operation inherits reaches an interaction.
      reason = finding.id.startsWith('api-global-security')
        ? `calls ${facts.method} ${facts.paths[0] ?? ''}, which inherits the global security`
        : null;
    } else if (operation === null || operation.method !== target.method || operation.template !== target.template) {
      reason = null;
    } else {
      reason = touches(finding, facts);
    }
    if (reason !== null) affected.push({ consumer: facts.consumer, description: facts.description, reason });
  }
  const raiseTo = RAISE_WHEN_DEPENDED_ON[finding.id];
  if (affected.length > 0 && raiseTo !== undefined && levelRank(raiseTo) > levelRank(finding.level)) {
    return {
      ...finding,
      level: raiseTo,
      raisedFrom: finding.level,
      affectedInteractions: affected.map((a) => ({ ...a, raised: true })),
      unaffected: false,
    };
  }
  return { ...finding, affectedInteractions: affected, unaffected: affected.length === 0 };
}

/** Why `facts` depends on what `finding` changed, or null when it does not. */
function touches(finding: Finding, facts: InteractionFacts): string | null {
  const { location } = finding;
  if (location.direction === 'response' || (location.direction === undefined && location.status !== undefined)) {
    return responseTouch(finding, facts);
  }
  if (location.direction === 'request') return requestTouch(finding, facts);
  return `calls ${finding.operation ?? facts.method}`;
}

function targetSegments(location: FindingLocation): string[] | null {
  if (location.property !== undefined && location.property !== '') return parsePropertyPath(location.property);
  if (location.pointer !== undefined && location.pointer !== '') return pointerToSegments(location.pointer);
  return null;
}

function isBodyLevel(location: FindingLocation): boolean {
  return (
    location.pointer === '' ||
    (location.mediaType !== undefined && location.parameter === undefined && location.header === undefined)
  );
}

function responseTouch(finding: Finding, facts: InteractionFacts): string | null {
  const { location } = finding;
  const response = facts.response;
  if (location.status !== undefined && !statusMatches(location.status, response.status)) return null;
  if (location.mediaType !== undefined) {
    if (!response.hasBody) return null;
    if (response.mediaType !== null && baseMediaType(location.mediaType) !== response.mediaType) return null;
  }
  if (location.header !== undefined) {
    return response.headers.has(location.header.toLowerCase()) ? `reads response header ${location.header}` : null;
  }
  const segments = targetSegments(location);
  if (segments === null || segments.length === 0) {
    if (isBodyLevel(location)) return response.hasBody ? `reads the ${response.status} response body` : null;
    if (location.status !== undefined) return `expects status ${response.status}`;
    return `calls ${finding.operation ?? ''}`;
  }
  const exact = response.fields.find((f) => isWithin(f.segments, segments) && f.segments.length === segments.length);
  const inside = exact ?? response.fields.find((f) => isWithin(f.segments, segments));
  if (inside === undefined) return null;
  return `reads ${formatPropertyPath(segments)}${matcherNote(finding, exact ?? inside, exact !== undefined)}`;
}

function requestTouch(finding: Finding, facts: InteractionFacts): string | null {
  const { location } = finding;
  const request = facts.request;
  const nowRequired = NOW_REQUIRED.test(finding.id);
  if (location.parameter !== undefined) {
    const { in: where, name } = location.parameter;
    const sent = parameterSent(where, name, facts);
    if (nowRequired) return sent ? null : `does not send ${where} parameter ${name}, which is now required`;
    return sent ? `sends ${where} parameter ${name}` : null;
  }
  if (
    location.mediaType !== undefined &&
    request.hasBody &&
    request.mediaType !== null &&
    baseMediaType(location.mediaType) !== request.mediaType
  ) {
    return null;
  }
  const segments = targetSegments(location);
  if (segments === null || segments.length === 0) {
    if (isBodyLevel(location)) {
      if (nowRequired) return request.hasBody ? null : 'sends no request body, which is now required';
      return request.hasBody ? `sends a ${request.mediaType ?? ''} request body`.replace('  ', ' ') : null;
    }
    return `calls ${finding.operation ?? ''}`;
  }
  const property = formatPropertyPath(segments);
  const sent = request.fields.some((f) => isWithin(f.segments, segments));
  if (nowRequired) {
    const parent = segments.slice(0, -1);
    const parentSent = parent.length === 0 ? request.hasBody : request.fields.some((f) => isWithin(f.segments, parent));
    // A property required inside an object the request does not send at all asks nothing of it.
    return !sent && parentSent ? `does not send ${property}, which is now required` : null;
  }
  return sent ? `sends ${property}` : null;
}

function parameterSent(where: string, name: string, facts: InteractionFacts): boolean {
  switch (where) {
    case 'path':
      return true;
    case 'query':
      return facts.request.query.has(name);
    case 'header':
      return facts.request.headers.has(name.toLowerCase());
    case 'cookie':
      return facts.request.headers.has('cookie');
    default:
      return false;
  }
}

/** `200` matches 200, `2XX` any 2xx, `default` anything. */
export function statusMatches(documented: string, status: number): boolean {
  if (documented === 'default') return true;
  if (/^[1-5]XX$/i.test(documented)) return String(status)[0] === documented[0];
  return documented === String(status);
}

function matcherNote(finding: Finding, field: FieldUse, exact: boolean): string {
  if (!exact) return ' (the interaction reads fields inside it)';
  if (field.matcher === null) return ' (its example value)';
  const newValue = finding.args['after'] ?? finding.args['name'];
  if (field.matcher === 'regex' && field.regex !== undefined) {
    if (finding.id.endsWith('enum-value-added') && typeof newValue === 'string') {
      const accepts = safeRegex(field.regex)?.test(newValue);
      if (accepts === false)
        return ` with a regex matcher that rejects ${newValue}: its pact fails when the provider sends it`;
      if (accepts === true)
        return ` with a regex matcher that accepts ${newValue}; the client must handle the new value`;
    }
    return ` (regex matcher ${field.regex})`;
  }
  if (finding.id.endsWith('became-nullable') && field.matcher === 'type')
    return ' with a type matcher, which rejects null';
  return ` (${field.matcher} matcher)`;
}

function safeRegex(source: string): RegExp | null {
  try {
    return new RegExp(source);
  } catch {
    return null;
  }
}
