/**
 * Property paths in the drift engine's human form (`data[].merchant_name`, `spending_restrictions.amount`)
 * as segment lists, so a pact's JSONPath matcher keys, its example bodies and a finding's location compare.
 * `[]` is "any array item", `*` any object key.
 */

export type PathSegments = readonly string[];

const ITEM = '[]';
const ANY_KEY = '*';

/** `data[].merchant_name` → `['data', '[]', 'merchant_name']`; `''` → `[]` (the body itself). */
export function parsePropertyPath(path: string): string[] {
  const segments: string[] = [];
  for (const part of path.split('.')) {
    const match = /^(.*?)((?:\[\])*)$/.exec(part);
    const name = match?.[1] ?? part;
    if (name !== '') segments.push(name);
    const items = (match?.[2]?.length ?? 0) / 2;
    for (let i = 0; i < items; i += 1) segments.push(ITEM);
  }
  return segments;
}

export function formatPropertyPath(segments: PathSegments): string {
  let out = '';
  for (const segment of segments) {
    if (segment === ITEM) out += ITEM;
    else out += out === '' ? segment : `.${segment}`;
  }
  return out;
}

/**
 * A schema JSON pointer as a property path: `/properties/data/items/properties/merchant_name` →
 * `data[].merchant_name`. Composition keywords (`allOf/0`) do not name data, so they are skipped.
 */
export function pointerToSegments(pointer: string): string[] {
  const tokens = pointer
    .split('/')
    .slice(1)
    .map((t) => t.replace(/~1/g, '/').replace(/~0/g, '~'));
  const segments: string[] = [];
  for (let i = 0; i < tokens.length; i += 1) {
    const token = tokens[i];
    if (token === 'properties' && tokens[i + 1] !== undefined) {
      segments.push(tokens[i + 1] as string);
      i += 1;
    } else if (token === 'items' || token === 'prefixItems') {
      segments.push(ITEM);
      if (token === 'prefixItems') i += 1;
    } else if (token === 'additionalProperties' || token === 'patternProperties') {
      segments.push(ANY_KEY);
      if (token === 'patternProperties') i += 1;
    } else if (token === 'allOf' || token === 'anyOf' || token === 'oneOf') {
      i += 1;
    }
    // `not`, `schema`, `content/...`: no data segment.
  }
  return segments;
}

/**
 * A pact matching-rule key as segments: `$.data[*].merchant_name` → `['data', '[]', 'merchant_name']`,
 * `$['odd key'][0]` → `['odd key', '[]']`. Returns null for what is not a JSONPath.
 */
export function jsonPathToSegments(jsonPath: string): string[] | null {
  if (!jsonPath.startsWith('$')) return null;
  const segments: string[] = [];
  let i = 1;
  // Bounded by the string length: every branch advances i.
  while (i < jsonPath.length) {
    const c = jsonPath[i];
    if (c === '.') {
      const match = /^\.([^.[\]]+)/.exec(jsonPath.slice(i));
      if (!match) return null;
      segments.push(match[1] === '*' ? ANY_KEY : (match[1] as string));
      i += match[0].length;
    } else if (c === '[') {
      const close = jsonPath.indexOf(']', i);
      if (close < 0) return null;
      const inner = jsonPath.slice(i + 1, close).trim();
      if (inner === '*' || /^\d+$/.test(inner)) segments.push(ITEM);
      else segments.push(inner.replace(/^['"]|['"]$/g, ''));
      i = close + 1;
    } else {
      return null;
    }
  }
  return segments;
}

/** Every path an example value holds, leaves and containers alike (bounded by `limit`). */
export function examplePaths(value: unknown, limit = 5_000): string[][] {
  const out: string[][] = [];
  const walk = (node: unknown, at: string[]): void => {
    if (out.length >= limit) return;
    if (Array.isArray(node)) {
      for (const item of node) walk(item, [...at, ITEM]);
    } else if (typeof node === 'object' && node !== null) {
      for (const [key, child] of Object.entries(node)) {
        const here = [...at, key];
        out.push(here);
        walk(child, here);
      }
    }
  };
  walk(value, []);
  return out;
}

function segmentMatches(a: string, b: string): boolean {
  return a === b || (a === ANY_KEY && b !== ITEM) || (b === ANY_KEY && a !== ITEM);
}

/** True when `path` is `target` or lies inside it. */
export function isWithin(path: PathSegments, target: PathSegments): boolean {
  if (path.length < target.length) return false;
  return target.every((segment, i) => segmentMatches(path[i] as string, segment));
}
