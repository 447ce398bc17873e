/**
 * Types for `@pactflow/openapi-pact-comparator` 1.7.0. Its shipped `.d.ts` is unusable under
 * `module: node16` (extensionless ESM re-exports and `#documents/*` imports of unshipped `.ts` files),
 * so this shim declares the little rampart uses. At run time `require` picks its CommonJS build.
 */
declare module '@pactflow/openapi-pact-comparator' {
  export interface ComparatorResult {
    /** e.g. `request.body.incompatible`, `response.status.unknown`, `request.path-or-method.unknown`. */
    code: string;
    message: string;
    type: 'error' | 'warning';
    mockDetails?: {
      interactionDescription?: string;
      interactionState?: string;
      location?: string;
      value?: unknown;
    };
    specDetails?: {
      location?: string;
      pathMethod?: string | null;
      pathName?: string | null;
      value?: unknown;
    };
  }

  export class Comparator {
    constructor(oas: object);
    compare(pact: object): AsyncIterable<ComparatorResult>;
  }
}
