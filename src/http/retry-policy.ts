/** Options of the retry policy of `createHttpClient`. */
export interface RetryOptions {
  /** Attempts per request, the first included; 1 disables retries. @default 4 */
  maxAttempts: number;
  /** Most time one request may spend waiting between attempts, in ms. @default 30000 */
  maxRetryTimeMs: number;
  /** First backoff ceiling; doubles per retry (full jitter picks uniformly below it). @default 250 */
  baseDelayMs?: number;
  /** Largest backoff ceiling. @default 8000 */
  maxDelayMs?: number;
}

const IDEMPOTENT: ReadonlySet<string> = new Set(['GET', 'HEAD', 'OPTIONS', 'PUT', 'DELETE']);

/** Methods whose repetition cannot do more than the first request did (RFC 9110 §9.2.2). */
export function isIdempotent(method: string): boolean {
  return IDEMPOTENT.has(method.toUpperCase());
}

/**
 * 5xx worth another try. 501 (not implemented) and 505 (version not supported) are answers about
 * the request itself; repeating it changes nothing.
 */
export function isRetryableStatus(status: number): boolean {
  return status >= 500 && status <= 599 && status !== 501 && status !== 505;
}

/** Failures with no response that a later attempt may not meet. DNS "not found" is not one of them. */
const TRANSIENT_CODES: ReadonlySet<string> = new Set([
  'ECONNRESET',
  'ECONNREFUSED',
  'ECONNABORTED',
  'ETIMEDOUT',
  'ESOCKETTIMEDOUT',
  'EPIPE',
  'EAI_AGAIN',
  'ENETUNREACH',
  'EHOSTUNREACH',
  'ERR_NETWORK',
  'UND_ERR_SOCKET',
]);

export function isTransientNetworkError(code: string | undefined): boolean {
  return code !== undefined && TRANSIENT_CODES.has(code);
}

/**
 * Exponential backoff with full jitter (uniform in [0, min(max, base * 2^(retry-1)))): spreads the
 * retries of many clients instead of synchronising them on a shared staging host.
 * @param retry 1 for the first retry.
 */
export function backoffDelayMs(
  retry: number,
  options: { baseDelayMs: number; maxDelayMs: number },
  random: () => number = Math.random,
): number {
  const ceiling = Math.min(options.maxDelayMs, options.baseDelayMs * 2 ** Math.max(0, retry - 1));
  return Math.floor(random() * ceiling);
}

/**
 * `Retry-After` in ms: delta-seconds, or an HTTP-date. A date is measured against the response's own
 * `Date` header when there is one, so a client clock that is off does not stretch or cut the wait.
 * `null` when absent or unreadable.
 */
export function parseRetryAfterMs(
  value: string | null | undefined,
  dateHeader: string | null | undefined,
  now: number,
): number | null {
  if (value === null || value === undefined) return null;
  const trimmed = value.trim();
  if (/^\d+$/.test(trimmed)) return Number(trimmed) * 1000;
  const at = Date.parse(trimmed);
  if (Number.isNaN(at) || !/[a-z]/i.test(trimmed)) return null;
  const serverNow = dateHeader ? Date.parse(dateHeader) : Number.NaN;
  return Math.max(0, at - (Number.isNaN(serverNow) ? now : serverNow));
}
