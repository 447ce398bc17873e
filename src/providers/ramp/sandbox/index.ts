/**
 * The embedded staging sandbox: Ramp's Developer API demo environment on a loopback port, with its own
 * OpenAPI document in two revisions, seeded data and fault injection.
 */
export { startSandbox, DEFAULT_TOKEN_TTL_SECONDS } from './server';
export { sandboxClients } from './oauth/configured-clients';
export { sandboxSpec, toJsonSchema, createSpecAjv, listOperations, API_PREFIX } from './spec';
export type { OpenApiDocument, OperationObject, SchemaObject, ParameterObject, OperationEntry } from './spec';
export { ALL_SCOPES, READ_SCOPES, type Scope } from './scopes';
export { DEFAULT_RATE_LIMIT } from './rate-limiter';
export { resolveSandboxRateLimit } from './stages';
export { PLANTED_FAULTS } from './misconfiguration';
export { RAMP_ERROR_CODES } from './http/ramp-error';
export { SEED_COUNTS } from './data/seed';
export { SPEC_REVISIONS } from './types';
export type {
  SandboxOptions,
  RunningSandbox,
  SandboxClient,
  FaultOptions,
  RateLimitOptions,
  SpecRevision,
} from './types';
