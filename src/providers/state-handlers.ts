import type { ProviderStateName } from './ramp/provider-states';
import type { StateHandlerSpec } from '../verify/state-setup';
import { STATE_HANDLERS } from './ramp/state-handlers';

/**
 * The provider's state handlers, by provider-state name: the registry's other half, kept apart from
 * `src/providers/index.ts` so reading the provider's definition does not load its handlers.
 */
export const PROVIDER_STATE_HANDLERS: Readonly<Record<ProviderStateName, StateHandlerSpec>> = STATE_HANDLERS;
