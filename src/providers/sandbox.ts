/**
 * The provider's embedded staging sandbox, as the core starts it when no staging is configured: the
 * registry's third part, beside the definition (`index.ts`) and the state handlers.
 */
export { sandboxClients, sandboxSpec, startSandbox } from './ramp/sandbox';
export type { RunningSandbox, SandboxOptions, SpecRevision } from './ramp/sandbox';
export type { OpenApiDocument as SandboxDocument, SchemaObject as SandboxSchema } from './ramp/sandbox';
