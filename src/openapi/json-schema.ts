import { isObject, type JsonObject } from './document';

/** Keywords whose values are data, never schemas: copied as they are. */
const LITERAL_KEYWORDS = new Set(['enum', 'const', 'default', 'example', 'examples', 'required']);
/** OpenAPI annotations that never constrain a value (dropped with `dropAnnotations`, as are `x-` extensions). */
const ANNOTATIONS = new Set([
  'example',
  'examples',
  'deprecated',
  'readOnly',
  'writeOnly',
  'xml',
  'externalDocs',
  'discriminator',
]);
/** Keywords whose values map names to schemas: their keys are names, never keywords. */
const NAME_MAPS = new Set(['properties', 'patternProperties', 'definitions', '$defs', 'schemas']);

export interface ToJsonSchemaOptions {
  /**
   * Rewrite `#/components/schemas/X` to `${componentRefPrefix}X`, for an Ajv instance that registers
   * each component under that id. @default refs are kept as written
   */
  componentRefPrefix?: string;
  /** Leave out OpenAPI's annotations and `x-` extensions, for validators that print schemas. @default false */
  dropAnnotations?: boolean;
}

/**
 * OpenAPI 3.0's schema dialect → JSON Schema (draft-07, as Ajv reads it by default), for one schema or
 * a whole document (only schema-shaped nodes change): `nullable: true` lets `null` through (a type
 * union, `null` joining any `enum`, or `anyOf [schema, null]` when the schema has no `type`, as with
 * `allOf`/`$ref`), boolean `exclusiveMinimum`/`exclusiveMaximum` become numeric. The one converter
 * every reader of documents uses; 3.1 documents are JSON Schema already and need none of it.
 */
export function toJsonSchema(node: unknown, options: ToJsonSchemaOptions = {}): unknown {
  // Iterative, so a schema nested thousands of levels deep cannot overflow the stack.
  const root: { value: unknown } = { value: undefined };
  type Job = { source: unknown; nameMap: boolean; assign: (value: unknown) => void };
  const work: Job[] = [{ source: node, nameMap: false, assign: (value) => (root.value = value) }];
  const finishers: Array<() => void> = [];
  while (work.length > 0) {
    const { source, nameMap, assign } = work.pop() as Job;
    if (Array.isArray(source)) {
      const out: unknown[] = new Array<unknown>(source.length);
      assign(out);
      source.forEach((item, i) => work.push({ source: item, nameMap: false, assign: (value) => (out[i] = value) }));
    } else if (isObject(source)) {
      const out: JsonObject = {};
      for (const [key, value] of Object.entries(source)) {
        if (!nameMap && options.dropAnnotations === true && (ANNOTATIONS.has(key) || key.startsWith('x-'))) continue;
        if (!nameMap && LITERAL_KEYWORDS.has(key)) out[key] = value;
        else work.push({ source: value, nameMap: !nameMap && NAME_MAPS.has(key), assign: (v) => (out[key] = v) });
      }
      // A name map is no schema; a schema is finished after its children (finishers run last-first).
      if (nameMap) assign(out);
      else finishers.push(() => assign(finishSchema(source, out, options)));
    } else {
      assign(source);
    }
  }
  for (let i = finishers.length - 1; i >= 0; i -= 1) finishers[i]?.();
  return root.value;
}

function finishSchema(source: JsonObject, out: JsonObject, options: ToJsonSchemaOptions): JsonObject {
  const ref = out['$ref'];
  if (typeof ref === 'string' && options.componentRefPrefix !== undefined && ref.startsWith('#/components/schemas/')) {
    out['$ref'] = `${options.componentRefPrefix}${ref.slice('#/components/schemas/'.length)}`;
  }
  for (const [flag, bound] of [
    ['exclusiveMinimum', 'minimum'],
    ['exclusiveMaximum', 'maximum'],
  ] as const) {
    if (typeof source[flag] !== 'boolean') continue;
    if (source[flag] === true && typeof source[bound] === 'number') {
      out[flag] = source[bound];
      delete out[bound];
    } else {
      delete out[flag];
    }
  }
  if (source['nullable'] !== true) return out;
  delete out['nullable'];
  if (typeof out['$ref'] === 'string') return { anyOf: [{ $ref: out['$ref'] }, { type: 'null' }] };
  if (Array.isArray(out['enum']) && !out['enum'].includes(null)) out['enum'] = [...(out['enum'] as unknown[]), null];
  const type = out['type'];
  if (typeof type === 'string') out['type'] = [type, 'null'];
  else if (Array.isArray(type)) out['type'] = type.includes('null') ? type : [...(type as unknown[]), 'null'];
  else return { anyOf: [out, { type: 'null' }] };
  return out;
}
