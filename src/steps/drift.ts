import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { loadSpec } from '../openapi';
import { loadDriftConfig } from '../drift/config';
import { driftStep } from '../drift/format';
import { driftWithImpact } from '../impact/drift-with-impact';
import { redactUrl } from '../log/redact';
import { PROVIDER_DEFINITION, providerEnv } from '../providers';
import { specOf } from './published-spec';
import { wholeContract, type Step } from './step';

/** The committed baseline the target's published document is compared with. */
export const BASELINE_SPEC = join(__dirname, '..', '..', PROVIDER_DEFINITION.baselineSpec);

/**
 * The drift step of verify: the target's published OpenAPI document (the run's shared copy) diffed
 * against the provider's committed baseline under the team's drift config (`rampart.config.yaml`: levels and
 * ignores, as `npm run drift` applies them), each finding tied to the run's pact interactions it
 * touches (`data.affectedInteractions`, `data.unaffected`); findings at level `error` fail the run.
 */
export const driftVerifyStep: Step = {
  id: 'drift',
  title: 'Spec drift',
  enabled: (options) => options.drift !== false && wholeContract(options),
  async run(ctx) {
    if (ctx.target.specUrl === null) {
      ctx.log(`drift step skipped: no published spec URL for this target (${providerEnv('SPEC_URL')})`);
      return null;
    }
    if (!existsSync(BASELINE_SPEC)) {
      throw new Error(
        `no baseline at ${PROVIDER_DEFINITION.baselineSpec} (create it with npm run drift -- --update-baseline)`,
      );
    }
    const [base, revision] = await Promise.all([loadSpec(BASELINE_SPEC), specOf(ctx)]);
    if (revision === null) return null;
    const config = loadDriftConfig({
      ...(ctx.cwd !== undefined ? { cwd: ctx.cwd } : {}),
    });
    // Pacts from a broker are not known to the parent: without them every finding would read "unaffected".
    const pacts = ctx.pacts?.length ? ctx.pacts : null;
    const step = driftStep(driftWithImpact({ base, revision, config, pacts }), 'error', pacts !== null);
    return {
      ...step,
      summary: { ...step.summary, base: PROVIDER_DEFINITION.baselineSpec, revision: redactUrl(ctx.target.specUrl) },
    };
  },
};
