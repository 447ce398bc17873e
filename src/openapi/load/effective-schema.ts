/**
 * The effective shape of a schema: `allOf` members merged into one object, so `allOf: [$ref X]`,
 * `$ref X` and X written inline are the same object to the differ, and a property or constraint
 * inside a member is compared where it takes effect. Merged objects are memoised per source object,
 * so the differ's identity memo still holds.
 */
import { deref, isObject, type DocContext, type JsonObject } from './ref-context';

const MIN_KEYWORDS = ['minimum', 'minLength', 'minItems', 'minProperties'] as const;
const MAX_KEYWORDS = ['maximum', 'maxLength', 'maxItems', 'maxProperties'] as const;

const merged = new WeakMap<object, JsonObject>();
const writtenAs = new WeakMap<object, JsonObject>();
const inProgress = new WeakSet<object>();

/** Keywords that only describe: the first member's word stands, a difference is no conflict. */
const ANNOTATIONS = new Set([
  'title',
  'description',
  'example',
  'examples',
  'default',
  'deprecated',
  'readOnly',
  'writeOnly',
  'externalDocs',
  'xml',
  '$comment',
]);

function sameValue(a: unknown, b: unknown): boolean {
  return a === b || JSON.stringify(a) === JSON.stringify(b);
}

/**
 * Whether `from` can be merged into `into` without losing meaning: a keyword both set differently
 * (two types, two enums, two patterns…) keeps the member apart, in the residual `allOf`.
 */
function mergeable(into: JsonObject, from: JsonObject): boolean {
  for (const [key, value] of Object.entries(from)) {
    const current = into[key];
    if (current === undefined || value === undefined || key === 'properties' || key === 'required') continue;
    if (ANNOTATIONS.has(key) || key.startsWith('x-')) continue;
    if ((MIN_KEYWORDS as readonly string[]).includes(key) || (MAX_KEYWORDS as readonly string[]).includes(key))
      continue;
    if (!sameValue(current, value)) return false;
  }
  return true;
}

/** Merges `from` into `into`: properties and `required` united, bounds tightened, the rest kept from the first. */
function mergeInto(into: JsonObject, from: JsonObject): void {
  for (const [key, value] of Object.entries(from)) {
    if (value === undefined) continue;
    const current = into[key];
    if (current === undefined) {
      into[key] = isObject(value) && key === 'properties' ? { ...value } : value;
    } else if (key === 'properties' && isObject(current) && isObject(value)) {
      const properties = current;
      for (const [name, schema] of Object.entries(value)) {
        const existing = properties[name];
        // the same property in two members must satisfy both
        properties[name] = existing === undefined || existing === schema ? schema : { allOf: [existing, schema] };
      }
    } else if (key === 'required' && Array.isArray(current) && Array.isArray(value)) {
      into[key] = [...new Set([...(current as unknown[]), ...(value as unknown[])])];
    } else if (
      (MIN_KEYWORDS as readonly string[]).includes(key) &&
      typeof current === 'number' &&
      typeof value === 'number'
    ) {
      into[key] = Math.max(current, value);
    } else if (
      (MAX_KEYWORDS as readonly string[]).includes(key) &&
      typeof current === 'number' &&
      typeof value === 'number'
    ) {
      into[key] = Math.min(current, value);
    }
  }
}

/**
 * The schema with its `allOf` merged in. Members that cannot be merged faithfully (from another
 * document, with their own composition, or part of a cycle) stay in a residual `allOf`.
 */
export function effectiveSchema(schema: JsonObject, ctx: DocContext): JsonObject {
  const members = schema.allOf;
  if (!Array.isArray(members) || members.length === 0) return schema;
  const known = merged.get(schema);
  if (known) return known;
  if (inProgress.has(schema)) return schema;
  inProgress.add(schema);
  try {
    const { allOf: _members, ...own } = schema;
    const result: JsonObject = { ...own };
    if (isObject(own.properties)) result.properties = { ...own.properties };
    const residual: unknown[] = [];
    for (const member of members) {
      const resolved = deref(member, ctx);
      const value = resolved.value;
      if (!isObject(value) || resolved.ctx !== ctx || inProgress.has(value)) {
        residual.push(member);
        continue;
      }
      const flat = effectiveSchema(value, ctx);
      const composed =
        flat.oneOf !== undefined || flat.anyOf !== undefined || flat.not !== undefined || flat.allOf !== undefined;
      if (composed || !mergeable(result, flat)) {
        residual.push(member);
        continue;
      }
      mergeInto(result, flat);
    }
    if (residual.length > 0) result.allOf = residual;
    merged.set(schema, result);
    writtenAs.set(result, schema);
    return result;
  } finally {
    inProgress.delete(schema);
  }
}

/** The `allOf` members as written, for a schema `effectiveSchema` returned (or any schema). */
export function writtenAllOf(schema: JsonObject): unknown[] {
  const list = (writtenAs.get(schema) ?? schema).allOf;
  return Array.isArray(list) ? list : [];
}
