import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { ALL_RULES, loadSpec } from '../drift';
import { configuredDiff, loadDriftConfig } from '../drift/config';
import { driftStep } from '../drift/format';
import { assessImpact, impactStep } from '../impact';
import { redactUrl } from '../log/redact';
import type { StepResult } from '../report/model';
import { specOf, type ExtraStep, type StepContext } from './steps';

/** The committed baseline the target's published document is compared with. */
export const BASELINE_SPEC = join(__dirname, '..', '..', 'specs', 'ramp', 'openapi.json');

/**
 * The drift step of verify: the target's published OpenAPI document (the run's shared copy) diffed
 * against `specs/ramp/openapi.json` under the team's drift config (`rampart.config.yaml`: levels and
 * ignores, as `npm run drift` applies them), each finding tied to the run's pact interactions it
 * touches (`data.affectedInteractions`, `data.unaffected`); findings at level `error` fail the run.
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
    const [base, revision] = await Promise.all([loadSpec(BASELINE_SPEC), specOf(ctx)]);
    if (revision === null) return null;
    const config = loadDriftConfig({ knownRuleIds: ALL_RULES.map((rule) => rule.id), ...(ctx.cwd !== undefined ? { cwd: ctx.cwd } : {}) });
    const findings = configuredDiff(base, revision, config);
    // Pacts from a broker are not known to the parent: without them every finding would read "unaffected".
    const step = ctx.pacts?.length ? impactStep(assessImpact(findings, ctx.pacts, [base, revision]), 'error') : driftStep(findings, 'error');
    const shownRevision = redactUrl(ctx.target.specUrl);
    return { ...step, summary: { ...step.summary, base: 'specs/ramp/openapi.json', revision: shownRevision } };
  },
};
