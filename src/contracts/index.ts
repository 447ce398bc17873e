export { ALL_CONSUMERS, CONSUMERS, PACT_DIR, PROVIDER, pactFileName } from './parties';
export type { ConsumerName } from './parties';
export {
  ALL_PROVIDER_STATES,
  ProviderState,
  STATES_THAT_WRITE,
  TOKEN_STATES,
  isProviderStateName,
} from './provider-states';
export type {
  ProviderStateContracts,
  ProviderStateName,
  ProviderStateParams,
  ProviderStateValues,
} from './provider-states';
export { canonicalPactText, interactionLabel, parsePact, readPactFile } from './pact-files';
export type { PactFile, PactInteraction } from './pact-files';
