/** A bearer token minted by the client-credentials grant. `value` is registered with the redactor. */
export interface AccessToken {
  readonly value: string;
  /** Epoch ms. Counted from when the grant request was sent, so never later than the provider's. */
  readonly expiresAt: number;
  /** Epoch ms after which `getToken` mints a new token (`expiresAt` minus `refreshBufferMs`). */
  readonly refreshAt: number;
  readonly lifetimeSeconds: number;
  /** Sorted, de-duplicated. */
  readonly requestedScopes: readonly string[];
  /** From the response's `scope`; `null` when the provider did not report it (Ramp's sandbox omits it). */
  readonly grantedScopes: readonly string[] | null;
  /** First 8 hex digits of SHA-256 of the value: safe to log. */
  readonly fingerprint: string;
}

/** Requested versus granted scopes for one scope set the run asked for. */
export interface ScopeDrift {
  /** The requested set, sorted and space-separated: the cache key. */
  readonly scopeSet: string;
  readonly requested: readonly string[];
  /** `null`: the provider did not report granted scopes; the token probes decide. */
  readonly granted: readonly string[] | null;
  /** Requested but not granted (empty when `granted` is null). */
  readonly missing: readonly string[];
  /** Granted but not requested. */
  readonly extra: readonly string[];
  /** Why nothing can be said, when `granted` is null. */
  readonly note: string | null;
}

/** What `revokeAll` did. Failures are collected, never thrown: revocation is cleanup. */
export interface RevocationResult {
  readonly attempted: number;
  readonly revoked: number;
  /** One redacted line per token that could not be revoked, naming its fingerprint. */
  readonly errors: readonly string[];
}
