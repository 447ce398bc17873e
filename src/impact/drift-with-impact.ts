import type { LoadedSpec } from '../openapi';
import { configuredDiff, type ConfiguredDiffOptions, type DriftConfig } from '../drift/config';
import type { ReportedFinding } from '../drift/format';
import { assessImpact } from './assess-impact';
import type { PactInput } from './pact-input';

export interface DriftWithImpactInput {
  /** The baseline; `null` when there is none yet (nothing to compare). */
  base: LoadedSpec | null;
  revision: LoadedSpec;
  config: DriftConfig;
  /** The pacts whose interactions the findings are matched to; `null`: not checked. */
  pacts: readonly PactInput[] | null;
  /** The clock for ignore expiry. */
  now?: () => Date;
  /** How the documents' paths are aligned, and the clock (`now` above is kept for callers that only set it). */
  diff?: ConfiguredDiffOptions;
}

/**
 * The drift findings of `revision` against `base` under the team's config (levels, ignores), each
 * tied to the pact interactions it touches when pacts are given (a raised level counts). The one
 * pipeline behind `npm run drift` and verify's drift step.
 */
export function driftWithImpact(input: DriftWithImpactInput): ReportedFinding[] {
  const { base, revision, config, pacts } = input;
  const findings = base ? configuredDiff(base, revision, config, { now: input.now, ...input.diff }) : [];
  return pacts ? assessImpact(findings, pacts, base ? [base, revision] : [revision]) : findings;
}
