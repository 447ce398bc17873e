/** Small guards for walking parsed JSON (pacts and OpenAPI documents are both untyped here). */

export { isObject, type JsonObject } from '../openapi';

export function stringOf(value: unknown): string | null {
  return typeof value === 'string' ? value : null;
}

/** `application/json; charset=utf-8` → `application/json`. */
export function baseMediaType(value: string | null | undefined): string | null {
  if (!value) return null;
  const base = value.split(';')[0]?.trim().toLowerCase();
  return base ? base : null;
}

/** JSON media types: `application/json`, `application/problem+json`, `application/vnd.x+json`. */
export function isJsonMediaType(value: string | null | undefined): boolean {
  const base = baseMediaType(value);
  return base !== null && (base === 'application/json' || base.endsWith('+json'));
}
