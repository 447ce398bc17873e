import type { RateLimitOptions } from './types';

export const DEFAULT_RATE_LIMIT: RateLimitOptions = { limit: 200, windowMs: 10_000 };

export type RateDecision = { allowed: true } | { allowed: false; retryAfterSeconds: number };

/**
 * Ramp's limit: so many requests per client in any rolling window. Refused requests do not count, so a
 * client that waits `Retry-After` seconds is let through.
 */
export class RollingWindowLimiter {
  private readonly hits = new Map<string, number[]>();

  constructor(
    private readonly options: RateLimitOptions,
    private readonly now: () => number = Date.now,
  ) {
    if (!Number.isInteger(options.limit) || options.limit < 1)
      throw new RangeError('rate limit must be a whole number of at least 1');
    if (!Number.isFinite(options.windowMs) || options.windowMs < 1)
      throw new RangeError('rate-limit window must be at least 1 ms');
  }

  take(key: string): RateDecision {
    const now = this.now();
    const since = now - this.options.windowMs;
    const recent = (this.hits.get(key) ?? []).filter((time) => time > since);
    if (recent.length >= this.options.limit) {
      this.hits.set(key, recent);
      const oldest = recent[0] as number;
      return {
        allowed: false,
        retryAfterSeconds: Math.max(1, Math.ceil((oldest + this.options.windowMs - now) / 1000)),
      };
    }
    recent.push(now);
    this.hits.set(key, recent);
    return { allowed: true };
  }
}
