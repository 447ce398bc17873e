import type { ProviderDefinition } from './provider';
import { RAMP_PROVIDER } from './ramp/provider';

export type { ProbeRead, ProviderDefinition } from './provider';

/**
 * The registry: the one provider this build verifies. The core reads the provider only from here
 * (or from a definition passed to it), so adding one means a folder under `src/providers/` and this line.
 */
export const PROVIDER_DEFINITION: ProviderDefinition = RAMP_PROVIDER;

/** `${prefix}${name}`: an environment variable of the provider, e.g. `RAMP_SPEC_URL`. */
export function providerEnv(name: string, provider: ProviderDefinition = PROVIDER_DEFINITION): string {
  return `${provider.envPrefix}${name}`;
}
