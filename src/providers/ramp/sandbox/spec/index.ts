import type { SpecRevision } from '../types';
import { buildBaselineSpec } from './baseline';
import { buildNextSpec } from './next';
import type { OpenApiDocument } from './types';

export { API_PREFIX } from './baseline';
export { toJsonSchema, createSpecAjv, SCHEMA_ID_PREFIX } from './json-schema';
export { listOperations, type OperationEntry } from './operations';
export type { OpenApiDocument, OperationObject, SchemaObject, ParameterObject } from './types';

const built = new Map<SpecRevision, OpenApiDocument>();

/** The OpenAPI document the sandbox serves for `revision`, as a fresh deep copy the caller may change. */
export function sandboxSpec(revision: SpecRevision = 'baseline'): OpenApiDocument {
  let doc = built.get(revision);
  if (!doc) {
    if (revision !== 'baseline' && revision !== 'next') throw new Error(`unknown spec revision "${String(revision)}"`);
    doc = revision === 'baseline' ? buildBaselineSpec() : buildNextSpec();
    built.set(revision, doc);
  }
  return structuredClone(doc);
}
