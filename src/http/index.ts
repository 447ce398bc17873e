export { createHttpClient } from './create-http-client';
export type { HttpClientOptions } from './create-http-client';
export { assertRequestAllowed, isWriteAllowed, isWriteMethod } from './write-guard';
export { CallRecorder } from './call-recorder';
export type { RecordedCall } from './call-recorder';
export {
  backoffDelayMs,
  isIdempotent,
  isRetryableStatus,
  isTransientNetworkError,
  parseRetryAfterMs,
} from './retry-policy';
export type { RetryOptions } from './retry-policy';
export { isLoopbackHost, pathTemplate, redactUrl } from './url';
export {
  NO_API_HINT,
  noApiAt,
  noApiIn,
  TOKENS_REFUSED_HINT,
  tokensRefusedAt,
  tokensRefusedIn,
  unusableTarget,
} from './no-api';
export { specFetchClient } from './spec-fetch-client';
export type { SpecFetchClientOptions } from './spec-fetch-client';
export { DEFAULT_DEADLINE_MS, DEFAULT_MAX_RESPONSE_BYTES } from './create-http-client';
export type { AuditSink } from './create-http-client';
