/** A schema's declared types and format, so OpenAPI 3.0 (`nullable`) and 3.1 (`[T, 'null']`) spellings read alike. */
import type { JsonObject } from './document';

export interface TypeFacts {
  /** Declared types without `null`, sorted; empty = any. */
  types: string[];
  format: string | undefined;
  nullable: boolean;
}

export function typeFacts(schema: JsonObject): TypeFacts {
  const raw = schema.type;
  const all = Array.isArray(raw)
    ? raw.filter((t): t is string => typeof t === 'string')
    : typeof raw === 'string'
      ? [raw]
      : [];
  const types = all.filter((t) => t !== 'null').sort();
  const enumValues = schema.enum;
  const nullable =
    schema.nullable === true ||
    all.includes('null') ||
    (Array.isArray(enumValues) && enumValues.includes(null) && all.length === 0);
  return { types, format: typeof schema.format === 'string' ? schema.format : undefined, nullable };
}
