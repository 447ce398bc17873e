import { PLANTED_FAULTS } from './misconfiguration';
import { DEFAULT_RATE_LIMIT } from './rate-limiter';
import type { RateLimitOptions, SandboxOptions } from './types';

/**
 * The rate limit the sandbox enforces: an explicit `rateLimit` wins; else the agreed limit of the ramp
 * stage it was started with (`stage`, looked up in `stageRateLimits`, which the CLI reads from the
 * committed ramp policy); else Ramp's default. `null` means no limit at all, which only the
 * misconfigured mode plants. The sandbox does not read the policy itself: that would load its schema
 * (zod) into every sandbox start.
 */
export function resolveSandboxRateLimit(
  options: Pick<SandboxOptions, 'rateLimit' | 'stage' | 'stageRateLimits' | 'misconfigured'>,
): RateLimitOptions | null {
  if (options.misconfigured && options.stage === PLANTED_FAULTS.unlimitedStage) return null;
  if (options.rateLimit) return options.rateLimit;
  if (options.stage === undefined) return DEFAULT_RATE_LIMIT;
  if (!options.stageRateLimits)
    throw new RangeError(`stage "${options.stage}" given without stageRateLimits to look it up in`);
  const limit = options.stageRateLimits[options.stage];
  if (!limit) {
    throw new RangeError(`unknown stage "${options.stage}"; known: ${Object.keys(options.stageRateLimits).join(', ')}`);
  }
  return limit;
}
