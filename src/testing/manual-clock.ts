/** A clock that moves only when told to. */
export interface ManualClock {
  now(): number;
  /** Advances the clock by `ms` at once: a wait on this clock takes no wall-clock time. */
  sleep(ms: number): Promise<void>;
}

/**
 * For tests: one clock shared by the code under test and the sandbox (its token expiry and rate
 * limiter), so token lifetimes, refresh points and Retry-After windows pass without waiting and
 * however busy the machine is.
 */
export function manualClock(start = Date.now()): ManualClock {
  let at = start;
  return {
    now: () => at,
    sleep: (ms: number) => {
      at += Math.max(0, ms);
      return Promise.resolve();
    },
  };
}
