/** Normalised facts of one schema node, so 3.0 and 3.1 spellings compare equal. */
import type { JsonObject } from '../../openapi/load/index';

/** Stable text of a JSON value (object keys sorted), for set comparisons. */
export function canonical(value: unknown): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value) ?? 'undefined';
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  const keys = Object.keys(value).sort();
  return `{${keys.map((k) => `${JSON.stringify(k)}:${canonical((value as JsonObject)[k])}`).join(',')}}`;
}

export interface Bounds {
  maximum?: number;
  minimum?: number;
  exclusiveMaximum?: number;
  exclusiveMinimum?: number;
}

/** 3.0's boolean `exclusiveMaximum: true` next to `maximum` becomes 3.1's numeric `exclusiveMaximum`. */
export function bounds(schema: JsonObject): Bounds {
  const result: Bounds = {};
  const num = (v: unknown): number | undefined => (typeof v === 'number' && Number.isFinite(v) ? v : undefined);
  const max = num(schema.maximum);
  const min = num(schema.minimum);
  if (schema.exclusiveMaximum === true) result.exclusiveMaximum = max;
  else {
    result.maximum = max;
    result.exclusiveMaximum = num(schema.exclusiveMaximum);
  }
  if (schema.exclusiveMinimum === true) result.exclusiveMinimum = min;
  else {
    result.minimum = min;
    result.exclusiveMinimum = num(schema.exclusiveMinimum);
  }
  return result;
}

/** Label of a composition member: its component name, else its title. */
export function memberLabel(raw: unknown): string | undefined {
  if (typeof raw !== 'object' || raw === null) return undefined;
  const ref = (raw as JsonObject).$ref;
  if (typeof ref === 'string') return decodeURIComponent(ref.slice(ref.lastIndexOf('/') + 1));
  const title = (raw as JsonObject).title;
  return typeof title === 'string' ? title : undefined;
}
