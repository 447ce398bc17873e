import type { LoadedSpec } from '../openapi';
import { isObject, type JsonObject } from '../openapi';

/** An OpenAPI document: as `loadSpec` of `src/drift` returns it, or the parsed JSON itself. */
export type SpecInput = LoadedSpec | JsonObject;

export function specDocument(spec: SpecInput): JsonObject {
  if (
    typeof spec['source'] === 'string' &&
    isObject(spec['document']) &&
    (spec['version'] === '3.0' || spec['version'] === '3.1')
  ) {
    return spec['document'];
  }
  return spec as JsonObject;
}
