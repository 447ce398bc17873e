import { PROVIDER_STATE_HANDLERS } from '../providers/state-handlers';
import type { StateHandlerSpec } from './state-setup';

/** The handlers the worker binds to the Verifier, by provider-state name. */
export function defaultStateHandlerSpecs(): Record<string, StateHandlerSpec> {
  return { ...PROVIDER_STATE_HANDLERS };
}
