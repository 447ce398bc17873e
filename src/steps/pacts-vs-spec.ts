import { loadSpecGapConfig, PACT_VS_SPEC_STEP_ID, pactVsSpecStep } from '../impact';
import { providerEnv } from '../providers';
import { specOf } from './published-spec';
import { specChecksOn, type Step } from './step';

/**
 * Pacts against the target's published spec (bi-directional, no request sent): an interaction the spec
 * no longer supports is flagged before any is replayed. Left out without a spec URL or with broker pacts.
 */
export const pactsVsSpecStep: Step = {
  id: PACT_VS_SPEC_STEP_ID,
  title: 'Pacts against the published spec',
  enabled: specChecksOn,
  async run(ctx) {
    if (ctx.target.specUrl === null) {
      ctx.log(`spec checks skipped: no published spec URL for this target (${providerEnv('SPEC_URL')})`);
      return null;
    }
    if (ctx.config.pactBroker) {
      ctx.log('pacts vs the published spec skipped: the pacts come from the Pact Broker');
      return null;
    }
    const spec = await specOf(ctx);
    if (spec === null) return null;
    // Documentation gaps (an expected 4xx the spec does not describe) count as rampart.config.yaml says.
    const gaps = loadSpecGapConfig(ctx.cwd !== undefined ? { cwd: ctx.cwd } : {});
    const step = await pactVsSpecStep(ctx.pacts ?? [], spec, gaps);
    const unsupported = step.cases.filter((c) => c.outcome === 'failed' || c.outcome === 'error').length;
    ctx.log(
      `pacts vs the published spec: ${step.cases.length} interactions checked, ${unsupported} not supported by it`,
    );
    return step;
  },
};
