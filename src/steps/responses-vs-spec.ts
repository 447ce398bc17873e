import { loadSpecGapConfig, PROVIDER_SPEC_STEP_ID, providerSpecStep } from '../impact';
import { specOf } from './published-spec';
import { specChecksOn, type Step } from './step';

/** The responses the replay received through the recording proxy, validated against the published spec. */
export const responsesVsSpecStep: Step = {
  id: PROVIDER_SPEC_STEP_ID,
  title: 'Responses against the published spec',
  enabled: specChecksOn,
  async run(ctx) {
    if (ctx.target.specUrl === null || !ctx.replay) return null;
    const proxy = await ctx.replay.recorder();
    const spec = await specOf(ctx);
    if (spec === null) return null;
    const gaps = loadSpecGapConfig(ctx.cwd !== undefined ? { cwd: ctx.cwd } : {});
    const step = providerSpecStep(spec, proxy.exchanges(), proxy.dropped(), gaps);
    const upstreamErrors = proxy.upstreamErrors();
    const disagreeing = step.cases.filter((c) => c.outcome === 'failed').length;
    ctx.log(
      `responses vs the published spec: ${proxy.exchanges().length} responses checked, ` +
        `${disagreeing} operation/status pairs disagree with it`,
    );
    return upstreamErrors > 0 ? { ...step, summary: { ...step.summary, upstreamErrors } } : step;
  },
};
