import type { OperationRef } from './operations';

const EXPRESSION = /\$\{[^}]*\}/;
const PARAMETER = /\{[^}]*\}/;

function segmentsOf(path: string): string[] {
  const clean = path.split('?')[0] ?? '';
  const trimmed = clean.length > 1 ? clean.replace(/\/+$/, '') : clean;
  return trimmed.split('/').slice(1);
}

/**
 * How specifically `template` matches `path`, or -1 when it does not: literal segments count more
 * than template parameters, earlier segments more than later ones, as OpenAPI prefers concrete paths
 * (`/cards/deferred/virtual` over `/cards/{card_id}/virtual`). A `${expr}` segment of a
 * `fromProviderState` path matches any template parameter. The one precedence every reader uses.
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

/** The values of a template's parameters in a concrete path that matches it: `{card_id}` → `c-1`. */
export function pathParameters(template: string, path: string): Record<string, string> {
  const want = segmentsOf(template);
  const have = segmentsOf(path);
  const out: Record<string, string> = {};
  want.forEach((w, i) => {
    const name = /^\{([^}]+)\}$/.exec(w)?.[1];
    if (name !== undefined) out[name] = decodeSegment(have[i] ?? '');
  });
  return out;
}

function decodeSegment(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
}

function segmentPattern(template: string): RegExp {
  const parts = template
    .split(/(\{[^}]*\})/)
    .map((part) => (PARAMETER.test(part) ? '[^/]+' : part.replace(/[.*+?^$()|[\]\\]/g, '\\$&')));
  return new RegExp(`^${parts.join('')}$`);
}

/**
 * The operation a request calls among `operations`: same method, the template that matches one of its
 * paths most specifically (also after removing a server base path). Null when none matches.
 */
export function resolveOperation<T extends OperationRef>(
  method: string,
  paths: readonly string[],
  operations: readonly T[],
  basePaths: readonly string[] = [],
): T | null {
  let best: T | null = null;
  let bestScore = -1;
  const upper = method.toUpperCase();
  const candidates = new Set<string>();
  for (const path of paths) {
    candidates.add(path);
    for (const base of basePaths) if (path.startsWith(`${base}/`)) candidates.add(path.slice(base.length));
  }
  for (const op of operations) {
    if (op.method !== upper) continue;
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
