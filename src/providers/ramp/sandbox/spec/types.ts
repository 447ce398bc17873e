/**
 * The slice of OpenAPI 3.0 the sandbox's documents use. Schemas stay loosely typed: they are data that
 * validators and the drift engine read, not something TypeScript can check usefully.
 */
export type SchemaObject = { [keyword: string]: unknown };

export interface ParameterObject {
  name: string;
  in: 'query' | 'path' | 'header';
  description?: string;
  required?: boolean;
  deprecated?: boolean;
  style?: string;
  schema: SchemaObject;
  'x-rampart-note'?: string;
}

export type ReferenceObject = { $ref: string };

export interface ResponseObject {
  description: string;
  headers?: Record<string, ReferenceObject | { description?: string; schema: SchemaObject; required?: boolean }>;
  content?: Record<string, { schema: SchemaObject }>;
  'x-rampart-note'?: string;
}

export interface OperationObject {
  operationId: string;
  summary: string;
  description?: string;
  tags: string[];
  parameters?: Array<ParameterObject | ReferenceObject>;
  requestBody?: { required?: boolean; content: Record<string, { schema: SchemaObject }> };
  responses: Record<string, ResponseObject | ReferenceObject>;
  security?: Array<Record<string, string[]>>;
  deprecated?: boolean;
  /** When the operation was deprecated (YYYY-MM-DD); the `Deprecation` header is derived from it. */
  'x-deprecated-at'?: string;
  /** When it stops working (YYYY-MM-DD, oasdiff's `x-sunset`); the `Sunset` header is derived from it. */
  'x-sunset'?: string;
  /** Error responses the sandbox answers that Ramp's document does not declare (see `RAMPART_ERROR_RESPONSES`). */
  'x-rampart-error-responses'?: Record<string, ReferenceObject>;
  'x-rampart-note'?: string;
}

export const HTTP_METHODS = ['get', 'put', 'post', 'delete', 'patch'] as const;
export type HttpMethod = (typeof HTTP_METHODS)[number];

export type PathItem = Partial<Record<HttpMethod, OperationObject>> & { parameters?: ParameterObject[] };

export interface OpenApiDocument {
  openapi: string;
  info: { title: string; version: string; description?: string; license?: { name: string; url?: string } };
  servers: Array<{ url: string; description?: string }>;
  tags: Array<{ name: string; description?: string }>;
  paths: Record<string, PathItem>;
  components: {
    schemas: Record<string, SchemaObject>;
    parameters: Record<string, ParameterObject>;
    responses: Record<string, ResponseObject>;
    headers: Record<string, { description?: string; schema: SchemaObject; required?: boolean }>;
    securitySchemes: Record<string, unknown>;
  };
}
