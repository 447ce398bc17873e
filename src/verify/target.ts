import type { RampartConfig } from '../config';
import { ConfigError } from '../errors';
import { providerEnv } from '../providers';
import { sandboxClients, startSandbox, type SandboxOptions } from '../providers/sandbox';

/** Where the run verifies, with the credentials for it. */
export interface VerifyTarget {
  kind: 'sandbox' | 'staging';
  baseUrl: string;
  tokenUrl: string;
  /** The provider's published OpenAPI document, for the drift step. */
  specUrl: string | null;
  specUrlNeedsToken: boolean;
  clientId: string;
  clientSecret: string;
  scopes: readonly string[];
  /** For this run only: the sandbox's host is added to the configured list. */
  writeAllowedHosts: readonly string[];
  specRevision?: string;
  /** A client whose tokens expire within seconds, for the expired-token probe (the sandbox has one). */
  expiryClient?: { clientId: string; clientSecret: string; scopes: readonly string[] };
  /** What the run says about the target before it starts. */
  announcement: string;
  close(): Promise<void>;
}

export interface ResolveTargetOptions {
  /** Sandbox only: the revision it serves. @default 'baseline' */
  specRevision?: 'baseline' | 'next';
  /** Sandbox only: further options (faults, log, rate limit) — for tests and benchmarks. */
  sandbox?: SandboxOptions;
}

/**
 * With `STAGING_BASE_URL` set: that host with the configured credentials. Without it: the embedded
 * sandbox on a free loopback port, with its demo client, and its host write-allowed for this run.
 */
export async function resolveTarget(config: RampartConfig, options: ResolveTargetOptions = {}): Promise<VerifyTarget> {
  if (config.stagingBaseUrl !== null) {
    if (options.specRevision !== undefined && options.specRevision !== 'baseline') {
      throw new ConfigError('--spec-revision applies to the embedded sandbox only; unset STAGING_BASE_URL to use it', {
        variable: 'STAGING_BASE_URL',
      });
    }
    // Checked here, not in the config: drift and the spec watch read a staging's document without them.
    if (config.clientId === null || config.clientSecret === null || config.tokenUrl === null) {
      const variable = providerEnv(config.clientId === null ? 'CLIENT_ID' : 'CLIENT_SECRET');
      throw new ConfigError(`${variable} is required when STAGING_BASE_URL is set`, { variable });
    }
    return {
      kind: 'staging',
      baseUrl: config.stagingBaseUrl,
      tokenUrl: config.tokenUrl,
      specUrl: config.specUrl,
      specUrlNeedsToken: config.specUrlNeedsToken,
      clientId: config.clientId,
      clientSecret: config.clientSecret,
      scopes: config.scopes,
      writeAllowedHosts: config.writeAllowedHosts,
      announcement: `verifying against staging at ${config.stagingBaseUrl}`,
      close: () => Promise.resolve(),
    };
  }

  const specRevision = options.specRevision ?? options.sandbox?.specRevision ?? 'baseline';
  const sandbox = await startSandbox({ port: 0, ...sandboxClients(config), ...options.sandbox, specRevision });
  const host = new URL(sandbox.baseUrl).host;
  return {
    kind: 'sandbox',
    baseUrl: sandbox.baseUrl,
    tokenUrl: sandbox.tokenUrl,
    specUrl: config.specUrl ?? sandbox.specUrl,
    specUrlNeedsToken: false,
    clientId: sandbox.clients.demo.clientId,
    clientSecret: sandbox.clients.demo.clientSecret,
    expiryClient: sandbox.clients.shortLived,
    scopes: config.scopes,
    writeAllowedHosts: [...config.writeAllowedHosts, host],
    specRevision,
    announcement: `no staging configured: using the embedded sandbox at ${sandbox.baseUrl} (spec revision ${specRevision})`,
    close: () => sandbox.close(),
  };
}
