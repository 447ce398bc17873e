/** A token is never used within this long of its expiry when its lifetime allows. */
const MAX_BUFFER_MS = 5 * 60_000;
/** Covers request latency and modest clock skew even for tokens that live a few seconds. */
const MIN_BUFFER_MS = 2_000;

/**
 * How long before expiry a token is replaced:
 *
 *     buffer = min( lifetime / 2, max( min(lifetime / 10, 5 min), 2 s ) )
 *
 * - 10% of the lifetime, capped at 5 minutes: a 10-day token is replaced 5 minutes early, a 60 s token 6 s early;
 * - at least 2 s, for latency and clock skew;
 * - never more than half the lifetime, so a very short token is still used for half its life rather
 *   than looking stale the moment it arrives (the bug where a fixed 300 s buffer made 300 s tokens
 *   useless: openfga/java-sdk#388).
 */
export function refreshBufferMs(lifetimeSeconds: number): number {
  const lifetimeMs = Math.max(0, lifetimeSeconds * 1000);
  return Math.min(lifetimeMs / 2, Math.max(Math.min(lifetimeMs / 10, MAX_BUFFER_MS), MIN_BUFFER_MS));
}
