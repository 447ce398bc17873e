import { indexOperations, tokenDemand, type JsonObject } from '../../../../openapi/index';
import type { HttpMethod, OpenApiDocument, OperationObject, ParameterObject } from './types';

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

/** The sandbox's view of the shared operation index: its documents are typed, every operation has an id. */
export function listOperations(doc: OpenApiDocument): OperationEntry[] {
  const json = doc as unknown as JsonObject;
  return indexOperations(json).map((op) => {
    const demand = tokenDemand(json, op.security);
    return {
      method: op.method.toLowerCase() as HttpMethod,
      path: op.template,
      operationId: (op.operation as unknown as OperationObject).operationId,
      operation: op.operation as unknown as OperationObject,
      parameters: op.parameters as unknown as ParameterObject[],
      scopes: demand.scopes,
      usesOAuth: demand.usesToken,
    };
  });
}
