import { PROVIDER } from '../contracts/parties';
import { ProgressPrinter } from '../report';
import type { StepResult } from '../report/model';
import { runPactStep } from '../verify/pact-step';
import { PROVIDER_STATE_HANDLERS } from '../providers/state-handlers';
import { brokerVerification } from './pact-broker';
import { specChecksOn, type Step, type StepContext } from './step';

/**
 * Pact verification: every interaction of the run's pacts replayed against the target in worker
 * processes (through the recording proxy when the spec checks are on), one progress line per case.
 * With a Pact Broker configured, the broker's pacts instead (`brokerVerification`).
 */
export const pactVerificationStep: Step = {
  id: 'pacts',
  title: 'Pact verification',
  enabled: () => true,
  async run(ctx) {
    const options = ctx.options ?? {};
    const replayBaseUrl = specChecksOn(options) && ctx.target.specUrl !== null ? await ctx.replay?.url() : undefined;
    if (ctx.config.pactBroker) return brokerVerification(ctx, replayBaseUrl);
    return localVerification(ctx, replayBaseUrl);
  },
};

async function localVerification(ctx: StepContext, replayBaseUrl: string | undefined): Promise<StepResult> {
  const options = ctx.options ?? {};
  const pacts = ctx.pacts ?? [];
  const only = options.interaction;
  const total = pacts.reduce(
    (n, p) => n + p.interactions.filter((i) => only === undefined || i.description === only).length,
    0,
  );
  const progress = new ProgressPrinter({ total, write: (line) => ctx.log(line) });
  const outcome = await runPactStep({
    pacts,
    provider: PROVIDER,
    baseUrl: ctx.target.baseUrl,
    ...(replayBaseUrl !== undefined ? { replayBaseUrl } : {}),
    writeAllowedHosts: ctx.target.writeAllowedHosts,
    tokens: ctx.tokens,
    handlers: PROVIDER_STATE_HANDLERS,
    mode: options.mode ?? 'parallel',
    ...(only !== undefined ? { onlyDescription: only } : {}),
    ...(ctx.target.kind === 'sandbox' && ctx.target.specRevision
      ? { rerun: { specRevision: ctx.target.specRevision } }
      : {}),
    timeoutMs: ctx.config.http.timeoutMs,
    http: ctx.config.http,
    namespace: ctx.target.clientId,
    audit: ctx.audit,
    onCase: (c) => progress.record(c),
    ...(options.maxWorkers !== undefined ? { maxWorkers: options.maxWorkers } : {}),
    ...(options.signal ? { signal: options.signal } : {}),
    ...(options.workerPool ? { workerPool: options.workerPool } : {}),
  });
  ctx.deprecatedCalls?.push(...outcome.deprecatedCalls);
  return outcome.step;
}
