import type { LoadedSpec } from '../openapi';
import {
  derefLocal,
  indexOperations,
  isObject,
  resolveOperation,
  serverBasePath,
  serverBasePaths,
  tokenDemand,
  typeFacts,
} from '../openapi';

/** One operation of the published spec, as the guardrails see it. */
export interface SpecOperation {
  method: string;
  /** Path template, e.g. `/v1/cards/{card_id}`. */
  path: string;
  /** Where the servers disagree on a path before the paths (`/v1`, `/v2`): a pact request's path may start with one. */
  basePaths: readonly string[];
  /** `GET /v1/cards/{card_id}`: how policies and reports name it. */
  key: string;
  /** Scopes the token must hold (of the first token-based security requirement). */
  scopes: string[];
  /** A bearer/OAuth token is required: no anonymous alternative, at least one token scheme. */
  requiresToken: boolean;
  pathParams: string[];
  /** Required query parameters with a value that satisfies their schema's type. */
  requiredQuery: Record<string, string>;
  hasRequestBody: boolean;
  deprecated: boolean;
}

/**
 * The document's operations as requests to the host's root: the path every server URL puts before the
 * paths (`/v1` for `servers: [{url: https://api.example.com/v1}]` and `/cards`) is part
 * of `path` and `key`, as it is of every request and of the policy's operations.
 */
export function specOperations(spec: LoadedSpec): SpecOperation[] {
  const doc = spec.document;
  const prefix = serverBasePath(doc);
  const basePaths = prefix === '' ? serverBasePaths(doc) : [];
  return indexOperations(doc, spec.source).map((op) => {
    const demand = tokenDemand(doc, op.security);
    const path = `${prefix}${op.template}`;
    return {
      method: op.method,
      path,
      basePaths,
      key: prefix === '' ? op.key : `${op.method} ${path}`,
      scopes: [...demand.scopes].sort(),
      requiresToken: demand.requiresToken,
      pathParams: [...op.template.matchAll(/\{([^}]+)\}/g)].map((m) => m[1] as string),
      requiredQuery: Object.fromEntries(
        op.parameters
          .filter((p) => p['in'] === 'query' && p['required'] === true && typeof p['name'] === 'string')
          .map((p) => [p['name'] as string, placeholderFor(derefLocal(doc, p['schema']))]),
      ),
      hasRequestBody: op.operation['requestBody'] !== undefined,
      deprecated: op.deprecated,
    };
  });
}

/** The spec operation a concrete request (`GET /v1/cards/3c9e...`) performs, also under a server base path, or null. */
export function matchOperation(
  operations: readonly SpecOperation[],
  method: string,
  concretePath: string,
): SpecOperation | null {
  const refs = operations.map((op) => ({ method: op.method, template: op.path, op }));
  const basePaths = [...new Set(operations.flatMap((op) => op.basePaths))];
  return resolveOperation(method, [concretePath], refs, basePaths)?.op ?? null;
}

/** A value a required query parameter accepts: its first enum value, default or example, else one of its type. */
function placeholderFor(schema: unknown): string {
  const fields = isObject(schema) ? schema : {};
  const enumValues = fields['enum'];
  if (Array.isArray(enumValues) && enumValues.length > 0) return String(enumValues[0]);
  for (const given of [fields['const'], fields['default'], fields['example']]) {
    if (['string', 'number', 'boolean'].includes(typeof given)) return String(given);
  }
  const { types, format } = typeFacts(fields);
  switch (types[0]) {
    case 'integer':
    case 'number':
      return '1';
    case 'boolean':
      return 'true';
    default:
      return STRING_PLACEHOLDERS.get(format ?? '') ?? 'x';
  }
}

export const PLACEHOLDER_ID = '00000000-0000-4000-8000-000000000000';

const STRING_PLACEHOLDERS = new Map([
  ['uuid', PLACEHOLDER_ID],
  ['date', '2024-01-01'],
  ['date-time', '2024-01-01T00:00:00Z'],
]);
