import type { LoadedSpec } from '../drift';
import { isObject, type JsonObject } from './json-value';

/** An OpenAPI document: as `loadSpec` of `src/drift` returns it, or the parsed JSON itself. */
export type SpecInput = LoadedSpec | JsonObject;

export function specDocument(spec: SpecInput): JsonObject {
  if (typeof spec['source'] === 'string' && isObject(spec['document']) && (spec['version'] === '3.0' || spec['version'] === '3.1')) {
    return spec['document'];
  }
  return spec as JsonObject;
}

/** `3.0` or `3.1`, from the `openapi` field (3.0 when absent: the older, stricter reading). */
export function specVersionOf(document: JsonObject): '3.0' | '3.1' {
  const version = document['openapi'];
  return typeof version === 'string' && version.startsWith('3.1') ? '3.1' : '3.0';
}
