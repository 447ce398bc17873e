import Ajv, { type ErrorObject, type ValidateFunction } from 'ajv';
import Ajv2020 from 'ajv/dist/2020';
import addFormats from 'ajv-formats';
import { getPointer, resolveLocalRef, specVersionOf, toJsonSchema, type JsonObject } from '../openapi';

/** The id the whole converted document is registered under; schemas are compiled by pointer into it. */
const SPEC_ID = 'https://rampart.invalid/published-spec.json';

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
    const converted = this.version === '3.0' ? toJsonSchema(document) : structuredClone(document);
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
    return resolveLocalRef(this.document, getPointer(this.document, pointer), pointer);
  }
}

function encodePointerForUri(pointer: string): string {
  return pointer
    .split('/')
    .map((t) => encodeURIComponent(t).replace(/%7E/gi, '~'))
    .join('/');
}

/** `/data/0/amount must be number`: one line per Ajv error. */
export function describeAjvError(error: ErrorObject): string {
  const where = error.instancePath === '' ? 'the body' : error.instancePath;
  const extra =
    error.keyword === 'additionalProperties'
      ? ` (${String((error.params as { additionalProperty?: string }).additionalProperty)})`
      : '';
  const allowed =
    error.keyword === 'enum' ? ` (${JSON.stringify((error.params as { allowedValues?: unknown }).allowedValues)})` : '';
  return `${where} ${error.message ?? error.keyword}${extra}${allowed}`;
}
