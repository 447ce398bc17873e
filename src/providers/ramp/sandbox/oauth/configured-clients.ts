import type { RampartConfig } from '../../../../config/index';
import type { SandboxOptions } from '../types';

/** The demo and read-only clients the config names (RAMP_CLIENT_ID…, RAMP_READONLY_CLIENT_ID…); the others are generated. */
export function sandboxClients(config: RampartConfig): Pick<SandboxOptions, 'demoClient' | 'readOnlyClient'> {
  return {
    ...(config.clientId !== null && config.clientSecret !== null
      ? { demoClient: { clientId: config.clientId, clientSecret: config.clientSecret } }
      : {}),
    ...(config.sandboxReadOnlyClient ? { readOnlyClient: { ...config.sandboxReadOnlyClient } } : {}),
  };
}
