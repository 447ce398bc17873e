import { TokenProvider } from '../auth';
import { startLocalTestServer, type LocalTestServer } from '../http/local-test-server';
import { sendJson } from '../http/respond';
import { manualClock } from '../testing/manual-clock';
import { loadRampPolicy, DEFAULT_POLICY_FILE, resolveStage } from './policy';
import { runRateLimitProbe, type RateLimitProbeResult } from './rate-limit-probe';
import type { SpecOperation } from './spec-operations';

/** How the burst reads what a provider answers: a scripted provider on loopback, one answer per API call. */

const OPERATION: SpecOperation = {
  method: 'GET',
  path: '/v1/business',
  basePaths: [],
  key: 'GET /v1/business',
  scopes: ['business:read'],
  requiresToken: true,
  pathParams: [],
  requiredQuery: {},
  hasRequestBody: false,
  deprecated: false,
};
const STAGE = {
  ...resolveStage(loadRampPolicy(DEFAULT_POLICY_FILE), 'growth'),
  rateLimit: { requests: 40, windowSeconds: 1 },
};

type Answer = { status: number; headers?: Record<string, string> };

let server: LocalTestServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

/**
 * Runs the burst against a provider that gives the `n`-th API call (from 0) `answer(n, waited)`:
 * `waited` once the probe has slept, which on its manual clock it does only to wait out Retry-After.
 */
async function burstAgainst(answer: (n: number, waited: boolean) => Answer): Promise<RateLimitProbeResult> {
  const clock = manualClock();
  const start = clock.now();
  let calls = 0;
  server = await startLocalTestServer((request, response) => {
    if (request.url === '/token') {
      sendJson(response, 200, { access_token: 'tok_burst', token_type: 'Bearer', expires_in: 3600 });
      return;
    }
    const { status, headers } = answer(calls++, clock.now() !== start);
    sendJson(response, status, {}, headers);
  });
  return runRateLimitProbe({
    baseUrl: server.url,
    stage: STAGE,
    operation: OPERATION,
    tokenProvider: new TokenProvider({
      tokenUrl: `${server.url}/token`,
      clientId: 'id',
      clientSecret: 'secret',
      scopes: ['business:read'],
    }),
    writeAllowedHosts: [server.host],
    enabled: true,
    ...clock,
  });
}

const verdicts = (result: RateLimitProbeResult) => result.cases.map((c) => [c.outcome, c.severity, c.message]);
/** 200 for the first `ok` calls, then 429 with these headers; `afterWait` answers once Retry-After was waited out. */
const limitAfter =
  (ok: number, headers: Record<string, string>, afterWait = 200) =>
  (n: number, waited: boolean): Answer =>
    waited ? { status: afterWait } : n < ok ? { status: 200 } : { status: 429, headers };

describe('the rate-limit burst reads the answers it gets', () => {
  it('calls a 429 well before the agreed limit stricter than agreed, and a success after Retry-After honoured', async () => {
    const result = await burstAgainst(limitAfter(20, { 'retry-after': '1' }));
    expect(verdicts(result)).toEqual([
      [
        'passed',
        'warning',
        '429 arrived after 20 successes, below 40 - 10%: stricter than agreed, or other traffic of this client was in the window',
      ],
      ['passed', undefined, 'after waiting Retry-After (1 s) the request succeeded'],
    ]);
  });

  it('fails a 429 without a usable Retry-After', async () => {
    const result = await burstAgainst(limitAfter(40, {}));
    expect(verdicts(result)[1]).toEqual(['failed', 'error', '429 came without a usable Retry-After header']);
  });

  it('does not wait out a Retry-After longer than its budget', async () => {
    const result = await burstAgainst(limitAfter(40, { 'retry-after': '3600' }));
    expect(verdicts(result)[1]).toEqual([
      'skipped',
      'warning',
      "not verified: Retry-After asks for 3600 s, more than the 30 s left of the probe's budget",
    ]);
  });

  it('fails a provider that still refuses after Retry-After was waited out', async () => {
    const result = await burstAgainst(limitAfter(40, { 'retry-after': '2' }, 429));
    expect(verdicts(result)).toEqual([
      ['passed', undefined, '429 after 40 successes (agreed 40 ±10%)'],
      ['failed', 'error', 'after waiting Retry-After (2 s) the request still got 429'],
    ]);
  });

  it('stops and errs when the answers are neither successes nor 429s', async () => {
    const result = await burstAgainst(() => ({ status: 503 }));
    // Four requests are in flight at a time: up to three more may come back after the eleventh.
    expect(verdicts(result)).toEqual([
      [
        'error',
        undefined,
        expect.stringMatching(/^the burst met 1[1-4] answers that were neither 2xx nor 429; stopped$/),
      ],
    ]);
    expect(result.requests).toBeLessThanOrEqual(14);
  });
});
