import type { AxiosInstance } from 'axios';
import type { TokenProvider } from '../auth';
import { createHttpClient, type AuditSink } from './create-http-client';

/** Options of `specFetchClient`. */
export interface SpecFetchClientOptions {
  /** The published document. */
  specUrl: string;
  /** The API the token was minted for: the only origin it goes to unless `allowedOrigins` names another. */
  apiBaseUrl: string;
  tokenProvider: TokenProvider;
  /** The spec's origin, when the operator named its host (`extraTokenOrigins` of src/config). */
  allowedOrigins: readonly string[];
  limits: {
    timeoutMs: number;
    maxAttempts: number;
    maxRetryTimeMs: number;
    deadlineMs: number;
    maxResponseBytes: number;
  };
  audit?: AuditSink;
  /** Told once, when the token is about to leave the API's origin. */
  log(line: string): void;
}

/**
 * The client that fetches a published document with the API token (`RAMP_SPEC_URL_NEEDS_TOKEN`): the
 * one HTTP client, locked to the API's origin plus the spec host the operator named, so the token never
 * reaches a host by accident, and the operator is told when it reaches one that is not the API's.
 */
export function specFetchClient(options: SpecFetchClientOptions): AxiosInstance {
  const spec = new URL(options.specUrl);
  if (spec.origin !== new URL(options.apiBaseUrl).origin && options.allowedOrigins.includes(spec.origin)) {
    options.log(`sending the API token to ${spec.host} to fetch RAMP_SPEC_URL (named in RAMP_SPEC_TOKEN_HOST)`);
  }
  return createHttpClient({
    baseUrl: options.apiBaseUrl,
    tokenProvider: options.tokenProvider,
    allowedOrigins: options.allowedOrigins,
    writeAllowedHosts: [],
    timeoutMs: options.limits.timeoutMs,
    deadlineMs: options.limits.deadlineMs,
    maxResponseBytes: options.limits.maxResponseBytes,
    retry: { maxAttempts: options.limits.maxAttempts, maxRetryTimeMs: options.limits.maxRetryTimeMs },
    ...(options.audit ? { audit: options.audit } : {}),
  });
}
