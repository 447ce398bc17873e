import { availableParallelism } from 'node:os';
import type { AuditTrail } from '../audit';
import type { CaseResult, DeprecatedCall, StepResult } from '../report/model';
import type { LoadedPact } from '../contracts/pact-reader';
import { isWriteAllowed, unusableTarget } from '../http';
import type { CleanupFailure, PactJob, PactJobResult, StateFailure, StateHttpLimits } from './pact-job';
import { baseCase, makeTempDir, pactFileFor, partsOf, planPact, type PactPlan, type RerunSelection } from './pact-plan';
import type { ReplayedCall, TokenKind } from './request-filter';
import type { RunTokens } from './run-tokens';
import { UNHEALTHY, type StateHandlerSpec } from './state-setup';
import { runInWorkers, type PactWorkerPool } from './worker-pool';

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
  /** Retry budget and bounds of the state handlers' calls (`RampartConfig.http`). */
  http?: StateHttpLimits;
  /** Namespace of created test data: the client id keeps it stable across runs of one client. */
  namespace: string;
  audit?: AuditTrail;
  /** Called once per case as results arrive. */
  onCase?(c: CaseResult): void;
  /** Worker cap for `parallel`. @default availableParallelism() */
  maxWorkers?: number;
  /** Most interactions of one pact per worker job. @default PART_SIZE */
  partSize?: number;
  /** Aborted (the run's deadline): the workers are stopped. */
  signal?: AbortSignal;
  /** Worker processes kept between runs. @default each run starts its own */
  workerPool?: PactWorkerPool;
}

/** Most interactions per worker job: a larger pact file is split across jobs (and workers). */
export const PART_SIZE = 50;

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

  const kinds = new Set<TokenKind>(plans.flatMap((plan) => (plan.replay.length > 0 ? [...plan.tokenKinds] : [])));
  const step: StepResult = { id: 'pacts', title: 'Pact verification', cases: [] };
  const replayed: ReplayedCall[] = [];

  if (kinds.size > 0) {
    let unavailable: Map<TokenKind, string>;
    try {
      unavailable = await mintEach(options.tokens, kinds);
    } catch (error) {
      step.error = `could not get the run's tokens: ${(error as Error).message}`;
      step.cases = cases.flat();
      return { step, deprecatedCalls: [], replayed };
    }
    for (const [index, plan] of plans.entries()) {
      const withoutToken = withoutTheirToken(plan, options.handlers, unavailable, options.rerun);
      (cases[index] as CaseResult[]).push(...withoutToken);
      for (const c of withoutToken) options.onCase?.(c);
    }
  }
  const toReplay = plans.filter((plan) => plan.replay.length > 0);
  if (toReplay.length > 0) {
    const tokens = options.tokens.tokens();
    const tempDir = makeTempDir();
    const jobs: PactJob[] = [];
    // One job per part of a pact: a huge pact file is spread across the workers and reports part by part.
    const size = options.partSize ?? PART_SIZE;
    const parts = toReplay.flatMap((plan) => partsOf(plan.replay, size).map((replay) => ({ ...plan, replay })));
    for (const [index, part] of parts.entries()) {
      jobs.push({
        pactPath: await pactFileFor(part, tempDir, part.replay, index + 1),
        descriptions: part.replay.map((i) => i.description),
        provider: options.provider,
        baseUrl: options.baseUrl,
        ...(options.replayBaseUrl !== undefined ? { replayBaseUrl: options.replayBaseUrl } : {}),
        writeAllowedHosts: [...options.writeAllowedHosts],
        tokens,
        namespace: options.namespace,
        ...(options.onlyDescription !== undefined ? { onlyDescription: options.onlyDescription } : {}),
        timeoutMs: options.timeoutMs,
        ...(options.http ? { http: options.http } : {}),
      });
    }
    const concurrency =
      options.mode === 'sequential' ? 1 : Math.min(options.maxWorkers ?? availableParallelism(), jobs.length);
    const errors: string[] = [];
    const unhealthy = new UnhealthyCounts();
    const answers: (number | null)[] = [];
    await runInWorkers(jobs, {
      concurrency,
      jobTimeoutMs: Math.max(60_000, options.timeoutMs * 4 * Math.max(...jobs.map((j) => j.descriptions.length))),
      ...(options.signal ? { signal: options.signal } : {}),
      ...(options.workerPool ? { workerPool: options.workerPool } : {}),
      onResult: (index, result) => {
        const plan = parts[index] as PactPlan;
        const planIndex = plans.findIndex((p) => p.pact === plan.pact);
        if (result.error) errors.push(`${plan.pact.file}: ${result.error}`);
        unhealthy.add(plan, result);
        replayed.push(...result.replayed);
        answers.push(...answersOf(result));
        auditJobCalls(options, result);
        const fresh = casesOf(plan, result, options.rerun);
        (cases[planIndex] as CaseResult[]).push(...fresh);
        for (const c of fresh) options.onCase?.(c);
      },
    }).finally(() => tempDir.remove().catch(() => undefined));
    const replayedCount = jobs.reduce((n, j) => n + j.descriptions.length, 0);
    const health = unhealthy.describe(replayedCount);
    if (health !== null) errors.push(health);
    const unusable = targetUnusable(options.baseUrl, answers, cases.flat());
    if (unusable !== null) {
      errors.push(unusable);
      for (const list of cases) list.splice(0, list.length, ...noContractVerdicts(list));
    }
    if (errors.length) step.error = errors.join('; ');
    step.summary = {
      pactFiles: options.pacts.length,
      replayed: replayedCount,
      ...(unhealthy.total > 0 ? { providerUnhealthy: unhealthy.counts() } : {}),
      mode: options.mode,
      workers: concurrency,
      jobs: jobs.length,
      durationMs: Math.round(performance.now() - started),
    };
  }
  // Report order is pact order, then interaction order, whatever order the workers finished in.
  step.cases = plans.flatMap((plan, i) =>
    sortLike(
      cases[i] as CaseResult[],
      plan.pact.interactions.map((x) => x.description),
    ),
  );
  return { step, deprecatedCalls: deprecatedCallsOf(replayed), replayed };
}

/**
 * Mints the standard token (every interaction needs it: a failure stops the step), then each other
 * kind on its own; what could not be had is returned by kind, so only the interactions whose states
 * need it go without.
 */
export async function mintEach(tokens: RunTokens, kinds: ReadonlySet<TokenKind>): Promise<Map<TokenKind, string>> {
  await tokens.mint(['standard']);
  const unavailable = new Map<TokenKind, string>();
  for (const kind of kinds) {
    if (kind === 'standard') continue;
    try {
      await tokens.mint([kind]);
    } catch (error) {
      unavailable.set(kind, (error as Error).message);
    }
  }
  return unavailable;
}

/** Takes out of `plan.replay` the interactions whose provider state needs an unavailable token: one error case each. */
function withoutTheirToken(
  plan: PactPlan,
  handlers: Readonly<Record<string, StateHandlerSpec>>,
  unavailable: ReadonlyMap<TokenKind, string>,
  rerun: RerunSelection | undefined,
): CaseResult[] {
  if (unavailable.size === 0) return [];
  const cases: CaseResult[] = [];
  plan.replay = plan.replay.filter((interaction) => {
    const state = interaction.providerStates.find((s) => unavailable.has(handlers[s.name]?.tokenKind ?? 'standard'));
    if (!state) return true;
    const kind = handlers[state.name]?.tokenKind ?? 'standard';
    cases.push({
      ...baseCase(plan.pact, interaction, rerun),
      outcome: 'error',
      durationMs: 0,
      message: `provider state "${state.name}" needs the ${kind} token, which could not be had: ${unavailable.get(kind)}`,
    });
    return false;
  });
  return cases;
}

/**
 * When every request of the replay and its state setups was answered 404, or every one 401 (see
 * `unusableTarget`), the failed cases say nothing about the contract, and the errors have one cause. Null
 * when any request got another answer, or every interaction passed (a pact may expect nothing but 404s or 401s).
 */
export function targetUnusable(
  baseUrl: string,
  answers: readonly (number | null)[],
  cases: readonly CaseResult[],
): string | null {
  if (!cases.some((c) => c.outcome === 'failed' || c.outcome === 'error')) return null;
  return unusableTarget(baseUrl, answers, 'requests of the replay and its state setups');
}

/** What failed against an unusable target was judged by a host that is not the API, or with tokens it does not know. */
export function noContractVerdicts(cases: readonly CaseResult[]): CaseResult[] {
  return cases.map((c) => (c.outcome === 'failed' ? { ...c, outcome: 'error' } : c));
}

/** The statuses of a job's replayed requests, then those of its state setups' requests. */
export function answersOf(result: Pick<PactJobResult, 'audited' | 'replayed'>): (number | null)[] {
  return [
    ...result.replayed.map((call) => call.status),
    ...result.audited.filter((entry) => entry.kind === 'api').map((entry) => entry.status),
  ];
}

/**
 * Interactions the provider gave no deliberate answer to (5xx, 429, no answer at all, or a state
 * setup the provider failed): the pact step then errors with "provider unhealthy" and these counts, and
 * exits 2, whatever else failed; a broken contract is only read from answers given on purpose.
 */
class UnhealthyCounts {
  private readonly byCause = new Map<string, number>();
  total = 0;

  /** One count per interaction, judged as `casesOf` judges it: a failed state setup first, then the verdict. */
  add(plan: PactPlan, result: PactJobResult): void {
    const verdicts = new Map(result.verdicts);
    for (const interaction of plan.replay) {
      const failure = stateFailureOf(interaction.providerStates, result.stateFailures);
      if (failure) {
        if (failure.kind === 'environment' && failure.message.includes(UNHEALTHY)) this.count('state setup');
        continue;
      }
      const unhealthy = verdicts.get(interaction.description)?.unhealthy;
      if (unhealthy) this.count(unhealthy.status === null ? 'no answer' : `HTTP ${unhealthy.status}`);
    }
  }

  counts(): Record<string, number> {
    return Object.fromEntries([...this.byCause].sort(([a], [b]) => a.localeCompare(b)));
  }

  describe(replayed: number): string | null {
    if (this.total === 0) return null;
    const causes = Object.entries(this.counts())
      .map(([cause, n]) => `${cause}: ${n}`)
      .join(', ');
    return `${UNHEALTHY}: ${this.total} of ${replayed} replayed interactions got no deliberate answer after retries (${causes})`;
  }

  private count(cause: string): void {
    this.total += 1;
    this.byCause.set(cause, (this.byCause.get(cause) ?? 0) + 1);
  }
}

function casesOf(plan: PactPlan, result: PactJobResult, selection: RerunSelection = {}): CaseResult[] {
  const states = plan.replay.map((interaction) => interaction.providerStates.map((state) => state.name));
  return markLeftovers(verdictCases(plan, result, selection), states, result.cleanupFailures ?? []);
}

/**
 * Test data a state created and could not remove is named on the first case whose interaction has that
 * state (`states[i]` are case i's states): a warning on a passed case, an added line on any other.
 */
export function markLeftovers(
  cases: CaseResult[],
  states: ReadonlyArray<readonly string[]>,
  failures: readonly CleanupFailure[],
): CaseResult[] {
  const pending = new Map(failures.map((failure) => [failure.state, failure]));
  return cases.map((c, index) => {
    const found = (states[index] ?? []).flatMap((state) => {
      const failure = pending.get(state);
      pending.delete(state);
      return failure ? [failure] : [];
    });
    if (found.length === 0) return c;
    const leftovers = found.flatMap((failure) => failure.leftovers.map((what) => `${failure.state}: ${what}`));
    const line = `test data left on the target: ${leftovers.join('; ')}`;
    const data = { ...c.data, leftovers };
    if (c.outcome === 'passed') return { ...c, severity: c.severity ?? 'warning', message: c.message ?? line, data };
    return { ...c, detail: c.detail ? `${c.detail}\n${line}` : line, data };
  });
}

function verdictCases(plan: PactPlan, result: PactJobResult, selection: RerunSelection): CaseResult[] {
  const verdicts = new Map(result.verdicts);
  return plan.replay.flatMap((interaction): CaseResult[] => {
    const base = baseCase(plan.pact, interaction, selection);
    const verdict = verdicts.get(interaction.description);
    const failure = stateFailureOf(interaction.providerStates, result.stateFailures);
    if (failure) {
      const outcome = failure.kind === 'write-refused' ? 'skipped' : failure.kind === 'contract' ? 'failed' : 'error';
      return [
        {
          ...base,
          outcome,
          durationMs: verdict?.durationMs ?? 0,
          message: `provider state "${failure.state}" could not be set up: ${failure.message}`,
          ...(verdict && !verdict.ok && verdict.detail ? { detail: verdict.detail } : {}),
        },
      ];
    }
    if (verdict === undefined) {
      return [
        {
          ...base,
          outcome: 'error',
          durationMs: 0,
          message: result.error ?? 'the verifier did not report this interaction',
        },
      ];
    }
    if (verdict.ok) return [{ ...base, outcome: 'passed', durationMs: verdict.durationMs }];
    return [
      {
        ...base,
        outcome: verdict.environmentError ? 'error' : 'failed',
        durationMs: verdict.durationMs,
        ...(verdict.message ? { message: verdict.message } : {}),
        ...(verdict.detail ? { detail: verdict.detail } : {}),
      },
    ];
  });
}

function stateFailureOf(
  states: ReadonlyArray<{ name: string; params: Record<string, unknown> }>,
  failures: readonly StateFailure[],
): StateFailure | undefined {
  for (const state of states) {
    const found = failures.find((f) => f.state === state.name && canonical(f.params) === canonical(state.params));
    if (found) return found;
  }
  return undefined;
}

function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  if (value && typeof value === 'object') {
    return `{${Object.keys(value)
      .sort()
      .map((k) => `${JSON.stringify(k)}:${canonical((value as Record<string, unknown>)[k])}`)
      .join(',')}}`;
  }
  return JSON.stringify(value) ?? 'null';
}

function sortLike(cases: CaseResult[], order: string[]): CaseResult[] {
  const rank = new Map(order.map((d, i) => [d, i]));
  return [...cases].sort((a, b) => (rank.get(a.name) ?? 0) - (rank.get(b.name) ?? 0));
}

/**
 * A worker job's calls to the audit trail: the state handlers' records as the worker made them, and one
 * record per call the Verifier replayed, with the fingerprint of the token it carried.
 */
export function auditJobCalls(
  options: { audit?: AuditTrail | undefined; baseUrl: string; tokens: RunTokens },
  result: Pick<PactJobResult, 'audited' | 'replayed'>,
): void {
  for (const entry of result.audited) options.audit?.record(entry);
  for (const call of result.replayed) {
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
}

const ID_SEGMENT = /^(?:[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}|\d+)$/i;

/** Deprecated operations the replayed interactions still call, from the responses' headers. */
export function deprecatedCallsOf(calls: readonly ReplayedCall[]): DeprecatedCall[] {
  const byOperation = new Map<string, DeprecatedCall>();
  for (const call of calls) {
    if (call.deprecation === null && call.sunset === null) continue;
    const path = new URL(call.url, 'http://x').pathname
      .split('/')
      .map((s) => (ID_SEGMENT.test(s) ? '{id}' : s))
      .join('/');
    const operation = `${call.method} ${path}`;
    const entry = byOperation.get(operation) ?? {
      operation,
      deprecation: call.deprecation,
      sunset: call.sunset,
      calls: 0,
    };
    entry.calls += 1;
    byOperation.set(operation, entry);
  }
  return [...byOperation.values()].sort((a, b) => a.operation.localeCompare(b.operation));
}
