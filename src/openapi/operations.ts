import { HTTP_METHODS, isObject, type JsonObject } from './document';
import { escapePointerToken } from './json-pointer';
import { contextOf, followRefs, type DocContext } from './load/ref-context';

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
  /** The path item holding it, `$ref` resolved (its own `parameters` are the path-level ones). */
  pathItem: JsonObject;
  /** Where `$ref`s written in the path item and the operation resolve (another file for a `$ref`'d path item). */
  context: DocContext;
  /** Path-level and operation-level parameters, `$ref`s resolved; an operation-level one overrides its path-level twin. */
  parameters: JsonObject[];
  /** The security requirements in force: the operation's own, else the document's. */
  security: JsonObject[];
  deprecated: boolean;
}

/** One entry of a document's `paths`: the template as written and its operations in `HTTP_METHODS` order. */
export interface IndexedPath {
  template: string;
  operations: IndexedOperation[];
}

/**
 * Every entry of a document's `paths`, in document order, with its operations. `$ref`s resolve
 * through the document's loader context (`contextOf`), so a path item in another file is read there;
 * `source` names a document built by hand.
 */
export function indexPaths(document: JsonObject, source = ''): IndexedPath[] {
  const paths = document['paths'];
  if (!isObject(paths)) return [];
  const root = contextOf(document, source);
  const documentSecurity = Array.isArray(document['security']) ? document['security'].filter(isObject) : [];
  return Object.entries(paths).map(([template, rawItem]) => {
    const operations: IndexedOperation[] = [];
    const found = followRefs(rawItem, root);
    const item = found?.value;
    if (found === null || !isObject(item)) return { template, operations };
    const context = found.ctx;
    const shared = parametersOf(item['parameters'], context);
    for (const method of HTTP_METHODS) {
      const operation = item[method];
      if (!isObject(operation)) continue;
      const own = parametersOf(operation['parameters'], context);
      const ownKeys = new Set(own.map(parameterKey));
      const upper = method.toUpperCase();
      operations.push({
        method: upper,
        template,
        key: `${upper} ${template}`,
        pointer: `/paths/${escapePointerToken(template)}/${method}`,
        operation,
        pathItem: item,
        context,
        parameters: [...shared.filter((p) => !ownKeys.has(parameterKey(p))), ...own],
        security: Array.isArray(operation['security']) ? operation['security'].filter(isObject) : documentSecurity,
        deprecated: operation['deprecated'] === true,
      });
    }
    return { template, operations };
  });
}

/** Every operation of an OpenAPI document, in document order. */
export function indexOperations(document: JsonObject, source = ''): IndexedOperation[] {
  return indexPaths(document, source).flatMap((path) => path.operations);
}

function parametersOf(list: unknown, context: DocContext): JsonObject[] {
  if (!Array.isArray(list)) return [];
  return list.map((p) => followRefs(p, context)?.value).filter(isObject);
}

function parameterKey(parameter: JsonObject): string {
  return `${String(parameter['in'])}:${String(parameter['name'])}`;
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
