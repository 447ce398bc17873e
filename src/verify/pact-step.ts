import { availableParallelism } from 'node:os';
import type { AuditTrail } from '../audit';
import type { CaseResult, DeprecatedCall, StepResult } from '../report/model';
import type { LoadedPact } from './pact-files';
import { isWriteAllowed, type PactJob, type PactJobResult, type StateFailure } from './pact-job';
import { baseCase, makeTempDir, pactFileFor, planPact, type PactPlan, type RerunSelection } from './pact-plan';
import type { ReplayedCall, TokenKind } from './request-filter';
import type { RunTokens } from './run-tokens';
import type { StateHandlerSpec } from './state-handlers';
import { runInWorkers } from './worker-pool';

export interface PactStepOptions {
  pacts: readonly LoadedPact[];
  provider: string;
  /** The real target (write guard, state handlers, audit). */
  baseUrl: string;
  /** Where the Verifier replays, when not `baseUrl` (the recording proxy). @default baseUrl */
  replayBaseUrl?: string;
  writeAllowedHosts: readonly string[];
  tokens: RunTokens;
  handlers: Readonly<Record<string, StateHandlerSpec>>;
  /** `parallel`: one worker process per pact file, up to the CPU count; `sequential`: one worker. */
  mode: 'parallel' | 'sequential';
  onlyDescription?: string;
  /** Carried into every rerun command (the sandbox's spec revision). */
  rerun?: RerunSelection;
  timeoutMs: number;
  /** Namespace of created test data: the client id keeps it stable across runs of one client. */
  namespace: string;
  audit?: AuditTrail;
  /** Called once per case as results arrive. */
  onCase?(c: CaseResult): void;
  /** Worker cap for `parallel`. @default availableParallelism() */
  maxWorkers?: number;
}

export interface PactStepOutcome {
  step: StepResult;
  deprecatedCalls: DeprecatedCall[];
  replayed: ReplayedCall[];
}

export async function runPactStep(options: PactStepOptions): Promise<PactStepOutcome> {
  const started = performance.now();
  const targetHost = new URL(options.baseUrl).host;
  const writesAllowed = isWriteAllowed(options.baseUrl, options.writeAllowedHosts);
  const plans = options.pacts.map((pact) =>
    planPact(pact, {
      handlers: options.handlers,
      writesAllowed,
      targetHost,
      onlyDescription: options.onlyDescription,
      ...(options.rerun ? { rerun: options.rerun } : {}),
    }),
  );
  const cases: CaseResult[][] = plans.map((plan) => [...plan.decided]);
  for (const c of cases.flat()) options.onCase?.(c);

  const toReplay = plans.filter((plan) => plan.replay.length > 0);
  const kinds = new Set<TokenKind>(toReplay.flatMap((plan) => [...plan.tokenKinds]));
  const step: StepResult = { id: 'pacts', title: 'Pact verification', cases: [] };
  const replayed: ReplayedCall[] = [];

  if (toReplay.length > 0) {
    let tokens: Partial<Record<TokenKind, string>>;
    try {
      tokens = await options.tokens.mint(kinds);
    } catch (error) {
      step.error = `could not get the run's tokens: ${(error as Error).message}`;
      step.cases = cases.flat();
      return { step, deprecatedCalls: [], replayed };
    }
    const tempDir = makeTempDir();
    const jobs: PactJob[] = [];
    for (const plan of toReplay) {
      jobs.push({
        pactPath: await pactFileFor(plan, tempDir),
        descriptions: plan.replay.map((i) => i.description),
        provider: options.provider,
        baseUrl: options.baseUrl,
        ...(options.replayBaseUrl !== undefined ? { replayBaseUrl: options.replayBaseUrl } : {}),
        writeAllowedHosts: [...options.writeAllowedHosts],
        tokens,
        namespace: options.namespace,
        ...(options.onlyDescription !== undefined ? { onlyDescription: options.onlyDescription } : {}),
        timeoutMs: options.timeoutMs,
      });
    }
    const concurrency = options.mode === 'sequential' ? 1 : Math.min(options.maxWorkers ?? availableParallelism(), jobs.length);
    const errors: string[] = [];
    await runInWorkers(jobs, {
      concurrency,
      jobTimeoutMs: Math.max(60_000, options.timeoutMs * 4 * Math.max(...jobs.map((j) => j.descriptions.length))),
      onResult: (index, result) => {
        const plan = toReplay[index] as PactPlan;
        const planIndex = plans.indexOf(plan);
        if (result.error) errors.push(`${plan.pact.file}: ${result.error}`);
        replayed.push(...result.replayed);
        for (const call of result.replayed) recordAudit(options, call);
        const fresh = casesOf(plan, result, options.rerun);
        (cases[planIndex] as CaseResult[]).push(...fresh);
        for (const c of fresh) options.onCase?.(c);
      },
    });
    if (errors.length) step.error = errors.join('; ');
    step.summary = {
      pactFiles: options.pacts.length,
      replayed: jobs.reduce((n, j) => n + j.descriptions.length, 0),
      mode: options.mode,
      workers: concurrency,
      durationMs: Math.round(performance.now() - started),
    };
  }
  // Report order is pact order, then interaction order, whatever order the workers finished in.
  step.cases = plans.flatMap((plan, i) => sortLike(cases[i] as CaseResult[], plan.pact.interactions.map((x) => x.description)));
  return { step, deprecatedCalls: deprecatedCallsOf(replayed), replayed };
}

function casesOf(plan: PactPlan, result: PactJobResult, selection: RerunSelection = {}): CaseResult[] {
  const verdicts = new Map(result.verdicts);
  return plan.replay.flatMap((interaction): CaseResult[] => {
      const base = baseCase(plan.pact, interaction, selection);
      const verdict = verdicts.get(interaction.description);
      const failure = stateFailureOf(interaction.providerStates, result.stateFailures);
      if (failure) {
        const outcome = failure.kind === 'write-refused' ? 'skipped' : failure.kind === 'contract' ? 'failed' : 'error';
        return [{
          ...base,
          outcome,
          durationMs: verdict?.durationMs ?? 0,
          message: `provider state "${failure.state}" could not be set up: ${failure.message}`,
          ...(verdict && !verdict.ok && verdict.detail ? { detail: verdict.detail } : {}),
        }];
      }
      if (verdict === undefined) {
        return [{ ...base, outcome: 'error', durationMs: 0, message: result.error ?? 'the verifier did not report this interaction' }];
      }
      if (verdict.ok) return [{ ...base, outcome: 'passed', durationMs: verdict.durationMs }];
      return [{
        ...base,
        outcome: verdict.environmentError ? 'error' : 'failed',
        durationMs: verdict.durationMs,
        ...(verdict.message ? { message: verdict.message } : {}),
        ...(verdict.detail ? { detail: verdict.detail } : {}),
      }];
    });
}

function stateFailureOf(states: ReadonlyArray<{ name: string; params: Record<string, unknown> }>, failures: readonly StateFailure[]): StateFailure | undefined {
  for (const state of states) {
    const found = failures.find((f) => f.state === state.name && canonical(f.params) === canonical(state.params));
    if (found) return found;
  }
  return undefined;
}

function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  if (value && typeof value === 'object') {
    return `{${Object.keys(value).sort().map((k) => `${JSON.stringify(k)}:${canonical((value as Record<string, unknown>)[k])}`).join(',')}}`;
  }
  return JSON.stringify(value) ?? 'null';
}

function sortLike(cases: CaseResult[], order: string[]): CaseResult[] {
  const rank = new Map(order.map((d, i) => [d, i]));
  return [...cases].sort((a, b) => (rank.get(a.name) ?? 0) - (rank.get(b.name) ?? 0));
}

function recordAudit(options: PactStepOptions, call: ReplayedCall): void {
  options.audit?.record({
    kind: 'api',
    method: call.method,
    url: new URL(call.url, options.baseUrl).toString(),
    status: call.status,
    durationMs: call.durationMs,
    traceId: call.traceId,
    tokenFingerprint: options.tokens.fingerprintOf(call.tokenKind),
  });
}

const ID_SEGMENT = /^(?:[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}|\d+)$/i;

/** Deprecated operations the replayed interactions still call, from the responses' headers. */
export function deprecatedCallsOf(calls: readonly ReplayedCall[]): DeprecatedCall[] {
  const byOperation = new Map<string, DeprecatedCall>();
  for (const call of calls) {
    if (call.deprecation === null && call.sunset === null) continue;
    const path = new URL(call.url, 'http://x').pathname.split('/').map((s) => (ID_SEGMENT.test(s) ? '{id}' : s)).join('/');
    const operation = `${call.method} ${path}`;
    const entry = byOperation.get(operation) ?? { operation, deprecation: call.deprecation, sunset: call.sunset, calls: 0 };
    entry.calls += 1;
    byOperation.set(operation, entry);
  }
  return [...byOperation.values()].sort((a, b) => a.operation.localeCompare(b.operation));
}
