import { PROVIDER_DEFINITION, providerEnv, type ProbeRead } from '../providers';
import { randomUUID } from 'node:crypto';
import { setTimeout as delay } from 'node:timers/promises';
import type { AxiosInstance, AxiosResponse } from 'axios';
import type { AuditTrail } from '../audit';
import { TokenProvider, type AccessToken } from '../auth';
import { isRampartError, TokenError } from '../errors';
import { CallRecorder, createHttpClient, NO_API_HINT, TOKENS_REFUSED_HINT, type RetryOptions } from '../http';
import { redact } from '../log/redact';
import type { CaseResult } from '../report/model';

export const TOKEN_PROBES_SUITE = 'token probes';

/** Options of `runTokenProbes`. */
export interface ProbeOptions {
  /** The API base URL, e.g. `https://demo-api.example.com`. */
  baseUrl: string;
  tokenUrl: string;
  clientId: string;
  clientSecret: string;
  /** The run's scopes: the probes' tokens are minted with these (and a reduced set for the scope probe). */
  scopes: readonly string[];
  /**
   * The run's provider. The scope probe mints its reduced-scope token here, so the run's `revokeAll`
   * revokes it. Absent: a private provider is used. The other probes always use a private provider
   * (revoking a token must never touch the run's own), whose tokens are revoked before returning.
   */
  tokenProvider?: TokenProvider;
  /**
   * The GETs the probes may call, each with the scope it needs; a probe calls the first its token's
   * scopes grant, and the scope probe leaves that one scope out. @default the provider definition's `probeReads`
   */
  reads?: readonly ProbeRead[];
  /**
   * The expired-token probe waits for a token to expire only if that takes at most this long;
   * otherwise it is skipped (a real provider's tokens live for days). @default 5000
   */
  expiredTokenMaxWaitMs?: number;
  /**
   * A client of the same provider whose tokens expire within `expiredTokenMaxWaitMs` (the sandbox's
   * `shortLived` client). The expired-token probe mints its token there; without it, it uses the run's
   * client and is skipped when those tokens live too long to wait for.
   */
  expiryClient?: { clientId: string; clientSecret: string; scopes: readonly string[] };
  /** A scope name no provider knows. @default 'rampart_probe:unknown' */
  unknownScope?: string;
  /** Per request. @default 10000 */
  timeoutMs?: number;
  /**
   * The retry policy of the one HTTP client (429 with Retry-After for any request, 5xx and dropped
   * connections for GETs): a probe answered 5xx or 429 after it is an `error` (provider unhealthy),
   * never a failed probe. @default { maxAttempts: 4, maxRetryTimeMs: 30000 }
   */
  retry?: RetryOptions;
  /** Run only these probe ids. @default all */
  only?: readonly string[];
  audit?: AuditTrail;
  recorder?: CallRecorder;
  /**
   * The clock of the expired-token probe's wait and of the token providers the probes create (tests
   * pass a manual one shared with the sandbox, so the wait is instant). @default the wall clock
   */
  clock?: ProbeClock;
  /** Aborted when the run is interrupted or out of time: no further probe starts, and a waiting one stops waiting. */
  signal?: AbortSignal;
}

export interface ProbeClock {
  now(): number;
  /** Waits `ms`, or less: the wait ends early, without error, when `signal` is aborted. */
  sleep(ms: number, signal?: AbortSignal): Promise<void>;
}

const WALL_CLOCK: ProbeClock = {
  now: Date.now,
  sleep: (ms, signal) =>
    delay(ms, undefined, signal ? { signal } : {}).catch((error: unknown) => {
      if (!signal?.aborted) throw error;
    }),
};

/** What came back from a probe's decisive request. */
export interface ProbeObservation {
  status: number | null;
  /** OAuth / RFC 6750 error code from `WWW-Authenticate` or the body's `error`. */
  errorCode: string | null;
  wwwAuthenticate: string | null;
}

export interface ProbeExpectation {
  status: number;
  errorCode?: string;
  /** The error code must be present (token endpoint: RFC 6749 §5.2 requires it). Otherwise checked only when sent. */
  errorCodeRequired?: boolean;
}

/** One declarative probe. */
export interface TokenProbe {
  id: string;
  title: string;
  expected: ProbeExpectation;
  run(context: ProbeContext): Promise<ProbeObservation | { skipped: string }>;
}

/** What a probe may use; every request it makes goes through here. */
export interface ProbeContext {
  readonly options: Required<Pick<ProbeOptions, 'reads' | 'expiredTokenMaxWaitMs' | 'unknownScope'>> & ProbeOptions;
  /** GET `path` with exactly this Authorization header (none when null); one attempt, no replay. */
  get(path: string, authorization: string | null): Promise<ProbeObservation>;
  /** A provider private to the probes (its tokens are revoked at the end). */
  readonly privateTokens: TokenProvider;
  /** A throwaway provider with other credentials or scopes; its tokens are revoked at the end. */
  provider(overrides: { clientId?: string; clientSecret?: string; scopes?: readonly string[] }): TokenProvider;
  /** The probes' clock (see `ProbeOptions.clock`). */
  now(): number;
  /** Waits on the probes' clock, bounded by the caller. */
  sleep(ms: number): Promise<void>;
}

/** An environment problem that makes a probe unable to say anything: outcome `error`. */
class ProbeEnvironmentError extends Error {}

const bearer = (token: AccessToken) => `Bearer ${token.value}`;

/** The first of the probes' GETs that a token with `scopes` may call. */
function readGrantedBy(context: ProbeContext, scopes: readonly string[]): ProbeRead | undefined {
  return context.options.reads.find((read) => scopes.includes(read.scope));
}

/** A GET for a probe whose token is refused before its scopes are looked at: a granted one if any. */
function anyRead(context: ProbeContext): ProbeRead {
  const read = readGrantedBy(context, context.options.scopes) ?? context.options.reads[0];
  if (read === undefined) throw new ProbeEnvironmentError('no GET to probe: the provider definition lists none');
  return read;
}

/** Why a probe that needs a token accepted first cannot run with `scopes`. */
function noGrantedRead(context: ProbeContext): { skipped: string } {
  const needed = context.options.reads.map((read) => read.scope).join(', ');
  return { skipped: `the run's scopes (${providerEnv('SCOPES')}) include none a probe GET needs: ${needed}` };
}

async function control(context: ProbeContext, token: AccessToken, path: string): Promise<void> {
  const seen = await context.get(path, bearer(token));
  if (seen.status === null || seen.status < 200 || seen.status > 299) {
    const hint = seen.status === 404 ? ` ${NO_API_HINT}` : seen.status === 401 ? ` ${TOKENS_REFUSED_HINT}` : '';
    throw new ProbeEnvironmentError(
      `a fresh token was not accepted either: GET ${path} answered ${describe(seen)}${hint}`,
    );
  }
}

/**
 * A probe's decisive GET. A 404 says the path is not on this host (a wrong base URL), not how the
 * provider treats the token: the path is asked again with a fresh token, and when that is refused too,
 * the probe could not run. A provider that hides its resources behind 404 still fails the probe. So
 * does a 401 to a `tokenValid` token (one lacking only a scope) when the fresh token is accepted.
 */
async function decisiveGet(
  context: ProbeContext,
  path: string,
  authorization: string | null,
  { tokenValid = false } = {},
): Promise<ProbeObservation> {
  const seen = await context.get(path, authorization);
  if (seen.status === 404 || (tokenValid && seen.status === 401)) {
    await control(context, await context.privateTokens.getToken(), path);
  }
  return seen;
}

async function tokenEndpointObservation(
  mint: () => Promise<AccessToken>,
  { clientMustAuthenticate = false } = {},
): Promise<ProbeObservation> {
  try {
    await mint();
    return { status: 200, errorCode: null, wwwAuthenticate: null };
  } catch (error) {
    // The endpoint judges the client before its request: a refused client leaves the probe with nothing to judge.
    if (clientMustAuthenticate && error instanceof TokenError && error.oauthError === 'invalid_client') throw error;
    // An OAuth error answer (RFC 6749 §5.2) is 400 or 401, or at least names its error; faults are judged as
    // unhealthy. Anything else (a 404 at a wrong token URL) says nothing about the request: the probe cannot run.
    if (error instanceof TokenError && error.status !== undefined) {
      const status = error.status;
      const judged = status === 400 || status === 401 || error.oauthError !== undefined || isFault(status);
      if (!judged) throw error;
      return { status: error.status, errorCode: error.oauthError ?? null, wwwAuthenticate: null };
    }
    throw error;
  }
}

/** The probes, in the order they run. Each is read-only: GETs and the token endpoint only. */
export const TOKEN_PROBES: readonly TokenProbe[] = [
  {
    id: 'no-token',
    title: 'a request without a token is refused with 401',
    expected: { status: 401 },
    run: (c) => decisiveGet(c, anyRead(c).path, null),
  },
  {
    id: 'malformed-token',
    title: 'a malformed token is refused with 401',
    expected: { status: 401, errorCode: 'invalid_token' },
    run: (c) => decisiveGet(c, anyRead(c).path, `Bearer rampart-probe-not-a-token-${randomUUID()}`),
  },
  {
    id: 'revoked-token',
    title: 'a revoked token is refused with 401',
    expected: { status: 401, errorCode: 'invalid_token' },
    async run(c) {
      const read = readGrantedBy(c, c.options.scopes);
      if (read === undefined) return noGrantedRead(c);
      const token = await c.privateTokens.getToken();
      await control(c, token, read.path);
      const revocation = await c.privateTokens.revokeAll();
      if (revocation.errors.length > 0)
        throw new ProbeEnvironmentError(`could not revoke the probe token: ${revocation.errors.join('; ')}`);
      return c.get(read.path, bearer(token));
    },
  },
  {
    id: 'expired-token',
    title: 'an expired token is refused with 401',
    expected: { status: 401, errorCode: 'invalid_token' },
    async run(c) {
      const read = readGrantedBy(c, c.options.expiryClient?.scopes ?? c.options.scopes);
      if (read === undefined) return noGrantedRead(c);
      const tokens = c.provider(c.options.expiryClient ?? {});
      const token = await tokens.getToken();
      // A second past the expiry we computed from the send time, for server-side rounding.
      const waitMs = token.expiresAt + 1_000 - c.now();
      if (waitMs > c.options.expiredTokenMaxWaitMs) {
        return {
          skipped: `tokens live ${token.lifetimeSeconds} s here; waiting for one to expire would take longer than expiredTokenMaxWaitMs (${c.options.expiredTokenMaxWaitMs} ms)`,
        };
      }
      await control(c, token, read.path);
      await c.sleep(Math.max(0, token.expiresAt + 1_000 - c.now()));
      return c.get(read.path, bearer(token));
    },
  },
  {
    id: 'insufficient-scope',
    title: 'a token lacking the scope an operation needs is refused with 403',
    expected: { status: 403, errorCode: 'insufficient_scope' },
    async run(c) {
      const read = readGrantedBy(c, c.options.scopes);
      if (read === undefined) return noGrantedRead(c);
      const scopes = c.options.scopes.filter((s) => s !== read.scope);
      if (scopes.length === 0) return { skipped: `the run requests no scope besides ${read.scope}` };
      const tokens = c.options.tokenProvider ?? c.privateTokens;
      const token = await tokens.getToken({ scopes });
      return decisiveGet(c, read.path, bearer(token), { tokenValid: true });
    },
  },
  {
    id: 'unknown-scope',
    title: 'requesting an unknown scope is refused with invalid_scope',
    expected: { status: 400, errorCode: 'invalid_scope', errorCodeRequired: true },
    run: (c) =>
      tokenEndpointObservation(() => c.provider({ scopes: [c.options.unknownScope] }).getToken(), {
        clientMustAuthenticate: true,
      }),
  },
  {
    id: 'wrong-client-secret',
    title: 'a wrong client secret is refused with 401 invalid_client',
    expected: { status: 401, errorCode: 'invalid_client', errorCodeRequired: true },
    run: (c) =>
      tokenEndpointObservation(() =>
        c.provider({ clientSecret: `rampart-probe-wrong-secret-${randomUUID()}` }).getToken(),
      ),
  },
];

/**
 * Runs the token edge-case probes against a live API and token endpoint and reports one case each
 * (suite `token probes`): `passed` when the provider answered as expected, `failed` (a broken
 * contract) with expected vs actual when not, `error` when the environment kept the probe from
 * answering (a 5xx or 429 after the client's retries: "provider unhealthy"), `skipped` with the reason
 * when it cannot run here. Decisive requests follow the HTTP client's retry policy, without token
 * replay. Every token a probe mints outside the run's provider is revoked before this returns.
 */
export async function runTokenProbes(options: ProbeOptions): Promise<CaseResult[]> {
  const resolved = {
    ...options,
    reads: options.reads ?? PROVIDER_DEFINITION.probeReads,
    expiredTokenMaxWaitMs: options.expiredTokenMaxWaitMs ?? 5_000,
    unknownScope: options.unknownScope ?? 'rampart_probe:unknown',
  };
  const http = createHttpClient({
    baseUrl: options.baseUrl,
    tokenProvider: null,
    writeAllowedHosts: [],
    timeoutMs: options.timeoutMs ?? 10_000,
    retry: options.retry ?? { maxAttempts: 4, maxRetryTimeMs: 30_000 },
    replayOnInvalidToken: false,
    ...(options.audit ? { audit: options.audit } : {}),
    ...(options.recorder ? { recorder: options.recorder } : {}),
  });
  const clock = options.clock ?? WALL_CLOCK;
  const throwaway: TokenProvider[] = [];
  const provider = (overrides: {
    clientId?: string;
    clientSecret?: string;
    scopes?: readonly string[];
  }): TokenProvider => {
    const created = new TokenProvider({
      tokenUrl: options.tokenUrl,
      clientId: overrides.clientId ?? options.clientId,
      clientSecret: overrides.clientSecret ?? options.clientSecret,
      scopes: overrides.scopes ?? options.scopes,
      timeoutMs: options.timeoutMs ?? 10_000,
      now: () => clock.now(),
      ...(options.audit ? { audit: options.audit } : {}),
    });
    throwaway.push(created);
    return created;
  };
  const context: ProbeContext = {
    options: resolved,
    get: (path, authorization) => {
      if (options.signal?.aborted) throw new ProbeEnvironmentError('the run was stopped');
      return observe(http, path, authorization);
    },
    privateTokens: provider({}),
    provider,
    now: () => clock.now(),
    sleep: (ms) => clock.sleep(ms, options.signal),
  };

  const results: CaseResult[] = [];
  try {
    for (const probe of TOKEN_PROBES) {
      if (options.signal?.aborted) break;
      if (options.only && !options.only.includes(probe.id)) continue;
      results.push(await runOne(probe, context));
    }
  } finally {
    await Promise.all(throwaway.map((p) => p.revokeAll()));
  }
  return results;
}

async function runOne(probe: TokenProbe, context: ProbeContext): Promise<CaseResult> {
  const started = Date.now();
  const base = { suite: TOKEN_PROBES_SUITE, name: probe.title } as const;
  const expected = describeExpected(probe.expected);
  try {
    const seen = await probe.run(context);
    const durationMs = Date.now() - started;
    if ('skipped' in seen) {
      return {
        ...base,
        outcome: 'skipped',
        durationMs,
        message: redact(seen.skipped),
        data: { probeId: probe.id, expected: probe.expected },
      };
    }
    const data = { probeId: probe.id, expected: probe.expected, actual: redactObservation(seen) };
    if (isFault(seen.status) && seen.status !== probe.expected.status) {
      // A server fault or a rate limit says nothing about how the provider treats this token.
      const message = `provider unhealthy: expected ${expected}, got ${describe(seen)} after retries`;
      return { ...base, outcome: 'error', durationMs, message, data };
    }
    const mismatch = mismatchOf(probe.expected, seen);
    if (mismatch === null) return { ...base, outcome: 'passed', durationMs, data };
    return {
      ...base,
      outcome: 'failed',
      durationMs,
      message: redact(`expected ${expected}, got ${describe(seen)}${mismatch ? ` (${mismatch})` : ''}`),
      detail: redact(
        [
          `expected: ${expected}`,
          `actual:   HTTP ${seen.status ?? '(no response)'}, error code ${seen.errorCode ?? '(none)'}, WWW-Authenticate ${seen.wwwAuthenticate ?? '(none)'}`,
        ].join('\n'),
      ),
      data,
    };
  } catch (error) {
    return {
      ...base,
      outcome: 'error',
      durationMs: Date.now() - started,
      message: redact(`the probe could not run: ${error instanceof Error ? error.message : String(error)}`),
      data: {
        probeId: probe.id,
        expected: probe.expected,
        ...(isRampartError(error) ? { errorName: error.name } : {}),
      },
    };
  }
}

function isFault(status: number | null): boolean {
  return status !== null && (status === 429 || (status >= 500 && status <= 599));
}

/** Why the observation misses the expectation ('' for a plain status mismatch), or null when it matches. */
function mismatchOf(expected: ProbeExpectation, seen: ProbeObservation): string | null {
  if (seen.status !== expected.status) return '';
  if (expected.errorCode === undefined) return null;
  if (seen.errorCode === null) return expected.errorCodeRequired ? 'no error code in the response' : null;
  return seen.errorCode === expected.errorCode ? null : `error code ${seen.errorCode} instead of ${expected.errorCode}`;
}

async function observe(http: AxiosInstance, path: string, authorization: string | null): Promise<ProbeObservation> {
  const response: AxiosResponse<unknown> = await http.get(path, {
    validateStatus: () => true,
    headers: authorization === null ? {} : { Authorization: authorization },
  });
  const challenge: unknown = response.headers['www-authenticate'];
  const wwwAuthenticate =
    typeof challenge === 'string' ? challenge : Array.isArray(challenge) ? challenge.join(',') : null;
  return { status: response.status, errorCode: errorCodeOf(wwwAuthenticate, response.data), wwwAuthenticate };
}

/** RFC 6750 `error="..."` from the challenge, else an OAuth `error` string in the body. */
function errorCodeOf(wwwAuthenticate: string | null, body: unknown): string | null {
  const fromChallenge = wwwAuthenticate ? /\berror="?([a-z_]+)"?/i.exec(wwwAuthenticate)?.[1] : undefined;
  if (fromChallenge) return fromChallenge;
  const data = typeof body === 'object' && body !== null ? (body as Record<string, unknown>) : null;
  return typeof data?.error === 'string' && /^[a-z_]{1,64}$/.test(data.error) ? data.error : null;
}

function describeExpected(expected: ProbeExpectation): string {
  return `HTTP ${expected.status}${expected.errorCode ? ` ${expected.errorCode}` : ''}`;
}

function describe(seen: ProbeObservation): string {
  return seen.status === null ? 'no response' : `HTTP ${seen.status}${seen.errorCode ? ` ${seen.errorCode}` : ''}`;
}

function redactObservation(seen: ProbeObservation): ProbeObservation {
  return { ...seen, wwwAuthenticate: seen.wwwAuthenticate === null ? null : redact(seen.wwwAuthenticate) };
}
