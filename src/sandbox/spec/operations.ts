import { HTTP_METHODS, type HttpMethod, type OpenApiDocument, type OperationObject, type ParameterObject } from './types';

/** One operation of a document, with its `$ref` parameters resolved and its scopes read off `security`. */
export interface OperationEntry {
  method: HttpMethod;
  /** The path template, e.g. `/developer/v1/transactions/{transaction_id}`. */
  path: string;
  operationId: string;
  operation: OperationObject;
  parameters: ParameterObject[];
  /** OAuth scopes the token must hold, all of them. Empty for operations not under `oauth2`. */
  scopes: string[];
  usesOAuth: boolean;
}

export function listOperations(doc: OpenApiDocument): OperationEntry[] {
  const entries: OperationEntry[] = [];
  for (const [path, item] of Object.entries(doc.paths)) {
    for (const method of HTTP_METHODS) {
      const operation = item[method];
      if (!operation) continue;
      const parameters = [...(item.parameters ?? []), ...(operation.parameters ?? [])].map((parameter) => {
        if (!('$ref' in parameter)) return parameter;
        const name = parameter.$ref.replace(/^#\/components\/parameters\//, '');
        const resolved = doc.components.parameters[name];
        if (!resolved) throw new Error(`${method.toUpperCase()} ${path}: unresolved parameter ${parameter.$ref}`);
        return resolved;
      });
      const oauth = operation.security?.find((requirement) => 'oauth2' in requirement);
      entries.push({
        method,
        path,
        operationId: operation.operationId,
        operation,
        parameters,
        scopes: oauth?.oauth2 ?? [],
        usesOAuth: oauth !== undefined,
      });
    }
  }
  return entries;
}
