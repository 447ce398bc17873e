import type { AxiosInstance } from 'axios';
// The Verifier alone: the package's index also loads the consumer DSL (graphql, ramda), which is a third
// of a worker process's start-up and which a worker never uses.
import { Verifier } from '@pact-foundation/pact/src/dsl/verifier';
import type { AuditEntry } from '../audit';
import { createHttpClient, isWriteAllowed } from '../http';
import { redactDeep, registerSecret } from '../log/redact';
import { createTokenRequestFilter, type ReplayedCall, type TokenKind } from './request-filter';
import { parseVerifierResult, VerificationDidNotRunError, type InteractionVerdict } from './result-parser';
import {
  StateCleanupError,
  StateSetupError,
  type StateContext,
  type StateFailureKind,
  type StateHandlerSpec,
} from './state-setup';

/** Everything one verification of one pact file needs. Crosses the process boundary by IPC, never argv/env. */
export interface PactJob {
  /** Pact file the Verifier reads (a filtered temp copy when interactions are skipped). */
  pactPath: string;
  /** Every description the file holds, to attribute results. */
  descriptions: string[];
  provider: string;
  /** The real target: the write guard (`isWriteAllowed`) and the state handlers' own client use it. */
  baseUrl: string;
  /**
   * Where the Verifier replays the interactions, when not `baseUrl`: the recording proxy in front of
   * it, so the responses can be checked against the published spec. Never used for the write guard.
   */
  replayBaseUrl?: string;
  writeAllowedHosts: string[];
  /** Token values minted by the parent, one per kind the pact needs. */
  tokens: Partial<Record<TokenKind, string>>;
  /** Namespace of created test data (see state-setup.ts). */
  namespace: string;
  /** Verify only the interaction with this description (`PACT_DESCRIPTION`). */
  onlyDescription?: string;
  /** Per-request timeout of the Verifier and of state-handler calls. */
  timeoutMs: number;
  /** Retry budget and bounds of the state handlers' calls. @default the HTTP client's defaults */
  http?: StateHttpLimits;
  /** Pact Broker source instead of `pactPath` (see docs/verify.md). */
  broker?: BrokerSource;
}

export interface BrokerSource {
  url: string;
  token: string | null;
  consumerVersionSelectors: Array<Record<string, unknown>>;
  publish: { providerVersion: string; providerVersionBranch?: string } | null;
}

/** The `RampartConfig.http` fields the state handlers' client follows. */
export interface StateHttpLimits {
  maxAttempts: number;
  maxRetryTimeMs: number;
  deadlineMs?: number;
  maxResponseBytes?: number;
}

export interface StateFailure {
  state: string;
  params: Record<string, unknown>;
  kind: StateFailureKind;
  message: string;
}

/** Test data a state created that its teardown could not remove: it is still on the target. */
export interface CleanupFailure {
  state: string;
  leftovers: string[];
}

export interface PactJobResult {
  verdicts: Array<[string, InteractionVerdict]>;
  stateFailures: StateFailure[];
  /** What is left on the target after every teardown (and a final sweep) ran; absent or empty when clean. */
  cleanupFailures?: CleanupFailure[];
  replayed: ReplayedCall[];
  /** One record per request the state handlers made (token-bearing): the parent appends them to the audit trail. */
  audited: AuditEntry[];
  /** The verifier did not run (crash, unreachable target): the pact step errors. */
  error?: string;
  durationMs: number;
}

/** Runs the Verifier for one job in this process. Used by the worker process; tests call it directly. */
export async function runPactJob(job: PactJob, specs: Record<string, StateHandlerSpec>): Promise<PactJobResult> {
  for (const token of Object.values(job.tokens)) registerSecret(token);
  registerSecret(job.broker?.token);
  const started = performance.now();
  let tokenKind: TokenKind = 'standard';
  const stateFailures: StateFailure[] = [];
  const replayed: ReplayedCall[] = [];
  const audited: AuditEntry[] = [];
  const http = stateClient(job, audited);
  const ctx: StateContext = {
    http,
    writesAllowed: isWriteAllowed(job.baseUrl, job.writeAllowedHosts),
    setTokenKind: (kind) => {
      tokenKind = kind;
    },
    namespace: job.namespace,
    created: [],
  };
  const cleanupFailures = new Map<string, CleanupFailure>();
  const teardown = async (name: string, spec: StateHandlerSpec, params: Record<string, unknown>): Promise<void> => {
    try {
      await spec.teardown?.(ctx, params);
      cleanupFailures.delete(name);
    } catch (error) {
      // Only data left behind is worth reporting; a token state's teardown has nothing to remove.
      if (error instanceof StateCleanupError) cleanupFailures.set(name, { state: name, leftovers: error.leftovers });
    }
  };

  const stateHandlers: Record<
    string,
    {
      setup: (params: unknown) => Promise<Record<string, unknown> | undefined>;
      teardown: (params: unknown) => Promise<undefined>;
    }
  > = {};
  for (const [name, spec] of Object.entries(specs)) {
    stateHandlers[name] = {
      setup: async (params: unknown) => {
        const p = asParams(params);
        try {
          return await spec.setup(ctx, p);
        } catch (error) {
          // pact-js only prints a state failure and carries on; record it so the interaction is not green.
          stateFailures.push(failureOf(name, p, error));
          throw error;
        }
      },
      teardown: async (params: unknown) => {
        await teardown(name, spec, asParams(params));
        return undefined;
      },
    };
  }

  const previousFilter = process.env['PACT_DESCRIPTION'];
  if (job.onlyDescription !== undefined) process.env['PACT_DESCRIPTION'] = job.onlyDescription;
  else delete process.env['PACT_DESCRIPTION'];
  process.env['PACT_DO_NOT_TRACK'] = 'true';

  let settled: unknown;
  try {
    settled = await new Verifier({
      provider: job.provider,
      providerBaseUrl: job.replayBaseUrl ?? job.baseUrl,
      ...(job.broker ? brokerOptions(job.broker) : { pactUrls: [job.pactPath] }),
      logLevel: 'error',
      timeout: job.timeoutMs,
      changeOrigin: true,
      requestFilter: createTokenRequestFilter({
        tokenFor: (kind) => job.tokens[kind],
        currentKind: () => tokenKind,
        writesAllowed: ctx.writesAllowed,
        onReplayed: (call) => replayed.push(call),
      }),
      beforeEach: () => {
        tokenKind = 'standard';
        return Promise.resolve();
      },
      stateHandlers: stateHandlers as never,
    }).verifyProvider();
  } catch (error) {
    settled = error;
  } finally {
    if (previousFilter === undefined) delete process.env['PACT_DESCRIPTION'];
    else process.env['PACT_DESCRIPTION'] = previousFilter;
  }
  // Data still recorded had a teardown that failed, or none (the verifier crashed): one more try each.
  for (const name of new Set(ctx.created.map((entry) => entry.state))) {
    const spec = specs[name];
    if (spec) await teardown(name, spec, {});
  }

  const durationMs = Math.round(performance.now() - started);
  const left = [...cleanupFailures.values()];
  try {
    const parsed = parseVerifierResult(settled, job.descriptions);
    return redactDeep({
      verdicts: [...parsed.verdicts],
      stateFailures,
      cleanupFailures: left,
      replayed,
      audited,
      durationMs,
      ...(parsed.unattributed.length > 0 ? { error: parsed.unattributed.join('; ') } : {}),
    });
  } catch (error) {
    if (!(error instanceof VerificationDidNotRunError)) throw error;
    const failed: PactJobResult = {
      verdicts: [],
      stateFailures,
      cleanupFailures: left,
      replayed,
      audited,
      durationMs,
      error: error.message,
    };
    return redactDeep(failed);
  }
}

function brokerOptions(broker: BrokerSource) {
  const { publish } = broker;
  return {
    pactBrokerUrl: broker.url,
    ...(broker.token ? { pactBrokerToken: broker.token } : {}),
    consumerVersionSelectors: broker.consumerVersionSelectors,
    // pact-core refuses `publishVerificationResult` without a provider version even when it is false: the key
    // is there only when publishing.
    ...(publish ? { publishVerificationResult: true, providerVersion: publish.providerVersion } : {}),
    ...(publish?.providerVersionBranch ? { providerVersionBranch: publish.providerVersionBranch } : {}),
  };
}

/**
 * The state handlers' client: the one HTTP client of src/http with the standard token the parent
 * minted (this process mints nothing). So its calls get what every token-bearing call gets: the token
 * only to the target's origin (a `page.next` elsewhere is refused before a byte leaves), the write
 * guard, bounded retries honouring Retry-After (never a retried write on 5xx), deadlines and size caps,
 * and one audit record each, collected here for the parent's trail.
 */
function stateClient(job: PactJob, audited: AuditEntry[]): AxiosInstance {
  const token = job.tokens.standard;
  return createHttpClient({
    baseUrl: job.baseUrl,
    tokenProvider: null,
    headers: token ? { Authorization: `Bearer ${token}` } : {},
    writeAllowedHosts: job.writeAllowedHosts,
    timeoutMs: job.timeoutMs,
    ...(job.http ? { retry: { maxAttempts: job.http.maxAttempts, maxRetryTimeMs: job.http.maxRetryTimeMs } } : {}),
    ...(job.http?.deadlineMs !== undefined ? { deadlineMs: job.http.deadlineMs } : {}),
    ...(job.http?.maxResponseBytes !== undefined ? { maxResponseBytes: job.http.maxResponseBytes } : {}),
    audit: { record: (entry) => audited.push(entry) },
  });
}

function asParams(params: unknown): Record<string, unknown> {
  return typeof params === 'object' && params !== null && !Array.isArray(params)
    ? (params as Record<string, unknown>)
    : {};
}

function failureOf(state: string, params: Record<string, unknown>, error: unknown): StateFailure {
  if (error instanceof StateSetupError) return { state, params, kind: error.kind, message: error.message };
  return { state, params, kind: 'environment', message: error instanceof Error ? error.message : String(error) };
}
