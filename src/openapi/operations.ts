import { HTTP_METHODS, isObject, type JsonObject } from './document';
import { derefLocal, escapePointerToken } from './json-pointer';

/** An operation as reports name it: `GET` and the path template as the document writes it. */
export interface OperationRef {
  /** Upper case: `GET`. */
  method: string;
  template: string;
}

/** One operation of a document, with what every reader of it needs already resolved. */
export interface IndexedOperation extends OperationRef {
  /** `GET /v1/cards/{card_id}`: how policies, findings and reports name it. */
  key: string;
  /** JSON pointer of the operation object: `/paths/~1cards~1{card_id}/get`. */
  pointer: string;
  /** The operation object as written. */
  operation: JsonObject;
  /** Path-level and operation-level parameters, `$ref`s resolved; an operation-level one overrides its path-level twin. */
  parameters: JsonObject[];
  /** The security requirements in force: the operation's own, else the document's. */
  security: JsonObject[];
  deprecated: boolean;
}

/** Every operation of an OpenAPI document, in document order. */
export function indexOperations(document: JsonObject): IndexedOperation[] {
  const paths = document['paths'];
  if (!isObject(paths)) return [];
  const documentSecurity = Array.isArray(document['security']) ? document['security'].filter(isObject) : [];
  const out: IndexedOperation[] = [];
  for (const [template, rawItem] of Object.entries(paths)) {
    const item = derefLocal(document, rawItem);
    if (!isObject(item)) continue;
    const shared = parametersOf(document, item['parameters']);
    for (const method of HTTP_METHODS) {
      const operation = item[method];
      if (!isObject(operation)) continue;
      const own = parametersOf(document, operation['parameters']);
      const ownKeys = new Set(own.map(parameterKey));
      const upper = method.toUpperCase();
      out.push({
        method: upper,
        template,
        key: `${upper} ${template}`,
        pointer: `/paths/${escapePointerToken(template)}/${method}`,
        operation,
        parameters: [...shared.filter((p) => !ownKeys.has(parameterKey(p))), ...own],
        security: Array.isArray(operation['security']) ? operation['security'].filter(isObject) : documentSecurity,
        deprecated: operation['deprecated'] === true,
      });
    }
  }
  return out;
}

function parametersOf(document: JsonObject, list: unknown): JsonObject[] {
  if (!Array.isArray(list)) return [];
  return list.map((p) => derefLocal(document, p)).filter(isObject);
}

function parameterKey(parameter: JsonObject): string {
  return `${String(parameter['in'])}:${String(parameter['name'])}`;
}

/**
 * The path every server URL of the document puts before its paths (`/v1` for a document whose
 * servers are `https://api.example.com/v1`), or '' when they have none or disagree.
 */
export function serverBasePath(document: JsonObject): string {
  const paths = serverBasePaths(document);
  return paths.length === 1 ? (paths[0] ?? '') : '';
}

/** The distinct non-empty paths of the document's server URLs (server variables count as one segment). */
export function serverBasePaths(document: JsonObject): string[] {
  const servers = document['servers'];
  if (!Array.isArray(servers)) return [];
  const out = new Set<string>();
  for (const server of servers) {
    if (!isObject(server) || typeof server['url'] !== 'string') continue;
    const url = server['url'].replace(/\{[^}]*\}/g, 'x');
    let path: string;
    try {
      path = new URL(url, 'http://base.invalid').pathname;
    } catch {
      continue;
    }
    const trimmed = path.replace(/\/+$/, '');
    if (trimmed !== '') out.add(trimmed);
  }
  return [...out];
}

/** `GET /v1/cards/{id}` → `{ method: 'GET', template: '/v1/cards/{id}' }`. */
export function parseOperation(operation: string | null): OperationRef | null {
  if (operation === null) return null;
  const space = operation.indexOf(' ');
  if (space < 0) return null;
  return { method: operation.slice(0, space).toUpperCase(), template: operation.slice(space + 1) };
}

export function formatOperation(op: OperationRef): string {
  return `${op.method} ${op.template}`;
}
