/**
 * What the core knows about the provider whose API the pacts describe: one typed definition, read
 * through `src/providers` (the registry). The core names no provider and no API path of its own.
 */
export interface ProviderDefinition {
  /** The pact provider name: what the pacts' `provider.name` is and the Verifier verifies. */
  name: string;
  /** How people call it, in messages and reports. */
  displayName: string;
  /** Where the API's paths start, e.g. `/v1`; a staging base URL is given without it. */
  apiBasePath: string;
  /** The OAuth2 token endpoint's path on the API host (client credentials). */
  tokenPath: string;
  /** The token revocation endpoint's path (RFC 7009). */
  revokePath: string;
  /** The scopes a client requests when none are configured. */
  defaultScopes: readonly string[];
  /** Where the provider publishes its OpenAPI document. */
  publishedSpecUrl: string;
  /** Hosts of the provider's production API: never a verification target, never sent a write. */
  productionHosts: readonly string[];
  /** The provider's demo (sandbox) API host. */
  demoHost: string;
  /** The prefix of the environment variables naming its credentials and URLs, e.g. `ACME_`. */
  envPrefix: string;
  /** The committed baseline of the published document, relative to the repository. */
  baselineSpec: string;
  /** The committed ramp policy (the capacity stages the integration moves through), relative to the repository. */
  policyFile: string;
  /**
   * Read-only GETs the token probes call, each with the one scope it needs and no required parameter,
   * in order of preference: a probe calls the first its token's scopes grant, so a 2xx there means
   * the provider accepted the token.
   */
  probeReads: readonly ProbeRead[];
}

/** A GET the token probes may call, and the scope it needs. */
export interface ProbeRead {
  path: string;
  scope: string;
}
