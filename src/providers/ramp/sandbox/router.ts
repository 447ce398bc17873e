import type { ErrorObject, ValidateFunction } from 'ajv';
import { matchScore, pathParameters } from '../../../openapi/index';
import type { Handler } from './handlers';
import type { FieldErrors } from './http/ramp-error';
import {
  createSpecAjv,
  listOperations,
  toJsonSchema,
  type OpenApiDocument,
  type OperationEntry,
  type SchemaObject,
} from './spec';

/**
 * Routes built from the served OpenAPI document: each operation's path, required scopes, parameter and
 * body schemas and deprecation come from the document of the running revision, never from code.
 */
export interface Route extends OperationEntry {
  handler: Handler;
  /** Compiled on the first request to the route: a sandbox serves a handful of its routes in most runs. */
  validateQuery(): ValidateFunction;
  validateBody(): ValidateFunction | null;
  /** Deprecation, Sunset and Link headers for deprecated operations, else empty. */
  deprecationHeaders: Record<string, string>;
}

export type RouteMatch =
  | { kind: 'route'; route: Route; params: Record<string, string> }
  | { kind: 'method-not-allowed'; allow: string[] }
  | { kind: 'none' };

const DEPRECATION_NOTICE = 'https://docs.ramp.com/developer-api/v1/changelog';

export class Router {
  readonly routes: Route[];

  constructor(
    doc: OpenApiDocument,
    handlers: Readonly<Record<string, Handler>>,
    skipOperationIds: readonly string[] = [],
  ) {
    // verbose: the messages quote both bounds of a range, as Ramp's do.
    const queryAjv = once(() => createSpecAjv(doc, { coerceTypes: true, useDefaults: true, verbose: true }));
    const bodyAjv = once(() => createSpecAjv(doc, { verbose: true }));
    this.routes = listOperations(doc)
      .filter((entry) => !skipOperationIds.includes(entry.operationId))
      .map((entry) => {
        const handler = handlers[entry.operationId];
        if (!handler)
          throw new Error(
            `no sandbox handler for operation ${entry.operationId} (${entry.method.toUpperCase()} ${entry.path})`,
          );
        const bodySchema = entry.operation.requestBody?.content['application/json']?.schema;
        return {
          ...entry,
          handler,
          validateQuery: once(() => queryAjv().compile(querySchema(entry))),
          validateBody: once(() => (bodySchema ? bodyAjv().compile(toJsonSchema(bodySchema) as object) : null)),
          deprecationHeaders: deprecationHeaders(entry),
        };
      });
  }

  /** The route for a request: the most specific template (literal segments first), as every reader of documents matches. */
  match(method: string, path: string): RouteMatch {
    const upper = method.toUpperCase();
    let best: Route | null = null;
    let bestScore = -1;
    const allow = new Set<string>();
    for (const route of this.routes) {
      const score = matchScore(route.path, path);
      if (score < 0) continue;
      if (route.method.toUpperCase() !== upper) allow.add(route.method.toUpperCase());
      else if (score > bestScore) {
        best = route;
        bestScore = score;
      }
    }
    if (best) return { kind: 'route', route: best, params: pathParameters(best.path, path) };
    return allow.size > 0 ? { kind: 'method-not-allowed', allow: [...allow] } : { kind: 'none' };
  }
}

/** The query parameters of an operation as one JSON Schema object, each value as a query string carries it. */
function querySchema(entry: OperationEntry): object {
  const queryParameters = entry.parameters.filter((parameter) => parameter.in === 'query');
  return {
    type: 'object',
    properties: Object.fromEntries(
      queryParameters.map((parameter) => [parameter.name, toJsonSchema(queryValueSchema(parameter.schema))]),
    ),
    required: queryParameters.filter((parameter) => parameter.required).map((parameter) => parameter.name),
  };
}

function once<T>(make: () => T): () => T {
  let made: { value: T } | undefined;
  return () => (made ??= { value: make() }).value;
}

/**
 * A query value arrives as text, so Ramp's `oneOf: [decimal string, number]` is one thing there: a number.
 * Left as oneOf, type coercion would make "12.5" match both branches, which oneOf rejects.
 */
function queryValueSchema(schema: SchemaObject): SchemaObject {
  const variants = schema.oneOf;
  const numeric = Array.isArray(variants) && variants.some((variant) => (variant as SchemaObject).type === 'number');
  if (!numeric) return schema;
  const { oneOf: _variants, ...rest } = schema;
  return { ...rest, type: 'number' };
}

/** RFC 9745 `Deprecation: @<epoch seconds>`, RFC 8594 `Sunset: <HTTP-date>`, and a rel="deprecation" link. */
function deprecationHeaders(entry: OperationEntry): Record<string, string> {
  const { operation } = entry;
  if (!operation.deprecated) return {};
  const headers: Record<string, string> = { link: `<${DEPRECATION_NOTICE}>; rel="deprecation"; type="text/html"` };
  const at = operation['x-deprecated-at'] ? Date.parse(`${operation['x-deprecated-at']}T00:00:00Z`) : NaN;
  headers.deprecation = Number.isNaN(at) ? '@0' : `@${Math.floor(at / 1000)}`;
  if (operation['x-sunset']) headers.sunset = new Date(`${operation['x-sunset']}T00:00:00Z`).toUTCString();
  return headers;
}

/** Ajv's errors as Ramp reports them: field (dotted path) → messages, phrased like Ramp's marshmallow. */
export function fieldErrors(errors: readonly ErrorObject[] | null | undefined): FieldErrors {
  const fields: FieldErrors = {};
  for (const error of errors ?? []) {
    const base = error.instancePath
      .split('/')
      .filter(Boolean)
      .map((part) => part.replace(/~1/g, '/').replace(/~0/g, '~'));
    let field = base;
    let message: string;
    const params = error.params as Record<string, unknown>;
    switch (error.keyword) {
      case 'required':
        field = [...base, String(params.missingProperty)];
        message = 'Missing data for required field.';
        break;
      case 'additionalProperties':
        field = [...base, String(params.additionalProperty)];
        message = 'Unknown field.';
        break;
      case 'maxLength':
        message = `Longer than maximum length ${String(params.limit)}.`;
        break;
      case 'minLength':
        message = `Shorter than minimum length ${String(params.limit)}.`;
        break;
      case 'minimum':
      case 'maximum':
        message = rangeMessage(error.parentSchema, error.keyword, params.limit);
        break;
      case 'enum':
        message = `Must be one of: ${(params.allowedValues as unknown[])
          .filter((value) => value !== null)
          .map((value) => (typeof value === 'string' ? value : JSON.stringify(value)))
          .join(', ')}.`;
        break;
      case 'format':
        message = `Not a valid ${String(params.format)}.`;
        break;
      case 'type':
        message = `Not a valid ${String(params.type).replace(/,null$/, '')}.`;
        break;
      case 'minProperties':
        message = 'The body must contain at least one field.';
        break;
      default:
        message = error.message ?? 'Invalid value.';
    }
    const name = field.length > 0 ? field.join('.') : '_schema';
    const messages = (fields[name] ??= []);
    if (!messages.includes(message)) messages.push(message);
  }
  return fields;
}

function rangeMessage(schema: unknown, keyword: string, limit: unknown): string {
  const bounds = (schema ?? {}) as { minimum?: unknown; maximum?: unknown };
  if (typeof bounds.minimum === 'number' && typeof bounds.maximum === 'number') {
    return `Must be greater than or equal to ${bounds.minimum} and less than or equal to ${bounds.maximum}.`;
  }
  return keyword === 'minimum'
    ? `Must be greater than or equal to ${String(limit)}.`
    : `Must be less than or equal to ${String(limit)}.`;
}
