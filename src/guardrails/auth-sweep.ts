import type { AuditTrail } from '../audit';
import type { TokenProvider } from '../auth';
import { isRampartError } from '../errors';
import { assertRequestAllowed, createHttpClient, isWriteMethod, noApiIn, tokensRefusedIn } from '../http';
import type { CaseResult } from '../report/model';
import { guardrailCase } from './cases';
import { PLACEHOLDER_ID, type SpecOperation } from './spec-operations';

/** Hard caps, whatever the caller asks for. */
export const SWEEP_LIMITS = { maxRequestsPerOperation: 2, maxRequests: 200, maxDurationMs: 60_000 } as const;

export interface AuthSweepOptions {
  baseUrl: string;
  stage: string;
  operations: readonly SpecOperation[];
  /** Mints the scope-less tokens (same client) and the token for id lookups. */
  tokenProvider: TokenProvider;
  /** The scopes the client requests; a token "lacking the operation's scope" is these minus it. */
  configuredScopes: readonly string[];
  writeAllowedHosts: readonly string[];
  timeoutMs?: number;
  audit?: AuditTrail;
  /** Capped at 2 (one call without a token, one with a token lacking the scope). */
  maxRequestsPerOperation?: number;
  /** API calls and token grants together. Capped at 200. @default 200 */
  maxRequests?: number;
  /** Capped at 60 s. @default 60000 */
  maxDurationMs?: number;
  now?: () => number;
  /** Aborted when the run is interrupted or out of time: no further operation is swept. */
  signal?: AbortSignal;
}

export interface AuthSweepResult {
  cases: CaseResult[];
  /** API requests and token grants sent. */
  requests: number;
  /** API requests sent with a token (id lookups, scope-less calls): what a rate limiter may count. */
  tokenedRequests: number;
  startedAt: number;
  operationsSwept: number;
  /** Operations the spec does not protect with a token (e.g. the token endpoint, public ones). */
  notTokenProtected: string[];
  truncated: boolean;
}

type Reply = { status: number } | { failure: string };

/**
 * The authentication sweep, driven by the published spec: every token-protected operation is called
 * once without a token (must be 401) and once with a token lacking its declared scopes (must be 403).
 * Writes only go to write-allowed hosts, with an empty JSON object as body, which no create or update
 * accepts. An operation answering 2xx without a token is a critical finding.
 */
export async function runAuthSweep(o: AuthSweepOptions): Promise<AuthSweepResult> {
  const now = o.now ?? Date.now;
  const started = now();
  const perOperation = clamp(o.maxRequestsPerOperation, SWEEP_LIMITS.maxRequestsPerOperation);
  const maxRequests = clamp(o.maxRequests, SWEEP_LIMITS.maxRequests);
  const deadline = started + clamp(o.maxDurationMs, SWEEP_LIMITS.maxDurationMs);
  const timeoutMs = o.timeoutMs ?? 10_000;
  const http = createHttpClient({
    baseUrl: o.baseUrl,
    tokenProvider: null,
    writeAllowedHosts: o.writeAllowedHosts,
    timeoutMs,
    retry: { maxAttempts: 1, maxRetryTimeMs: 0 },
    replayOnInvalidToken: false,
    ...(o.audit ? { audit: o.audit } : {}),
  });
  const grantsBefore = o.tokenProvider.tokenRequests;
  let apiRequests = 0;
  let tokenedRequests = 0;
  const used = () => apiRequests + (o.tokenProvider.tokenRequests - grantsBefore);
  const budgetLeft = (n: number) => used() + n <= maxRequests && now() < deadline && o.signal?.aborted !== true;

  const cases: CaseResult[] = [];
  const protectedOps = o.operations.filter((op) => op.requiresToken);
  const notTokenProtected = o.operations.filter((op) => !op.requiresToken).map((op) => op.key);
  const ids = new Map<string, string>();
  const statuses: number[] = [];
  /** The parent-list reads', which send a token with every scope the run has: the API must accept it. */
  const fullTokenStatuses: number[] = [];
  let swept = 0;
  let truncated = false;

  /** A real id from the parent list (`GET /cards` for `/cards/{card_id}`), read once per list; else a placeholder. */
  const lookUpId = async (parentPath: string): Promise<string> => {
    const known = ids.get(parentPath);
    if (known !== undefined) return known;
    let id = PLACEHOLDER_ID;
    const list = o.operations.find(
      (c) => c.method === 'GET' && c.path === parentPath && c.pathParams.length === 0 && c.requiresToken,
    );
    // Leaves room for the operation's own two calls and a grant.
    if (list && list.scopes.every((s) => o.configuredScopes.includes(s)) && budgetLeft(4)) {
      try {
        const token = (await o.tokenProvider.getToken()).value;
        apiRequests += 1;
        tokenedRequests += 1;
        const response = await http.get(`${parentPath}?page_size=2`, {
          headers: { Authorization: `Bearer ${token}` },
          operation: list.key,
          validateStatus: () => true,
          timeout: Math.max(1, Math.min(timeoutMs, deadline - now())),
        });
        fullTokenStatuses.push(response.status);
        const first = (response.data as { data?: Array<{ id?: unknown }> } | undefined)?.data?.[0]?.id;
        if (response.status === 200 && typeof first === 'string' && first !== '') id = first;
      } catch {
        // A placeholder id does as well: auth and scope are checked before the resource is looked up.
      }
    }
    ids.set(parentPath, id);
    return id;
  };

  const concretePath = async (op: SpecOperation): Promise<string> => {
    let path = op.path;
    for (const name of op.pathParams) {
      const template = `{${name}}`;
      const parentPath = op.path.slice(0, op.path.indexOf(template)).replace(/\/$/, '');
      const id = /\{/.test(parentPath) ? PLACEHOLDER_ID : await lookUpId(parentPath);
      path = path.replace(template, encodeURIComponent(id));
    }
    const query = new URLSearchParams(op.requiredQuery).toString();
    return query ? `${path}?${query}` : path;
  };

  const send = async (op: SpecOperation, path: string, authorization: string | null): Promise<Reply> => {
    apiRequests += 1;
    if (authorization) tokenedRequests += 1;
    try {
      const write = isWriteMethod(op.method);
      const response = await http.request({
        method: op.method,
        url: path,
        operation: op.key,
        headers: {
          ...(authorization ? { Authorization: authorization } : {}),
          ...(write ? { 'Content-Type': 'application/json' } : {}),
        },
        ...(write ? { data: '{}' } : {}),
        validateStatus: () => true,
        timeout: Math.max(1, Math.min(timeoutMs, deadline - now())),
        transformResponse: (data: unknown) => data,
      });
      statuses.push(response.status);
      return { status: response.status };
    } catch (error) {
      return { failure: isRampartError(error) || error instanceof Error ? error.message : String(error) };
    }
  };

  for (const op of protectedOps) {
    const needs = op.scopes.length > 0 && perOperation >= 2 ? 2 : 1;
    if (!budgetLeft(needs)) {
      truncated = true;
      break;
    }
    const base = { check: 'auth-sweep' as const, stage: o.stage, operation: op.key };
    if (isWriteMethod(op.method)) {
      try {
        assertRequestAllowed(op.method, new URL(op.path, o.baseUrl).toString(), o.writeAllowedHosts);
      } catch {
        cases.push(
          guardrailCase({
            ...base,
            name: `${op.key} requires a token`,
            outcome: 'skipped',
            severity: 'info',
            message: `not swept: ${op.method} goes only to write-allowed hosts (RAMPART_WRITE_HOSTS)`,
            remedy: 'sweep it against a write-allowed staging host',
          }),
        );
        continue;
      }
    }
    swept += 1;
    const path = await concretePath(op);

    const anonymous = await send(op, path, null);
    const anonymousAt = cases.push(judgeAnonymous(base, op, anonymous)) - 1;

    if (needs < 2) continue;
    const reduced = o.configuredScopes.filter((s) => !op.scopes.includes(s));
    if (reduced.length === 0) {
      cases.push(
        guardrailCase({
          ...base,
          name: `${op.key} refuses a token without ${op.scopes.join(' ')}`,
          outcome: 'skipped',
          severity: 'info',
          message: `no token can be minted without ${op.scopes.join(' ')}: RAMP_SCOPES holds no other scope`,
        }),
      );
      continue;
    }
    let token: string;
    try {
      token = (await o.tokenProvider.getToken({ scopes: reduced })).value;
    } catch (error) {
      cases.push(
        guardrailCase({
          ...base,
          name: `${op.key} refuses a token without ${op.scopes.join(' ')}`,
          outcome: 'error',
          message: `could not mint a token without ${op.scopes.join(' ')}: ${(error as Error).message}`,
        }),
      );
      continue;
    }
    const scopeless = await send(op, path, `Bearer ${token}`);
    if (notFound(anonymous) && notFound(scopeless)) {
      // Never routed to an auth check, with or without a token: neither 404 says anything about auth.
      cases[anonymousAt] = notServed(base, `${op.key} requires a token`);
      cases.push(
        notServed({ ...base, scope: op.scopes.join(' ') }, `${op.key} refuses a token without ${op.scopes.join(' ')}`),
      );
    } else cases.push(judgeScopeless(base, op, scopeless));
  }

  if (truncated) {
    const left =
      protectedOps.length -
      swept -
      cases.filter((c) => c.outcome === 'skipped' && c.message?.startsWith('not swept')).length;
    cases.push(
      guardrailCase({
        check: 'auth-sweep',
        stage: o.stage,
        name: 'auth sweep covered every operation',
        outcome: 'passed',
        severity: 'warning',
        message: `bounded: ${left} operation(s) not swept after ${used()} requests / ${now() - started} ms (caps: ${maxRequests} requests, ${deadline - started} ms)`,
        remedy: 'raise nothing: rerun the guardrails to cover the rest, or sweep a smaller spec',
      }),
    );
  }
  const reported = unusableSweep(o, cases, statuses, fullTokenStatuses);
  return {
    cases: reported,
    requests: used(),
    tokenedRequests,
    startedAt: started,
    operationsSwept: swept,
    notTokenProtected,
    truncated,
  };
}

/**
 * A base URL the API is not under answers 404 to everything: then the sweep judged nothing, and says so
 * in one case. An API that refused the full token of every parent-list read with 401 knows none of the
 * run's tokens (another environment's token endpoint minted them): then no scope check was reached, and
 * one case says so in place of the scope verdicts; the verdicts without a token stand.
 */
function unusableSweep(
  o: Pick<AuthSweepOptions, 'baseUrl' | 'stage'>,
  cases: CaseResult[],
  statuses: readonly number[],
  fullTokenStatuses: readonly number[],
): CaseResult[] {
  const unusable = (name: string, message: string) =>
    guardrailCase({ check: 'auth-sweep', stage: o.stage, name, outcome: 'error', message });
  const noApi = noApiIn(o.baseUrl, statuses, 'sweep requests');
  if (noApi !== null)
    return [...cases.filter((c) => c.outcome === 'skipped'), unusable('auth sweep reached the API', noApi)];
  const refused = tokensRefusedIn(o.baseUrl, fullTokenStatuses, "reads with the run's full token");
  if (refused === null) return cases;
  return [
    ...cases.filter((c) => c.outcome === 'skipped' || c.data?.['scope'] === undefined),
    unusable("auth sweep's tokens were accepted", refused),
  ];
}

type Base = { check: 'auth-sweep'; stage: string; operation: string };

const notFound = (reply: Reply) => 'status' in reply && reply.status === 404;

/** The case of a path the host answered 404 with and without a token: a path the host does not serve. */
function notServed(base: Base & { scope?: string }, name: string): CaseResult {
  return guardrailCase({
    ...base,
    name,
    outcome: 'skipped',
    severity: 'warning',
    message: 'not judged: answered 404 with and without a token, so this host does not serve the path',
    remedy: 'the published document lists an operation this host lacks: check the spec URL belongs to this host',
  });
}

function judgeAnonymous(base: Base, op: SpecOperation, reply: Reply): CaseResult {
  const name = `${op.key} requires a token`;
  if ('failure' in reply)
    return guardrailCase({ ...base, name, outcome: 'error', message: `no answer: ${reply.failure}` });
  const { status } = reply;
  if (status === 401)
    return guardrailCase({ ...base, name, outcome: 'passed', message: 'answered 401 without a token' });
  if (status < 400) {
    return guardrailCase({
      ...base,
      name,
      outcome: 'failed',
      severity: 'critical',
      data: { status },
      message: `CRITICAL: answered ${status} to a call with no token: the operation forgot its auth check`,
      remedy: `stop the ramp and report it to the provider; until fixed, treat every ${op.key} response as public`,
    });
  }
  if (status === 429 || status >= 500)
    return guardrailCase({
      ...base,
      name,
      outcome: 'error',
      data: { status },
      message: `answered ${status}: cannot tell whether auth is enforced`,
    });
  return guardrailCase({
    ...base,
    name,
    outcome: 'passed',
    severity: 'warning',
    data: { status },
    message: `refused, but with ${status} instead of 401`,
    remedy: 'ask the provider to answer 401 with WWW-Authenticate for a missing token',
  });
}

function judgeScopeless(base: Base, op: SpecOperation, reply: Reply): CaseResult {
  const scopes = op.scopes.join(' ');
  const name = `${op.key} refuses a token without ${scopes}`;
  if ('failure' in reply)
    return guardrailCase({ ...base, name, outcome: 'error', scope: scopes, message: `no answer: ${reply.failure}` });
  const { status } = reply;
  if (status === 403)
    return guardrailCase({
      ...base,
      name,
      scope: scopes,
      outcome: 'passed',
      message: 'answered 403 to a token lacking the scope',
    });
  if (status === 429 || status >= 500)
    return guardrailCase({
      ...base,
      name,
      scope: scopes,
      outcome: 'error',
      data: { status },
      message: `answered ${status}: cannot tell whether the scope is enforced`,
    });
  return guardrailCase({
    ...base,
    name,
    scope: scopes,
    outcome: 'failed',
    severity: 'error',
    data: { status },
    message:
      status < 400
        ? `answered ${status} to a token without ${scopes}: the scope is not enforced`
        : status === 401
          ? `answered 401 where 403 was expected: the token lacking ${scopes} was refused as invalid, not for the scope it lacks (clients would mint new tokens in vain)`
          : `answered ${status} where 403 was expected: the token lacking ${scopes} got past the scope check (an over-broad grant, or a missing check)`,
    remedy: `report it to the provider, and check the scopes the token endpoint grants this client (least-privilege check)`,
  });
}

function clamp(asked: number | undefined, cap: number): number {
  if (asked === undefined || !Number.isFinite(asked)) return cap;
  return Math.max(1, Math.min(Math.floor(asked), cap));
}
