/**
 * The one OpenAPI model: document types (from `openapi-types`), JSON pointers and `$ref` resolution, the
 * operation index, path matching with one precedence, security demands and conversion to JSON Schema.
 * Drift, impact, guardrails and the sandbox read documents through it.
 */
export { HTTP_METHODS, isObject, specVersionOf } from './document';
export type {
  HttpMethod,
  LoadedSpec,
  JsonObject,
  OpenApiDocument,
  OperationObject,
  ParameterObject,
  SchemaObject,
  SecurityRequirement,
} from './document';
export { decodePointerToken, escapePointerToken, getPointer } from './json-pointer';
export { derefLocal, resolveLocalRef } from './load/ref-context';
export {
  formatOperation,
  indexOperations,
  indexPaths,
  parseOperation,
  type IndexedOperation,
  type IndexedPath,
  type OperationRef,
} from './operations';
export { serverBasePath, serverBasePaths } from './servers';
export { matchScore, pathParameters, resolveOperation } from './match-path';
export { tokenDemand, tokenSchemeNames, type TokenDemand } from './security';
export { toJsonSchema, type ToJsonSchemaOptions } from './json-schema';
export { typeFacts, type TypeFacts } from './type-facts';
export { loadSpec, loadSpecText, type LoadSpecOptions } from './load';
