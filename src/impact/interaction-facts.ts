import { interactionLabel } from '../contracts/interaction-label';
import { baseMediaType, isObject, stringOf, type JsonObject } from './json-value';
import type { PactDocument } from './pact-input';
import { examplePaths, formatPropertyPath, jsonPathToSegments } from './property-path';

/** A field an interaction sends or reads, and how its pact matches it. */
export interface FieldUse {
  segments: string[];
  /** `type`, `regex`, `integer`, ... from the matching rules; null when only the example value pins it. */
  matcher: string | null;
  /** The regex of a `regex` matcher. */
  regex?: string;
}

/** What one HTTP interaction of a pact depends on: the request it sends and the response parts it reads. */
export interface InteractionFacts {
  consumer: string;
  description: string;
  /** `spend-sync › a request for a transaction`: how reports name it. */
  label: string;
  providerStates: string[];
  method: string;
  /** The concrete path, then the `fromProviderState` expression when there is one. */
  paths: string[];
  request: {
    /** Query parameter names as sent. */
    query: Set<string>;
    /** Header names, lower case. */
    headers: Set<string>;
    hasBody: boolean;
    mediaType: string | null;
    fields: FieldUse[];
  };
  response: {
    status: number;
    headers: Set<string>;
    hasBody: boolean;
    mediaType: string | null;
    fields: FieldUse[];
  };
}

export { interactionLabel, LABEL_SEPARATOR } from '../contracts/interaction-label';

/** The facts of every HTTP interaction of a pact (message interactions have no request to match). */
export function interactionFacts(pact: PactDocument): InteractionFacts[] {
  const out: InteractionFacts[] = [];
  for (const interaction of pact.interactions) {
    const type = interaction['type'];
    if (type !== undefined && type !== 'Synchronous/HTTP') continue;
    const request = isObject(interaction['request']) ? interaction['request'] : {};
    const response = isObject(interaction['response']) ? interaction['response'] : {};
    const method = stringOf(request['method']);
    const path = stringOf(request['path']);
    const description = stringOf(interaction['description']);
    if (method === null || path === null || description === null) continue;
    out.push({
      consumer: pact.consumer,
      description,
      label: interactionLabel(pact.consumer, description),
      providerStates: statesOf(interaction),
      method: method.toUpperCase(),
      paths: [path, ...pathExpressions(request)],
      request: {
        query: new Set(
          isObject(request['query']) ? Object.keys(request['query']) : queryKeys(stringOf(request['query'])),
        ),
        headers: headerNames(request),
        ...bodyFacts(request),
      },
      response: {
        status: typeof response['status'] === 'number' ? response['status'] : 200,
        headers: headerNames(response),
        ...bodyFacts(response),
      },
    });
  }
  return out;
}

function statesOf(interaction: JsonObject): string[] {
  const legacy = stringOf(interaction['providerState']);
  if (legacy) return [legacy];
  const states = interaction['providerStates'];
  if (!Array.isArray(states)) return [];
  return states.flatMap((s: unknown) => (isObject(s) && typeof s['name'] === 'string' ? [s['name']] : []));
}

/** `fromProviderState` paths: `/v1/transactions/${transactionId}` (V3/V4 generators). */
function pathExpressions(request: JsonObject): string[] {
  const generators = request['generators'];
  if (!isObject(generators) || !isObject(generators['path'])) return [];
  const expression = stringOf(generators['path']['expression']);
  return expression ? [expression] : [];
}

function queryKeys(query: string | null): string[] {
  if (!query) return [];
  return [...new URLSearchParams(query).keys()];
}

function headerNames(part: JsonObject): Set<string> {
  const names = new Set<string>();
  if (isObject(part['headers'])) for (const name of Object.keys(part['headers'])) names.add(name.toLowerCase());
  const rules = part['matchingRules'];
  if (isObject(rules) && isObject(rules['header']))
    for (const name of Object.keys(rules['header'])) names.add(name.toLowerCase());
  return names;
}

/** The body as the consumer wrote it (V4 wraps it in `{content, contentType, encoded}`). */
function bodyOf(part: JsonObject): { present: boolean; content: unknown; contentType: string | null } {
  if (!('body' in part) || part['body'] === undefined || part['body'] === null)
    return { present: false, content: undefined, contentType: null };
  const body = part['body'];
  if (isObject(body) && 'content' in body && ('contentType' in body || 'encoded' in body)) {
    return { present: true, content: body['content'], contentType: stringOf(body['contentType']) };
  }
  return { present: true, content: body, contentType: null };
}

function contentTypeHeader(part: JsonObject): string | null {
  if (!isObject(part['headers'])) return null;
  for (const [name, value] of Object.entries(part['headers'])) {
    if (name.toLowerCase() !== 'content-type') continue;
    const first: unknown = Array.isArray(value) ? value[0] : value;
    return stringOf(first);
  }
  return null;
}

function bodyFacts(part: JsonObject): { hasBody: boolean; mediaType: string | null; fields: FieldUse[] } {
  const body = bodyOf(part);
  const mediaType =
    baseMediaType(body.contentType ?? contentTypeHeader(part)) ?? (body.present ? 'application/json' : null);
  const byPath = new Map<string, FieldUse>();
  // The verifier compares every key of an example object (missing keys fail), so example keys are read too.
  if (body.present)
    for (const segments of examplePaths(body.content))
      byPath.set(formatPropertyPath(segments), { segments, matcher: null });
  for (const [jsonPath, rule] of bodyRules(part)) {
    const segments = jsonPathToSegments(jsonPath);
    if (segments === null) continue;
    const key = formatPropertyPath(segments);
    byPath.set(key, { segments, ...firstMatcher(rule) });
  }
  return { hasBody: body.present, mediaType, fields: [...byPath.values()] };
}

/** Body matching rules, V3/V4 (`matchingRules.body['$.a']`) or V2 (`matchingRules['$.body.a']`). */
function bodyRules(part: JsonObject): Array<[string, unknown]> {
  const rules = part['matchingRules'];
  if (!isObject(rules)) return [];
  if (isObject(rules['body'])) return Object.entries(rules['body']);
  return Object.entries(rules)
    .filter(([key]) => key === '$.body' || key.startsWith('$.body.') || key.startsWith('$.body['))
    .map(([key, rule]) => [`$${key.slice('$.body'.length)}`, rule]);
}

function firstMatcher(rule: unknown): { matcher: string | null; regex?: string } {
  const matchers = isObject(rule) && Array.isArray(rule['matchers']) ? rule['matchers'] : [rule];
  const first: unknown = matchers[0];
  if (!isObject(first)) return { matcher: null };
  const match = stringOf(first['match']) ?? (typeof first['regex'] === 'string' ? 'regex' : null);
  const regex = stringOf(first['regex']);
  return regex !== null ? { matcher: match, regex } : { matcher: match };
}
