export { TokenProvider, normalizeScopes } from './token-provider';
export type { TokenProviderOptions } from './token-provider';
export { refreshBufferMs } from './refresh-buffer';
export type { AccessToken, RevocationResult, ScopeDrift } from './types';
