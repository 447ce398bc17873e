import type { LoadedSpec } from '../drift';

/** One operation of the published spec, as the guardrails see it. */
export interface SpecOperation {
  method: string;
  /** Path template, e.g. `/v1/cards/{card_id}`. */
  path: string;
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

const METHODS = ['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace'] as const;
type Json = Record<string, unknown>;

export function specOperations(spec: LoadedSpec): SpecOperation[] {
  const doc = spec.document;
  const tokenSchemes = tokenSchemeNames(doc);
  const operations: SpecOperation[] = [];
  for (const [path, rawItem] of Object.entries(asObject(doc['paths']) ?? {})) {
    const item = asObject(deref(doc, rawItem));
    if (!item) continue;
    for (const method of METHODS) {
      const operation = asObject(item[method]);
      if (!operation) continue;
      const parameters = [...asArray(item['parameters']), ...asArray(operation['parameters'])]
        .map((p) => asObject(deref(doc, p)))
        .filter((p): p is Json => p !== null);
      const security = Array.isArray(operation['security']) ? operation['security'] : Array.isArray(doc['security']) ? doc['security'] : [];
      const requirements = security.map((r) => asObject(r) ?? {});
      const tokenRequirement = requirements.find((r) => Object.keys(r).some((name) => tokenSchemes.has(name)));
      const anonymousAllowed = requirements.some((r) => Object.keys(r).length === 0);
      const scopes = tokenRequirement
        ? Object.entries(tokenRequirement).flatMap(([name, list]) => (tokenSchemes.has(name) && Array.isArray(list) ? list.filter((s): s is string => typeof s === 'string') : []))
        : [];
      const upper = method.toUpperCase();
      operations.push({
        method: upper,
        path,
        key: `${upper} ${path}`,
        scopes: [...new Set(scopes)].sort(),
        requiresToken: tokenRequirement !== undefined && !anonymousAllowed,
        pathParams: [...path.matchAll(/\{([^}]+)\}/g)].map((m) => m[1] as string),
        requiredQuery: Object.fromEntries(
          parameters
            .filter((p) => p['in'] === 'query' && p['required'] === true && typeof p['name'] === 'string')
            .map((p) => [p['name'] as string, placeholderFor(asObject(deref(doc, p['schema'])))]),
        ),
        hasRequestBody: operation['requestBody'] !== undefined,
        deprecated: operation['deprecated'] === true,
      });
    }
  }
  return operations;
}

/** The spec operation a concrete request (`GET /v1/cards/3c9e...`) performs, or null. */
export function matchOperation(operations: readonly SpecOperation[], method: string, concretePath: string): SpecOperation | null {
  const path = concretePath.split('?')[0] ?? concretePath;
  // Literal segments beat parameters: `/cards/deferred/virtual` is not `/cards/{card_id}`.
  const candidates = operations
    .filter((op) => op.method === method.toUpperCase() && templatePattern(op.path).test(path))
    .sort((a, b) => b.path.replace(/\{[^}]+\}/g, '').length - a.path.replace(/\{[^}]+\}/g, '').length);
  return candidates[0] ?? null;
}

function templatePattern(template: string): RegExp {
  const source = template
    .split(/(\{[^}]+\})/)
    .map((part) => (part.startsWith('{') ? '[^/]+' : part.replace(/[.*+?^$()|[\]\\]/g, '\\$&')))
    .join('');
  return new RegExp(`^${source}/?$`);
}

function tokenSchemeNames(doc: Json): Set<string> {
  const schemes = asObject(asObject(doc['components'])?.['securitySchemes']) ?? {};
  const names = new Set<string>();
  for (const [name, raw] of Object.entries(schemes)) {
    const scheme = asObject(deref(doc, raw));
    const type = scheme?.['type'];
    if (type === 'oauth2' || type === 'openIdConnect' || (type === 'http' && String(scheme?.['scheme']).toLowerCase() === 'bearer')) names.add(name);
  }
  return names;
}

function placeholderFor(schema: Json | null): string {
  const enumValues = schema?.['enum'];
  if (Array.isArray(enumValues) && enumValues.length > 0) return String(enumValues[0]);
  switch (schema?.['type']) {
    case 'integer':
    case 'number':
      return '1';
    case 'boolean':
      return 'true';
    default:
      return schema?.['format'] === 'uuid' ? PLACEHOLDER_ID : 'x';
  }
}

export const PLACEHOLDER_ID = '00000000-0000-4000-8000-000000000000';

/** Resolves a local `$ref` (`#/components/...`), a few levels deep; anything else is returned as is. */
function deref(doc: Json, value: unknown, depth = 0): unknown {
  const ref = asObject(value)?.['$ref'];
  if (typeof ref !== 'string' || !ref.startsWith('#/') || depth > 8) return value;
  let node: unknown = doc;
  for (const token of ref.slice(2).split('/')) {
    node = asObject(node)?.[token.replace(/~1/g, '/').replace(/~0/g, '~')];
  }
  return deref(doc, node, depth + 1);
}

function asObject(value: unknown): Json | null {
  return value && typeof value === 'object' && !Array.isArray(value) ? (value as Json) : null;
}

function asArray(value: unknown): unknown[] {
  return Array.isArray(value) ? value : [];
}
