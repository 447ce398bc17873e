import {
  loadSpecGapConfig,
  pactVsSpecStep,
  providerSpecStep,
  startRecordingProxy,
  type RecordingProxy,
} from '../impact';
import type { StepResult } from '../report/model';
import { specOf, type StepContext } from './steps';

/**
 * Pacts against the target's published spec (bi-directional, no request sent): an interaction the spec
 * no longer supports is flagged before any is replayed. `null` (left out) without a spec URL.
 */
export async function pactVsSpec(ctx: StepContext): Promise<StepResult | null> {
  const spec = await specOf(ctx);
  if (spec === null) return null;
  // Documentation gaps (an expected 4xx the spec does not describe) count as rampart.config.yaml says.
  const gaps = loadSpecGapConfig(ctx.cwd !== undefined ? { cwd: ctx.cwd } : {});
  const step = await pactVsSpecStep(ctx.pacts ?? [], spec, gaps);
  const unsupported = step.cases.filter((c) => c.outcome === 'failed' || c.outcome === 'error').length;
  ctx.log(`pacts vs the published spec: ${step.cases.length} interactions checked, ${unsupported} not supported by it`);
  return step;
}

/**
 * The loopback proxy the Verifier replays through, so what the target actually sends can be checked
 * against its published spec. It forwards Authorization unchanged and never records request headers.
 */
export function startReplayRecorder(ctx: StepContext): Promise<RecordingProxy> {
  return startRecordingProxy({ target: ctx.target.baseUrl, timeoutMs: ctx.config.http.timeoutMs });
}

/** The responses the replay received, validated against the published spec (`provider-vs-spec`). */
export async function providerVsSpec(ctx: StepContext, proxy: RecordingProxy): Promise<StepResult | null> {
  const spec = await specOf(ctx);
  if (spec === null) return null;
  const gaps = loadSpecGapConfig(ctx.cwd !== undefined ? { cwd: ctx.cwd } : {});
  const step = providerSpecStep(spec, proxy.exchanges(), proxy.dropped(), gaps);
  const upstreamErrors = proxy.upstreamErrors();
  const disagreeing = step.cases.filter((c) => c.outcome === 'failed').length;
  ctx.log(`responses vs the published spec: ${proxy.exchanges().length} responses checked, ${disagreeing} operation/status pairs disagree with it`);
  return upstreamErrors > 0 ? { ...step, summary: { ...step.summary, upstreamErrors } } : step;
}
