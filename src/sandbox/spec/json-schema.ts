import Ajv, { type Options as AjvOptions } from 'ajv';
import addFormats from 'ajv-formats';
import type { OpenApiDocument, SchemaObject } from './types';

/** Where `#/components/schemas/X` points once converted: every component is registered in Ajv under this prefix. */
export const SCHEMA_ID_PREFIX = 'https://rampart.invalid/components/schemas/';

/** OpenAPI 3.0 keywords that JSON Schema validators do not know and that never constrain a value. */
const ANNOTATIONS = new Set(['nullable', 'example', 'examples', 'deprecated', 'readOnly', 'writeOnly', 'xml', 'externalDocs', 'discriminator']);

/**
 * Converts an OpenAPI 3.0 schema to JSON Schema (draft-07, as Ajv reads it by default):
 * `nullable: true` becomes a type union with `null` (and `null` joins any `enum`), boolean
 * `exclusiveMinimum`/`exclusiveMaximum` become numeric, annotations and `x-` extensions are dropped,
 * and component `$ref`s point at `SCHEMA_ID_PREFIX` so one Ajv instance resolves them all.
 */
export function toJsonSchema(schema: unknown): unknown {
  if (Array.isArray(schema)) return schema.map(toJsonSchema);
  if (!schema || typeof schema !== 'object') return schema;
  const source = schema as SchemaObject;
  const out: SchemaObject = {};
  for (const [keyword, value] of Object.entries(source)) {
    if (ANNOTATIONS.has(keyword) || keyword.startsWith('x-')) continue;
    if (keyword === '$ref' && typeof value === 'string') {
      out.$ref = value.replace(/^#\/components\/schemas\//, SCHEMA_ID_PREFIX);
    } else if (keyword === 'properties' && value && typeof value === 'object') {
      out.properties = Object.fromEntries(Object.entries(value).map(([name, child]) => [name, toJsonSchema(child)]));
    } else if ((keyword === 'exclusiveMinimum' || keyword === 'exclusiveMaximum') && typeof value === 'boolean') {
      const bound = keyword === 'exclusiveMinimum' ? 'minimum' : 'maximum';
      if (value && typeof source[bound] === 'number') out[keyword] = source[bound];
    } else if (keyword === 'enum' || keyword === 'required' || keyword === 'default' || keyword === 'const') {
      out[keyword] = value;
    } else {
      out[keyword] = toJsonSchema(value);
    }
  }
  // OpenAPI 3.0's boolean form moved the bound into exclusiveMinimum/Maximum above.
  if (source.exclusiveMinimum === true) delete out.minimum;
  if (source.exclusiveMaximum === true) delete out.maximum;
  if (source.nullable === true) {
    if (typeof out.type === 'string') out.type = [out.type, 'null'];
    if (Array.isArray(out.enum) && !out.enum.includes(null)) out.enum = [...out.enum, null];
    if (out.type === undefined && out.$ref !== undefined) return { anyOf: [{ $ref: out.$ref }, { type: 'null' }] };
  }
  return out;
}

/**
 * An Ajv instance (with formats) that knows every component schema of `doc`, so converted schemas that
 * reference them compile. Pass `coerceTypes: true` to validate query strings.
 */
export function createSpecAjv(doc: OpenApiDocument, options: AjvOptions = {}): Ajv {
  const ajv = new Ajv({ allErrors: true, strict: false, ...options });
  addFormats(ajv);
  // Ramp's decimal strings (amounts in major units), e.g. "12.50".
  ajv.addFormat('decimal', /^-?\d+(\.\d+)?$/);
  for (const [name, schema] of Object.entries(doc.components.schemas)) {
    ajv.addSchema(toJsonSchema(schema) as object, `${SCHEMA_ID_PREFIX}${name}`);
  }
  return ajv;
}
