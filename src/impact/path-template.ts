import { isObject, type JsonObject } from './json-value';

/** An operation of a spec: `GET` and the path template as the document writes it. */
export interface OperationRef {
  method: string;
  template: string;
}

const HTTP_METHODS = ['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace'] as const;

/** Every operation of an OpenAPI document. */
export function operationsOf(document: JsonObject): OperationRef[] {
  const paths = document['paths'];
  if (!isObject(paths)) return [];
  const out: OperationRef[] = [];
  for (const [template, item] of Object.entries(paths)) {
    if (!isObject(item)) continue;
    for (const method of HTTP_METHODS) if (isObject(item[method])) out.push({ method: method.toUpperCase(), template });
  }
  return out;
}

/** `/v1` when every server URL of the document has that path (some providers' paths are absolute instead). */
export function serverBasePaths(document: JsonObject): string[] {
  const servers = document['servers'];
  if (!Array.isArray(servers)) return [];
  const out = new Set<string>();
  for (const server of servers) {
    if (!isObject(server) || typeof server['url'] !== 'string') continue;
    const url = server['url'].replace(/\{[^}]*\}/g, 'x');
    let path: string;
    try {
      path = new URL(url, 'http://base.invalid').pathname;
    } catch {
      continue;
    }
    const trimmed = path.replace(/\/+$/, '');
    if (trimmed !== '') out.add(trimmed);
  }
  return [...out];
}

/** `GET /v1/cards/{id}` → `{ method: 'GET', template: '/v1/cards/{id}' }`. */
export function parseOperation(operation: string | null): OperationRef | null {
  if (operation === null) return null;
  const space = operation.indexOf(' ');
  if (space < 0) return null;
  return { method: operation.slice(0, space).toUpperCase(), template: operation.slice(space + 1) };
}

export function formatOperation(op: OperationRef): string {
  return `${op.method} ${op.template}`;
}

function segmentsOf(path: string): string[] {
  const clean = path.split('?')[0] ?? '';
  const trimmed = clean.length > 1 ? clean.replace(/\/+$/, '') : clean;
  return trimmed.split('/').slice(1);
}

const EXPRESSION = /\$\{[^}]*\}/;
const PARAMETER = /\{[^}]*\}/;

/**
 * How specifically `template` matches `path`, or -1 when it does not: literal segments count more
 * than template parameters, earlier segments more than later ones, as OpenAPI prefers concrete paths
 * (`/cards/deferred/virtual` over `/cards/{card_id}/virtual`). A `${expr}` segment of a
 * `fromProviderState` path matches any template parameter.
 */
export function matchScore(template: string, path: string): number {
  const want = segmentsOf(template);
  const have = segmentsOf(path);
  if (want.length !== have.length) return -1;
  let score = 0;
  for (let i = 0; i < want.length; i += 1) {
    const w = want[i] as string;
    const h = decodeSegment(have[i] as string);
    score *= 2;
    if (PARAMETER.test(w)) {
      if (h === '') return -1;
      if (w.startsWith('{') && w.endsWith('}')) continue;
      // A segment mixing text and parameters (`{id}.json`): compare as a pattern.
      if (!EXPRESSION.test(h) && !segmentPattern(w).test(h)) return -1;
      score += 1;
    } else if (w === h) {
      score += 1;
    } else {
      return -1;
    }
  }
  return score;
}

function decodeSegment(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
}

function segmentPattern(template: string): RegExp {
  const parts = template.split(/(\{[^}]*\})/).map((part) => (PARAMETER.test(part) ? '[^/]+' : part.replace(/[.*+?^$()|[\]\\]/g, '\\$&')));
  return new RegExp(`^${parts.join('')}$`);
}

/**
 * The operation an interaction calls among `operations`: same method, the template that matches one of
 * its paths most specifically (also after removing a server base path). Null when none matches.
 */
export function resolveOperation(
  method: string,
  paths: readonly string[],
  operations: readonly OperationRef[],
  basePaths: readonly string[] = [],
): OperationRef | null {
  let best: OperationRef | null = null;
  let bestScore = -1;
  const candidates = new Set<string>();
  for (const path of paths) {
    candidates.add(path);
    for (const base of basePaths) if (path.startsWith(`${base}/`)) candidates.add(path.slice(base.length));
  }
  for (const op of operations) {
    if (op.method !== method) continue;
    for (const path of candidates) {
      const score = matchScore(op.template, path);
      if (score > bestScore) {
        best = op;
        bestScore = score;
      }
    }
  }
  return best;
}
