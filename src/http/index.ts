export { createHttpClient } from './create-http-client';
export type { HttpClientOptions } from './create-http-client';
export { assertRequestAllowed, isWriteMethod } from './write-guard';
export { CallRecorder } from './call-recorder';
export type { RecordedCall } from './call-recorder';
export { backoffDelayMs, isIdempotent, isRetryableStatus, isTransientNetworkError, parseRetryAfterMs } from './retry-policy';
export type { RetryOptions } from './retry-policy';
export { isLoopbackHost, pathTemplate, redactUrl } from './url';
