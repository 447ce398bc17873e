import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { ALL_RULES, loadSpec } from '../drift';
import { configuredDiff, loadDriftConfig } from '../drift/config';
import { driftStep } from '../drift/format';
import type { StepResult } from '../report/model';
import type { ExtraStep, StepContext } from './steps';

/** The committed baseline the target's published document is compared with. */
export const BASELINE_SPEC = join(__dirname, '..', '..', 'specs', 'ramp', 'openapi.json');

/**
 * The drift step of verify: fetch the target's published OpenAPI document and diff it against
 * `specs/ramp/openapi.json` under the team's drift config (`rampart.config.yaml`: levels and ignores,
 * as `npm run drift` applies them); findings at level `error` fail the run.
 */
export const driftExtraStep: ExtraStep = {
  id: 'drift',
  title: 'Spec drift',
  async run(ctx: StepContext): Promise<StepResult | null> {
    if (ctx.target.specUrl === null) {
      ctx.log('drift step skipped: no published spec URL for this target (RAMP_SPEC_URL)');
      return null;
    }
    if (!existsSync(BASELINE_SPEC)) {
      throw new Error(`no baseline at specs/ramp/openapi.json (create it with npm run drift -- --update-baseline)`);
    }
    const headers = ctx.target.specUrlNeedsToken ? { authorization: `Bearer ${(await ctx.tokens.provider.getToken()).value}` } : undefined;
    const [base, revision] = await Promise.all([
      loadSpec(BASELINE_SPEC),
      loadSpec(ctx.target.specUrl, { ...(headers ? { headers } : {}), timeoutMs: ctx.config.http.timeoutMs }),
    ]);
    const config = loadDriftConfig({ knownRuleIds: ALL_RULES.map((rule) => rule.id) });
    const step = driftStep(configuredDiff(base, revision, config), 'error');
    return { ...step, summary: { ...step.summary, base: 'specs/ramp/openapi.json', revision: ctx.target.specUrl } };
  },
};
