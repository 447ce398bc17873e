export { ALL_CONSUMERS, CONSUMERS, PACT_DIR, PROVIDER, pactFileName } from './parties';
export type { ConsumerName } from './parties';
export { canonicalPactText, interactionLabel, parsePact, readPactFile } from './pact-files';
export type { PactFile, PactInteraction } from './pact-files';
