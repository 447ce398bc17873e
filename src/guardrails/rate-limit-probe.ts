import { setTimeout as delay } from 'node:timers/promises';
import type { AuditTrail } from '../audit';
import type { TokenProvider } from '../auth';
import { assertRequestAllowed, createHttpClient, parseRetryAfterMs } from '../http';
import type { CaseResult } from '../report/model';
import { guardrailCase, type GuardrailFinding } from './cases';
import type { RampStage } from './policy';
import type { SpecOperation } from './spec-operations';

/** Hard caps of the burst, whatever the caller asks for. */
export const BURST_LIMITS = { maxRequests: 500, maxDurationMs: 30_000, overLimitFactor: 2, concurrency: 4 } as const;
/** How far from the agreed limit the first 429 may arrive (share of the limit). */
export const RATE_LIMIT_TOLERANCE = 0.1;

export interface RateLimitProbeOptions {
  baseUrl: string;
  stage: RampStage;
  /** The operation the burst calls: a GET without path parameters the token may call. */
  operation: SpecOperation | null;
  tokenProvider: TokenProvider;
  /** The burst is sent only to a host on this list. */
  writeAllowedHosts: readonly string[];
  /** Opt-in (`--rate-limit-probe`, RAMPART_RATE_LIMIT_PROBE). */
  enabled: boolean;
  timeoutMs?: number;
  audit?: AuditTrail;
  /** Capped at min(2 x the stage limit, 500). */
  maxRequests?: number;
  /** Capped at 30 s, the wait for Retry-After included. */
  maxDurationMs?: number;
  /**
   * Requests this client sent with a token inside the current window before the burst (the sweep's):
   * the provider counts them, so the first 429 is expected that many requests earlier. @default 0
   */
  priorRequestsInWindow?: number;
  now?: () => number;
  /** Aborted when the run is interrupted or out of time: the burst sends no further request. */
  signal?: AbortSignal;
  sleep?: (ms: number) => Promise<void>;
}

export interface RateLimitProbeResult {
  cases: CaseResult[];
  /** API requests sent (the burst and the one after Retry-After). */
  requests: number;
}

/**
 * A bounded burst confirming the stage's agreed limit is enforced: 429 arrives near it (within
 * `RATE_LIMIT_TOLERANCE`), carries `Retry-After`, and a request after waiting it succeeds.
 */
export async function runRateLimitProbe(o: RateLimitProbeOptions): Promise<RateLimitProbeResult> {
  const { stage } = o;
  const limit = stage.rateLimit.requests;
  const windowMs = stage.rateLimit.windowSeconds * 1000;
  const base = {
    check: 'rate-limit' as const,
    stage: stage.name,
    ...(o.operation ? { operation: o.operation.key } : {}),
  };
  const name = `429 arrives at the ${stage.name} limit (${limit} per ${stage.rateLimit.windowSeconds} s)`;
  const skip = (message: string, severity: 'info' | 'warning' = 'info', remedy?: string): RateLimitProbeResult => ({
    cases: [guardrailCase({ ...base, name, outcome: 'skipped', severity, message, ...(remedy ? { remedy } : {}) })],
    requests: 0,
  });

  if (!o.enabled)
    return skip(
      'not run: the burst is opt-in',
      'info',
      'run with --rate-limit-probe (or RAMPART_RATE_LIMIT_PROBE=true) against a write-allowed host',
    );
  try {
    assertRequestAllowed('POST', o.baseUrl, o.writeAllowedHosts);
  } catch {
    return skip(
      `not run: ${new URL(o.baseUrl).host} is not in RAMPART_WRITE_HOSTS, and the burst goes only to write-allowed hosts`,
    );
  }
  if (!o.operation)
    return skip('not run: the spec has no GET operation without path parameters that RAMP_SCOPES may call', 'warning');

  const cap = Math.min(
    BURST_LIMITS.overLimitFactor * limit,
    BURST_LIMITS.maxRequests,
    o.maxRequests ?? Number.POSITIVE_INFINITY,
  );
  const maxDurationMs = Math.min(BURST_LIMITS.maxDurationMs, o.maxDurationMs ?? Number.POSITIVE_INFINITY);
  const upper = Math.floor(limit * (1 + RATE_LIMIT_TOLERANCE));
  const prior = Math.max(0, Math.min(o.priorRequestsInWindow ?? 0, limit));
  const lower = Math.max(0, Math.ceil(limit * (1 - RATE_LIMIT_TOLERANCE)) - prior);
  if (cap < upper + 2) {
    return skip(
      `cannot confirm: the limit needs more than ${upper + 1} requests, beyond the burst cap of ${cap}`,
      'warning',
      "confirm this stage's limit with the provider instead",
    );
  }

  const now = o.now ?? Date.now;
  const sleep = o.sleep ?? ((ms: number) => delay(ms));
  const http = createHttpClient({
    baseUrl: o.baseUrl,
    tokenProvider: o.tokenProvider,
    writeAllowedHosts: o.writeAllowedHosts,
    timeoutMs: o.timeoutMs ?? 10_000,
    retry: { maxAttempts: 1, maxRetryTimeMs: 0 },
    ...(o.audit ? { audit: o.audit } : {}),
  });
  const operation = o.operation;
  await o.tokenProvider.getToken(); // minted before the clock starts
  const started = now();
  let sent = 0;
  let succeeded = 0;
  const successTimes: number[] = [];
  let other = 0;
  let refusal: Refusal | null = null;
  const call = async () => {
    sent += 1;
    try {
      const response = await http.get(operation.path, {
        validateStatus: () => true,
        operation: operation.key,
        transformResponse: (d: unknown) => d,
      });
      if (response.status >= 200 && response.status < 300) {
        succeeded += 1;
        successTimes.push(now());
      } else if (response.status === 429) {
        refusal ??= {
          retryAfter: header(response.headers, 'retry-after'),
          date: header(response.headers, 'date'),
          at: now(),
        };
      } else other += 1;
    } catch {
      other += 1;
    }
  };
  // One request is kept for after the Retry-After wait.
  const worker = async () => {
    const going = () => o.signal?.aborted !== true && now() - started < maxDurationMs;
    while (refusal === null && sent < cap - 1 && going() && other <= 10) await call();
  };
  await Promise.all(Array.from({ length: BURST_LIMITS.concurrency }, worker));
  const elapsed = now() - started;
  const figures = {
    sent,
    succeeded,
    other,
    elapsedMs: elapsed,
    limit,
    windowSeconds: stage.rateLimit.windowSeconds,
    priorRequestsInWindow: prior,
  };

  const seen = refusal as Refusal | null;
  const tolerance = `${Math.round(RATE_LIMIT_TOLERANCE * 100)}%`;
  const window = `${stage.rateLimit.windowSeconds} s`;
  const burst = (verdict: Verdict) => guardrailCase({ ...base, name, data: figures, ...verdict });
  if (other > 10)
    return done([
      burst({ outcome: 'error', message: `the burst met ${other} answers that were neither 2xx nor 429; stopped` }),
    ]);
  if (seen === null) {
    // Conclusive only if more than the limit (+ tolerance) succeeded inside one window.
    const busiest = busiestWindow(successTimes, windowMs);
    return done([
      burst(
        busiest <= upper
          ? {
              outcome: 'passed',
              severity: 'warning',
              message: `inconclusive: ${sent} requests in ${elapsed} ms, at most ${busiest} inside one ${window} window: not past ${upper}`,
              remedy: 'rerun closer to the host, or confirm the limit with the provider',
            }
          : {
              outcome: 'failed',
              severity: 'error',
              message: `no 429: ${succeeded} of ${sent} requests succeeded in ${elapsed} ms (${busiest} inside one window), past the agreed ${limit} per ${window}`,
              remedy: `the rate limit is not enforced at stage ${stage.name}: report it to the provider and throttle client-side until it is`,
            },
      ),
    ]);
  }

  const earlier = prior ? ` (+${prior} earlier in the window)` : '';
  const cases: CaseResult[] = [
    burst(
      succeeded > upper
        ? {
            outcome: 'failed',
            severity: 'error',
            message: `429 arrived only after ${succeeded} successes, more than ${limit} + ${tolerance}: the enforced limit is looser than agreed`,
            remedy: `confirm which tier the provider applies; the agreed limit of stage ${stage.name} is ${limit} per ${window}`,
          }
        : succeeded < lower
          ? {
              outcome: 'passed',
              severity: 'warning',
              message: `429 arrived after ${succeeded} successes${earlier}, below ${limit} - ${tolerance}: stricter than agreed, or other traffic of this client was in the window`,
              remedy: 'rerun when the client is idle; if it persists, the provider enforces a lower tier than agreed',
            }
          : {
              outcome: 'passed',
              message: `429 after ${succeeded} successes${earlier} (agreed ${limit} ±${tolerance})`,
            },
    ),
  ];
  const retry = (verdict: Verdict, data: Record<string, unknown> = figures) =>
    guardrailCase({ ...base, name: 'Retry-After is honoured', data, ...verdict });
  const waitMs = parseRetryAfterMs(seen.retryAfter, seen.date, seen.at);
  if (waitMs === null) {
    cases.push(
      retry({
        outcome: 'failed',
        severity: 'error',
        message: '429 came without a usable Retry-After header',
        remedy: 'ask the provider to send Retry-After; clients back off blind without it',
      }),
    );
    return done(cases);
  }
  const waited = `after waiting Retry-After (${Math.ceil(waitMs / 1000)} s)`;
  const remaining = maxDurationMs - (now() - started);
  if (waitMs + 50 > remaining) {
    cases.push(
      retry(
        {
          outcome: 'skipped',
          severity: 'warning',
          message: `not verified: Retry-After asks for ${Math.ceil(waitMs / 1000)} s, more than the ${Math.max(0, Math.floor(remaining / 1000))} s left of the probe's budget`,
        },
        { ...figures, retryAfterMs: waitMs },
      ),
    );
    return done(cases);
  }
  await sleep(waitMs + 50);
  sent += 1;
  let status: number | string;
  try {
    status = (
      await http.get(operation.path, {
        validateStatus: () => true,
        operation: operation.key,
        transformResponse: (d: unknown) => d,
      })
    ).status;
  } catch (error) {
    status = (error as Error).message;
  }
  const after = { ...figures, sent, retryAfterMs: waitMs, statusAfterWait: status };
  cases.push(
    retry(
      typeof status === 'number' && status >= 200 && status < 300
        ? { outcome: 'passed', message: `${waited} the request succeeded` }
        : {
            outcome: 'failed',
            severity: 'error',
            message: `${waited} the request still got ${status}`,
            remedy: 'clients that honour Retry-After will still be refused: report it to the provider',
          },
      after,
    ),
  );
  return done(cases);

  function done(results: CaseResult[]): RateLimitProbeResult {
    return { cases: results, requests: sent };
  }
}

/** How one check of the burst came out. */
type Verdict = Pick<GuardrailFinding, 'outcome' | 'severity' | 'message' | 'remedy'>;

interface Refusal {
  retryAfter: string | null;
  date: string | null;
  at: number;
}

function header(headers: unknown, name: string): string | null {
  const bag = headers as { get?: (n: string) => unknown } & Record<string, unknown>;
  const value = typeof bag.get === 'function' ? bag.get(name) : bag[name];
  if (Array.isArray(value)) return value.join(',');
  return typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean' ? String(value) : null;
}

/** The most successes inside any one window (times are ascending). */
function busiestWindow(times: readonly number[], windowMs: number): number {
  let best = 0;
  let start = 0;
  for (let end = 0; end < times.length; end++) {
    while ((times[end] as number) - (times[start] as number) >= windowMs) start += 1;
    best = Math.max(best, end - start + 1);
  }
  return best;
}
