import { PROVIDER } from '../contracts/parties';
import type { CaseResult, StepResult } from '../report/model';
import { isWriteAllowed } from '../http';
import type { PactJob } from '../verify/pact-job';
import type { InteractionVerdict } from '../verify/result-parser';
import {
  answersOf,
  auditJobCalls,
  deprecatedCallsOf,
  mintEach,
  noContractVerdicts,
  targetUnusable,
} from '../verify/pact-step';
import type { StepContext } from './step';
import { TOKEN_MISSING_STATUS, WRITE_REFUSED_STATUS } from '../verify/request-filter';
import { runInWorkers } from '../verify/worker-pool';

/** Consumer version selectors: what is on each consumer's main branch and what is deployed or released. */
export const CONSUMER_VERSION_SELECTORS = [{ mainBranch: true }, { deployedOrReleased: true }];

/**
 * Pact step with the pacts from a Pact Broker (`PACT_BROKER_BASE_URL`). The broker decides which pacts
 * are verified, so the run cannot pre-plan interactions: every token kind is minted, and write
 * interactions on a host outside the write allow-list are refused by the request path (see docs).
 * Results are published only in CI (`CI=true` with `GITHUB_SHA`).
 */
export async function brokerVerification(
  ctx: StepContext,
  /** Where the Verifier replays (the recording proxy); the write guard keeps the real target. */
  replayBaseUrl?: string,
  env: NodeJS.ProcessEnv = process.env,
): Promise<StepResult> {
  const options = ctx.options ?? {};
  const broker = ctx.config.pactBroker;
  if (!broker) throw new Error('no Pact Broker configured');
  // Every kind, as the broker's interactions are not known beforehand; one that cannot be had errs only
  // the interactions whose provider state needs it (the request filter refuses them, naming the kind).
  const unavailable = await mintEach(ctx.tokens, new Set(['standard', 'without-cards-read', 'revoked'] as const));
  for (const [kind, why] of unavailable) ctx.log(`no ${kind} token for this run: ${why}`);
  const tokens = ctx.tokens.tokens();
  const publish =
    env['CI'] === 'true' && env['GITHUB_SHA']
      ? {
          providerVersion: env['GITHUB_SHA'],
          ...(branchOf(env) ? { providerVersionBranch: branchOf(env) as string } : {}),
        }
      : null;
  const job: PactJob = {
    pactPath: '',
    descriptions: [],
    provider: PROVIDER,
    baseUrl: ctx.target.baseUrl,
    ...(replayBaseUrl !== undefined ? { replayBaseUrl } : {}),
    writeAllowedHosts: [...ctx.target.writeAllowedHosts],
    tokens,
    namespace: ctx.target.clientId,
    ...(options.interaction !== undefined ? { onlyDescription: options.interaction } : {}),
    timeoutMs: ctx.config.http.timeoutMs,
    http: ctx.config.http,
    broker: { url: broker.url, token: broker.token, consumerVersionSelectors: CONSUMER_VERSION_SELECTORS, publish },
  };
  const [result] = await runInWorkers([job], {
    concurrency: 1,
    jobTimeoutMs: 30 * 60_000,
    ...(options.signal ? { signal: options.signal } : {}),
    ...(options.workerPool ? { workerPool: options.workerPool } : {}),
  });
  // As for local pacts: the state handlers' calls and the replayed ones go to the audit trail.
  if (result) auditJobCalls({ audit: ctx.audit, baseUrl: ctx.target.baseUrl, tokens: ctx.tokens }, result);
  ctx.deprecatedCalls?.push(...deprecatedCallsOf(result?.replayed ?? []));
  const suite = `pact broker -> ${PROVIDER}`;
  const writable = isWriteAllowed(ctx.target.baseUrl, ctx.target.writeAllowedHosts);
  // What the request filter answered itself is no verdict, though the parser reads its 5xx as a fault: a
  // refused write (only when writes are refused, so a provider's own 599 stays a fault) or a token this run
  // could not get (only when one is missing).
  const filtered = (verdict: InteractionVerdict): Pick<CaseResult, 'outcome' | 'message'> | null => {
    const status = verdict.unhealthy?.status;
    if (!writable && status === WRITE_REFUSED_STATUS)
      return {
        outcome: 'skipped',
        message: `a write and ${ctx.target.baseUrl} is not write-allowed (RAMPART_WRITE_HOSTS)`,
      };
    if (unavailable.size > 0 && status === TOKEN_MISSING_STATUS) {
      const why = [...unavailable].map(([kind, reason]) => `${kind}: ${reason}`).join('; ');
      return { outcome: 'error', message: `its provider state needs a token this run could not get (${why})` };
    }
    return null;
  };
  const verdicts: CaseResult[] = (result?.verdicts ?? []).map(([name, verdict]) => ({
    suite,
    name,
    outcome: verdict.ok ? 'passed' : verdict.environmentError ? 'error' : 'failed',
    durationMs: verdict.durationMs,
    ...(verdict.message ? { message: verdict.message } : {}),
    ...(verdict.detail ? { detail: verdict.detail } : {}),
    ...filtered(verdict),
    rerun: `npm run verify -- --interaction "${name.replace(/(["\\$`])/g, '\\$1')}"`,
    data: { source: broker.url, writesAllowed: writable },
  }));
  const unusable = result ? targetUnusable(ctx.target.baseUrl, answersOf(result), verdicts) : null;
  const cases = unusable === null ? verdicts : noContractVerdicts(verdicts);
  // Nothing verified is never green: the broker had no pact, or none with the interaction asked for.
  const error =
    result?.error ??
    unusable ??
    (cases.length === 0
      ? `the Pact Broker at ${broker.url} gave no interaction of ${PROVIDER} to verify${options.interaction !== undefined ? ` named "${options.interaction}"` : ''}`
      : undefined);
  return {
    id: 'pacts',
    title: 'Pact verification',
    cases,
    ...(error ? { error } : {}),
    // The verifier sends the results of what it verified; it does not say whether the broker took them.
    summary: { source: 'broker', published: publish !== null && cases.length > 0 },
  };
}

function branchOf(env: NodeJS.ProcessEnv): string | undefined {
  return env['GITHUB_HEAD_REF'] || env['GITHUB_REF_NAME'] || undefined;
}
