import { STATE_HANDLERS, type StateHandlerSpec } from './state-handlers';

/** The handlers the worker binds to the Verifier, by provider-state name. */
export function defaultStateHandlerSpecs(): Record<string, StateHandlerSpec> {
  return { ...STATE_HANDLERS };
}
