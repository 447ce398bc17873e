import type { OpenAPIV3, OpenAPIV3_1 } from 'openapi-types';

/** An OpenAPI 3.0 or 3.1 document, typed with `openapi-types`. */
export type OpenApiDocument = OpenAPIV3.Document | OpenAPIV3_1.Document;
export type OperationObject = OpenAPIV3.OperationObject | OpenAPIV3_1.OperationObject;
/** The same type in 3.0 and 3.1 (`OpenAPIV3_1.ParameterObject` is 3.0's). */
export type ParameterObject = OpenAPIV3.ParameterObject;
export type SchemaObject = OpenAPIV3.SchemaObject | OpenAPIV3_1.SchemaObject;
export type SecurityRequirement = OpenAPIV3.SecurityRequirementObject;

/** Parsed JSON that has not been checked against a type yet. */
export type JsonObject = Record<string, unknown>;

export function isObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** The methods a path item can hold, in the order OpenAPI lists them. */
export const HTTP_METHODS = ['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace'] as const;
export type HttpMethod = (typeof HTTP_METHODS)[number];

/** `3.0` or `3.1`, from the `openapi` field (3.0 when absent: the older, stricter reading). */
export function specVersionOf(document: JsonObject): '3.0' | '3.1' {
  const version = document['openapi'];
  return typeof version === 'string' && version.startsWith('3.1') ? '3.1' : '3.0';
}

/** An OpenAPI document that parsed, passed the structural checks and whose `$ref`s all resolve. */
export interface LoadedSpec {
  /** File path or URL the document came from (for messages). */
  source: string;
  version: '3.0' | '3.1';
  /** The document as parsed: `$ref`s are kept, never inlined. */
  document: Record<string, unknown>;
}
