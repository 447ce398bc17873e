/** The retry policy's pure parts: which requests may be retried, how long to wait. */
import { backoffDelayMs, isIdempotent, isRetryableStatus, parseRetryAfterMs } from './retry-policy';

it('treats GET, HEAD, OPTIONS, PUT and DELETE as idempotent, POST and PATCH not', () => {
  expect(['GET', 'head', 'OPTIONS', 'PUT', 'DELETE'].every(isIdempotent)).toBe(true);
  expect(['POST', 'PATCH'].some(isIdempotent)).toBe(false);
});

it('retries 5xx except 501 and 505', () => {
  expect([500, 502, 503, 504, 599].every(isRetryableStatus)).toBe(true);
  expect([501, 505, 404, 429, 200].some(isRetryableStatus)).toBe(false);
});

it('backs off exponentially with full jitter under a cap', () => {
  const options = { baseDelayMs: 100, maxDelayMs: 1_000 };
  expect([1, 2, 3, 4, 5].map((n) => backoffDelayMs(n, options, () => 0.999999))).toEqual([99, 199, 399, 799, 999]);
  expect(backoffDelayMs(3, options, () => 0)).toBe(0);
});

describe('parseRetryAfterMs', () => {
  const now = Date.UTC(2026, 0, 1, 12, 0, 0);
  it('reads delta-seconds', () => {
    expect(parseRetryAfterMs('7', null, now)).toBe(7_000);
    expect(parseRetryAfterMs(' 0 ', null, now)).toBe(0);
  });
  it('reads an HTTP-date against our clock, or the server Date header when present', () => {
    const at = new Date(now + 5_000).toUTCString();
    expect(parseRetryAfterMs(at, null, now)).toBe(5_000);
    expect(parseRetryAfterMs(at, new Date(now + 2_000).toUTCString(), now + 60_000)).toBe(3_000);
    expect(parseRetryAfterMs(new Date(now - 5_000).toUTCString(), null, now)).toBe(0);
  });
  it('ignores what it cannot read', () => {
    expect(parseRetryAfterMs(undefined, null, now)).toBeNull();
    expect(parseRetryAfterMs('soon', null, now)).toBeNull();
    expect(parseRetryAfterMs('-3', null, now)).toBeNull();
    expect(parseRetryAfterMs('1.5', null, now)).toBeNull();
  });
});
