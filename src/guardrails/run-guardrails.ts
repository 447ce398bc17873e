import type { AuditTrail } from '../audit';
import { normalizeScopes, TokenProvider } from '../auth';
import { PACT_DIR } from '../contracts';
import type { LoadedSpec } from '../openapi';
import type { CaseResult } from '../report/model';
import { runAuthSweep, type AuthSweepOptions } from './auth-sweep';
import { checkKeyAge, checkKeyRotation } from './key-rotation';
import { checkLeastPrivilege } from './least-privilege';
import { readPactCalls, type PactCall } from './pact-calls';
import { nextStage, stageAllowsOperation, type RampPolicy, type RampStage } from './policy';
import { runRateLimitProbe, type RateLimitProbeOptions } from './rate-limit-probe';
import { rehearsalCases, renderStageComparison } from './rehearsal';
import { specOperations, type SpecOperation } from './spec-operations';

export const GUARDRAILS_STEP_ID = 'guardrails';
export const GUARDRAILS_STEP_TITLE = 'Ramp guardrails';

/** Where the checks run and as whom. */
export interface GuardrailsTarget {
  baseUrl: string;
  tokenUrl: string;
  clientId: string;
  clientSecret: string;
  /** The scopes the client requests (RAMP_SCOPES). */
  scopes: readonly string[];
  writeAllowedHosts: readonly string[];
}

export interface GuardrailsRunOptions {
  policy: RampPolicy;
  stage: RampStage;
  target: GuardrailsTarget;
  /** The published OpenAPI document the sweep is driven by: the run's, fetched once for every step. */
  spec: LoadedSpec;
  /** The run's token provider (verify shares its own). @default a new one for `target` */
  tokenProvider?: TokenProvider;
  clientSecretIssuedAt: string | null;
  previousClientSecret: string | null;
  /** Opt-in burst. */
  rateLimitProbe: boolean;
  /** Also run the next stage's checks side by side. */
  rehearse: boolean;
  /** Sandbox only: a sandbox serving the next stage, so the rehearsal can probe its rate limit too. */
  nextStageTarget?: GuardrailsTarget;
  /** @default every pact in pacts/ */
  pactCalls?: readonly PactCall[];
  timeoutMs?: number;
  audit?: AuditTrail;
  now?: () => number;
  /** How the burst waits out Retry-After; with `now`, a manual clock makes the checks deterministic. */
  sleep?: (ms: number) => Promise<void>;
  /** Lower the sweep's caps (never raises them past SWEEP_LIMITS). */
  sweep?: Pick<AuthSweepOptions, 'maxRequests' | 'maxDurationMs' | 'maxRequestsPerOperation'>;
  /** Lower the burst's caps (never raises them past BURST_LIMITS). */
  burst?: Pick<RateLimitProbeOptions, 'maxRequests' | 'maxDurationMs'>;
  log?: (line: string) => void;
  /** Aborted when the run is interrupted or out of time: the sweep and the bursts send nothing more. */
  signal?: AbortSignal;
}

export interface GuardrailsRun {
  /** Every check's case, the current stage's first, then the rehearsal's. */
  cases: CaseResult[];
  /** Stage, rate limit and request counts, for the step's summary. */
  summary: Record<string, unknown>;
  /** The `--rehearse` comparison table, when there is a next stage. */
  comparison: string | null;
  figures: {
    sweepRequests: number;
    burstRequests: number;
    nextStageBurstRequests: number;
    operationsSwept: number;
    durationMs: number;
  };
}

/**
 * Every guardrail check for one stage, in the order that keeps them from disturbing one another: the
 * sweep, least privilege, key age and rotation, then the burst last (it fills the rate-limit window).
 */
export async function runGuardrails(o: GuardrailsRunOptions): Promise<GuardrailsRun> {
  const now = o.now ?? Date.now;
  const started = now();
  const log = o.log ?? (() => undefined);
  const { target, stage, policy, spec } = o;
  const timeoutMs = o.timeoutMs ?? 10_000;
  const provider =
    o.tokenProvider ??
    new TokenProvider({
      tokenUrl: target.tokenUrl,
      clientId: target.clientId,
      clientSecret: target.clientSecret,
      scopes: target.scopes,
      timeoutMs,
      ...(o.audit ? { audit: o.audit } : {}),
    });
  const pactCalls = o.pactCalls ?? readPactCalls(PACT_DIR);

  const operations = specOperations(spec);
  log(`guardrails: stage ${stage.name}, ${operations.length} operations in ${spec.source}`);

  const standard = await provider.getToken();
  const signal = o.signal ? { signal: o.signal } : {};
  const sweep = await runAuthSweep({
    ...signal,
    baseUrl: target.baseUrl,
    stage: stage.name,
    operations,
    tokenProvider: provider,
    configuredScopes: target.scopes,
    writeAllowedHosts: target.writeAllowedHosts,
    timeoutMs,
    ...(o.audit ? { audit: o.audit } : {}),
    ...(o.now ? { now: o.now } : {}),
    ...o.sweep,
  });
  log(`guardrails: auth sweep ${sweep.operationsSwept} operations, ${sweep.requests} requests`);

  const scopeSet = normalizeScopes(target.scopes).join(' ');
  const policyChecks = (s: RampStage, withDrift: boolean): CaseResult[] => [
    ...checkLeastPrivilege({
      policy,
      stage: s,
      operations,
      pactCalls,
      configuredScopes: target.scopes,
      ...(withDrift ? { scopeDrift: provider.scopeDrift().filter((d) => d.scopeSet === scopeSet) } : {}),
    }),
    checkKeyAge({ stage: s, issuedAt: o.clientSecretIssuedAt, now }),
  ];
  const leastAndAge = policyChecks(stage, true);

  const probeOperation = pickProbeOperation(operations, target.scopes, stage);
  const rotation = await checkKeyRotation({
    stage,
    baseUrl: target.baseUrl,
    tokenUrl: target.tokenUrl,
    clientId: target.clientId,
    clientSecret: target.clientSecret,
    previousClientSecret: o.previousClientSecret,
    scopes: target.scopes,
    operation: probeOperation,
    writeAllowedHosts: target.writeAllowedHosts,
    cachedFingerprint: standard.fingerprint,
    timeoutMs,
    ...(o.audit ? { audit: o.audit } : {}),
  });

  // The limiter counts this client's earlier calls in the window too.
  const windowMs = stage.rateLimit.windowSeconds * 1000;
  const priorRequestsInWindow = now() - sweep.startedAt < windowMs ? sweep.tokenedRequests + rotation.requests : 0;
  const burst = await runRateLimitProbe({
    ...signal,
    baseUrl: target.baseUrl,
    stage,
    priorRequestsInWindow,
    operation: probeOperation,
    tokenProvider: provider,
    writeAllowedHosts: target.writeAllowedHosts,
    enabled: o.rateLimitProbe,
    timeoutMs,
    ...(o.audit ? { audit: o.audit } : {}),
    ...clockOf(o),
    ...o.burst,
  });
  if (burst.requests > 0) log(`guardrails: rate-limit burst ${burst.requests} requests`);

  const current = [...sweep.cases, ...leastAndAge, ...rotation.cases, ...burst.cases];
  const cases = [...current];
  let comparison: string | null = null;
  let nextStageBurstRequests = 0;
  const next = o.rehearse ? nextStage(policy, stage) : null;
  if (o.rehearse && next === null) {
    log(`guardrails: ${stage.name} is the last stage of the policy; nothing to rehearse`);
  }
  if (next) {
    const nextCases = policyChecks(next, false);
    if (o.nextStageTarget && o.rateLimitProbe) {
      const nextTarget = o.nextStageTarget;
      const nextProvider = new TokenProvider({
        tokenUrl: nextTarget.tokenUrl,
        clientId: nextTarget.clientId,
        clientSecret: nextTarget.clientSecret,
        scopes: nextTarget.scopes,
        timeoutMs,
        ...(o.audit ? { audit: o.audit } : {}),
      });
      try {
        const nextBurst = await runRateLimitProbe({
          ...signal,
          baseUrl: nextTarget.baseUrl,
          stage: next,
          operation: pickProbeOperation(operations, nextTarget.scopes, next),
          tokenProvider: nextProvider,
          writeAllowedHosts: nextTarget.writeAllowedHosts,
          enabled: true,
          timeoutMs,
          ...(o.audit ? { audit: o.audit } : {}),
          ...clockOf(o),
          ...o.burst,
        });
        nextStageBurstRequests = nextBurst.requests;
        nextCases.push(...nextBurst.cases);
      } finally {
        await nextProvider.revokeAll();
      }
    }
    comparison = renderStageComparison(stage, next, current, nextCases);
    cases.push(...rehearsalCases(stage, next, nextCases));
  }

  return {
    cases,
    summary: {
      stage: stage.name,
      ...(next ? { rehearsedStage: next.name } : {}),
      rateLimit: `${stage.rateLimit.requests} per ${stage.rateLimit.windowSeconds} s`,
      sweepRequests: sweep.requests,
      operationsSwept: sweep.operationsSwept,
      notTokenProtected: sweep.notTokenProtected,
      burstRequests: burst.requests,
    },
    comparison,
    figures: {
      sweepRequests: sweep.requests,
      burstRequests: burst.requests,
      nextStageBurstRequests,
      operationsSwept: sweep.operationsSwept,
      durationMs: now() - started,
    },
  };
}

function clockOf(o: GuardrailsRunOptions): Pick<RateLimitProbeOptions, 'now' | 'sleep'> {
  return { ...(o.now ? { now: o.now } : {}), ...(o.sleep ? { sleep: o.sleep } : {}) };
}

/** The burst's and rotation check's target: a token-protected GET without parameters the client may call. */
export function pickProbeOperation(
  operations: readonly SpecOperation[],
  scopes: readonly string[],
  stage: RampStage,
): SpecOperation | null {
  const candidates = operations.filter(
    (op) =>
      op.method === 'GET' &&
      op.requiresToken &&
      op.pathParams.length === 0 &&
      Object.keys(op.requiredQuery).length === 0 &&
      op.scopes.length > 0 &&
      op.scopes.every((s) => scopes.includes(s)),
  );
  const rank = (op: SpecOperation) => (stageAllowsOperation(stage, op.key) ? 0 : 2) + (op.deprecated ? 1 : 0);
  return (
    [...candidates].sort(
      (a, b) => rank(a) - rank(b) || a.path.length - b.path.length || (a.path < b.path ? -1 : 1),
    )[0] ?? null
  );
}
