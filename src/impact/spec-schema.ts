import Ajv, { type ErrorObject, type ValidateFunction } from 'ajv';
import Ajv2020 from 'ajv/dist/2020';
import addFormats from 'ajv-formats';
import { isObject, type JsonObject } from './json-value';
import { specVersionOf } from './spec-input';

/** The id the whole converted document is registered under; schemas are compiled by pointer into it. */
const SPEC_ID = 'https://rampart.invalid/published-spec.json';
/** `$ref` chains longer than this are treated as unresolvable (a cycle of references-to-references). */
const MAX_REF_HOPS = 32;

/**
 * Compiles response schemas of one OpenAPI document with Ajv (+ ajv-formats). 3.0 documents are
 * converted to JSON Schema first (`nullable` → a `null` type, boolean exclusive bounds → numeric);
 * 3.1 documents are JSON Schema 2020-12 already. `$ref`s resolve within the document.
 */
export class SpecSchemas {
  readonly document: JsonObject;
  readonly version: '3.0' | '3.1';
  private readonly ajv: Ajv;
  private readonly compiled = new Map<string, ValidateFunction | Error>();

  constructor(document: JsonObject) {
    this.document = document;
    this.version = specVersionOf(document);
    const options = { allErrors: true, strict: false, validateSchema: false, logger: false as const };
    this.ajv = this.version === '3.1' ? new Ajv2020(options) : new Ajv(options);
    addFormats(this.ajv);
    const converted = this.version === '3.0' ? convertOpenApi30(document) : structuredClone(document);
    this.ajv.addSchema(converted as object, SPEC_ID);
  }

  /** The validator of the schema at `pointer` (`/paths/~1x/get/responses/200/content/application~1json/schema`). */
  validator(pointer: string): ValidateFunction | Error {
    let found = this.compiled.get(pointer);
    if (found === undefined) {
      try {
        found = this.ajv.compile({ $ref: `${SPEC_ID}#${encodePointerForUri(pointer)}` });
      } catch (error) {
        found = error instanceof Error ? error : new Error(String(error));
      }
      this.compiled.set(pointer, found);
    }
    return found;
  }

  /** Follows `$ref`s (local ones only) from the node at `pointer`; returns the node and its own pointer. */
  resolve(pointer: string): { node: unknown; pointer: string } | null {
    let at = pointer;
    for (let hop = 0; hop < MAX_REF_HOPS; hop += 1) {
      const node = getPointer(this.document, at);
      if (!isObject(node) || typeof node['$ref'] !== 'string') return node === undefined ? null : { node, pointer: at };
      const ref = node['$ref'];
      if (!ref.startsWith('#')) return null;
      at = decodeURIComponent(ref.slice(1));
    }
    return null;
  }
}

export function escapePointer(token: string): string {
  return token.replace(/~/g, '~0').replace(/\//g, '~1');
}

function encodePointerForUri(pointer: string): string {
  return pointer.split('/').map((t) => encodeURIComponent(t).replace(/%7E/gi, '~')).join('/');
}

export function getPointer(document: unknown, pointer: string): unknown {
  if (pointer === '') return document;
  let node: unknown = document;
  for (const raw of pointer.split('/').slice(1)) {
    const token = raw.replace(/~1/g, '/').replace(/~0/g, '~');
    if (Array.isArray(node)) node = node[Number(token)];
    else if (isObject(node)) node = node[token];
    else return undefined;
  }
  return node;
}

/**
 * OpenAPI 3.0 schema dialect → JSON Schema (draft-07), over the whole document: only schema-shaped
 * nodes change (`nullable`, boolean `exclusiveMinimum`/`exclusiveMaximum`); everything else is copied.
 */
export function convertOpenApi30(node: unknown): unknown {
  if (Array.isArray(node)) return node.map(convertOpenApi30);
  if (!isObject(node)) return node;
  const out: JsonObject = {};
  for (const [key, value] of Object.entries(node)) out[key] = convertOpenApi30(value);
  for (const [flag, bound] of [['exclusiveMinimum', 'minimum'], ['exclusiveMaximum', 'maximum']] as const) {
    if (typeof out[flag] !== 'boolean') continue;
    if (out[flag] === true && typeof out[bound] === 'number') {
      out[flag] = out[bound];
      delete out[bound];
    } else {
      delete out[flag];
    }
  }
  if (out['nullable'] !== true) return out;
  delete out['nullable'];
  if (typeof out['$ref'] === 'string') return { anyOf: [{ $ref: out['$ref'] }, { type: 'null' }] };
  if (Array.isArray(out['enum']) && !out['enum'].includes(null)) out['enum'] = [...out['enum'], null];
  const type = out['type'];
  if (typeof type === 'string') out['type'] = [type, 'null'];
  else if (Array.isArray(type)) out['type'] = type.includes('null') ? type : [...type, 'null'];
  else return { anyOf: [out, { type: 'null' }] };
  return out;
}

/** `/data/0/amount must be number`: one line per Ajv error. */
export function describeAjvError(error: ErrorObject): string {
  const where = error.instancePath === '' ? 'the body' : error.instancePath;
  const extra = error.keyword === 'additionalProperties' ? ` (${String((error.params as { additionalProperty?: string }).additionalProperty)})` : '';
  const allowed = error.keyword === 'enum' ? ` (${JSON.stringify((error.params as { allowedValues?: unknown }).allowedValues)})` : '';
  return `${where} ${error.message ?? error.keyword}${extra}${allowed}`;
}
