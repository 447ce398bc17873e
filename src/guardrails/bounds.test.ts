import { TokenProvider } from '../auth';
import { startLocalTestServer, type LocalTestServer } from '../http/local-test-server';
import { startSandbox, type RunningSandbox } from '../providers/sandbox';
import { runAuthSweep, SWEEP_LIMITS } from './auth-sweep';
import { loadRampPolicy, DEFAULT_POLICY_FILE, resolveStage, type RampStage } from './policy';
import { runRateLimitProbe } from './rate-limit-probe';
import { pickProbeOperation } from './run-guardrails';
import { specOperations, type SpecOperation } from './spec-operations';
import { manualClock } from '../testing/manual-clock';

/** The sweep and the burst are bounded in requests and time, in code: asking for more changes nothing. */

const GET_BUSINESS: SpecOperation = {
  method: 'GET',
  path: '/developer/v1/business',
  basePaths: [],
  key: 'GET /developer/v1/business',
  scopes: ['business:read'],
  requiresToken: true,
  pathParams: [],
  requiredQuery: {},
  hasRequestBody: false,
  deprecated: false,
};

/** A spec of `count` token-protected operations with a path parameter each. */
function wideSpecOperations(count: number): SpecOperation[] {
  const paths: Record<string, unknown> = {};
  for (let i = 0; i < count; i++) {
    paths[`/v1/things${i}/{id}`] = {
      get: {
        operationId: `get${i}`,
        security: [{ oauth2: ['things:read'] }],
        responses: { '200': { description: 'ok' } },
      },
    };
  }
  return specOperations({
    source: 'wide.json',
    version: '3.0',
    document: {
      openapi: '3.0.3',
      info: { title: 'wide', version: '1' },
      paths,
      components: { securitySchemes: { oauth2: { type: 'oauth2', flows: {} } } },
    },
  });
}

/** `beforeAnswer` runs before each answer (a test advances its manual clock there: a slow provider). */
async function fakeProvider(beforeAnswer?: () => Promise<void>): Promise<LocalTestServer> {
  return startLocalTestServer(async (request, response) => {
    await beforeAnswer?.();
    if (request.url === '/token') {
      response.writeHead(200, { 'content-type': 'application/json' });
      response.end(
        JSON.stringify({
          access_token: `tok_${Math.random().toString(36).slice(2)}`,
          token_type: 'Bearer',
          expires_in: 3600,
        }),
      );
      return;
    }
    response.writeHead(request.headers.authorization ? 403 : 401, { 'content-type': 'application/json' });
    response.end('{}');
  });
}

describe('auth sweep bounds', () => {
  let server: LocalTestServer | undefined;
  afterEach(async () => {
    await server?.close();
    server = undefined;
  });

  it('never sends more than 200 requests nor 2 per operation, whatever it is asked', async () => {
    server = await fakeProvider();
    const operations = wideSpecOperations(300);
    const provider = new TokenProvider({
      tokenUrl: `${server.url}/token`,
      clientId: 'c',
      clientSecret: 's3cret-wide',
      scopes: ['things:read', 'other:read'],
    });
    const result = await runAuthSweep({
      baseUrl: server.url,
      stage: 'pilot',
      operations,
      tokenProvider: provider,
      configuredScopes: ['things:read', 'other:read'],
      writeAllowedHosts: [],
      maxRequests: 10_000,
      maxRequestsPerOperation: 10,
      maxDurationMs: 10 * 60_000,
    });
    expect(server.requests.length).toBeLessThanOrEqual(SWEEP_LIMITS.maxRequests);
    expect(result.requests).toBe(server.requests.length);
    const perPath = new Map<string, number>();
    for (const r of server.requests) if (r.url !== '/token') perPath.set(r.url, (perPath.get(r.url) ?? 0) + 1);
    expect(Math.max(...perPath.values())).toBeLessThanOrEqual(2);
    expect(result.truncated).toBe(true);
    expect(result.cases.at(-1)).toMatchObject({
      outcome: 'passed',
      severity: 'warning',
      message: expect.stringMatching(/^bounded: \d+ operation\(s\) not swept/),
    });
    expect(result.cases.filter((c) => c.outcome === 'failed')).toEqual([]);
  });

  it('stops at its time budget', async () => {
    // Each answer takes 100 ms on the sweep's clock, none on the wall clock.
    const clock = manualClock();
    server = await fakeProvider(() => clock.sleep(100));
    const provider = new TokenProvider({
      tokenUrl: `${server.url}/token`,
      clientId: 'c',
      clientSecret: 's3cret-slow',
      scopes: ['other:read'],
    });
    const result = await runAuthSweep({
      baseUrl: server.url,
      stage: 'pilot',
      operations: wideSpecOperations(50),
      tokenProvider: provider,
      configuredScopes: ['other:read'],
      writeAllowedHosts: [],
      maxDurationMs: 500,
      now: clock.now,
    });
    expect(server.requests.length).toBeLessThanOrEqual(8);
    expect(result.truncated).toBe(true);
  });

  it('sends writes only to write-allowed hosts', async () => {
    server = await fakeProvider();
    const post: SpecOperation = {
      ...GET_BUSINESS,
      method: 'POST',
      key: 'POST /v1/things',
      path: '/v1/things',
      scopes: ['things:write'],
      hasRequestBody: true,
    };
    const provider = new TokenProvider({
      tokenUrl: `${server.url}/token`,
      clientId: 'c',
      clientSecret: 's3cret-w',
      scopes: ['other:read'],
    });
    const refused = await runAuthSweep({
      baseUrl: server.url,
      stage: 'pilot',
      operations: [post],
      tokenProvider: provider,
      configuredScopes: ['other:read'],
      writeAllowedHosts: [],
    });
    expect(server.requests).toEqual([]);
    expect(refused.cases).toEqual([
      expect.objectContaining({ outcome: 'skipped', message: expect.stringMatching(/write-allowed hosts/) }),
    ]);
    const allowed = await runAuthSweep({
      baseUrl: server.url,
      stage: 'pilot',
      operations: [post],
      tokenProvider: provider,
      configuredScopes: ['other:read'],
      writeAllowedHosts: [server.host],
    });
    expect(allowed.cases.map((c) => c.outcome)).toEqual(['passed', 'passed']);
    expect(server.requests.filter((r) => r.method === 'POST' && r.url === '/v1/things').map((r) => r.body)).toEqual([
      '{}',
      '{}',
    ]);
  });
});

describe('rate-limit burst bounds', () => {
  const policy = loadRampPolicy(DEFAULT_POLICY_FILE);
  const stage = (requests: number, windowSeconds = 1): RampStage => ({
    ...resolveStage(policy, 'growth'),
    rateLimit: { requests, windowSeconds },
  });
  let sandbox: RunningSandbox | undefined;
  let apiCalls = 0;
  afterEach(async () => {
    await sandbox?.close();
    sandbox = undefined;
  });
  /** `onApiCall` runs as each API response closes (a test advances its manual clock there: a slow API). */
  const start = async (options: Parameters<typeof startSandbox>[0], onApiCall?: () => void) => {
    apiCalls = 0;
    sandbox = await startSandbox({
      ...options,
      log: (line) => {
        if (!line.startsWith('GET /developer/v1/business')) return;
        apiCalls += 1;
        onApiCall?.();
      },
    });
    const s = sandbox;
    const provider = new TokenProvider({
      tokenUrl: s.tokenUrl,
      clientId: s.clients.demo.clientId,
      clientSecret: s.clients.demo.clientSecret,
      scopes: ['business:read'],
    });
    return { sandbox: s, provider, host: new URL(s.baseUrl).host };
  };
  const closed = async () => {
    // The request log is written when each response closes.
    await new Promise((resolve) => setTimeout(resolve, 50));
    return apiCalls;
  };

  it('caps the burst at 500 requests when the tier has no limit, and reports the missing 429', async () => {
    const { sandbox: s, provider, host } = await start({ misconfigured: true, stage: 'growth' });
    const result = await runRateLimitProbe({
      baseUrl: s.baseUrl,
      stage: stage(300, 10),
      operation: GET_BUSINESS,
      tokenProvider: provider,
      writeAllowedHosts: [host],
      enabled: true,
      maxRequests: 100_000,
      maxDurationMs: 10 * 60_000,
    });
    const received = await closed();
    expect(received).toBeLessThanOrEqual(500);
    expect(received).toBeGreaterThan(330);
    expect(result.requests).toBe(received);
    expect(result.cases).toEqual([
      expect.objectContaining({
        outcome: 'failed',
        severity: 'error',
        message: expect.stringMatching(/^no 429: \d+ of \d+ requests succeeded/),
      }),
    ]);
  });

  it('caps the burst at twice the stage limit', async () => {
    const { sandbox: s, provider, host } = await start({ misconfigured: true, stage: 'growth' });
    await runRateLimitProbe({
      baseUrl: s.baseUrl,
      stage: stage(30),
      operation: GET_BUSINESS,
      tokenProvider: provider,
      writeAllowedHosts: [host],
      enabled: true,
      maxRequests: 10_000,
    });
    expect(await closed()).toBeLessThanOrEqual(60);
  });

  it('confirms an enforced limit and Retry-After, within the tolerance', async () => {
    // The sandbox's limiter and the probe on one manual clock: the burst lands in one window, however busy the machine.
    const clock = manualClock();
    const {
      sandbox: s,
      provider,
      host,
    } = await start({
      rateLimit: { limit: 40, windowMs: 1000 },
      clock: clock.now,
    });
    const result = await runRateLimitProbe({
      baseUrl: s.baseUrl,
      stage: stage(40),
      operation: GET_BUSINESS,
      tokenProvider: provider,
      writeAllowedHosts: [host],
      enabled: true,
      ...clock,
    });
    expect(result.cases.map((c) => [c.name, c.outcome, c.severity])).toEqual([
      ['429 arrives at the growth limit (40 per 1 s)', 'passed', undefined],
      ['Retry-After is honoured', 'passed', undefined],
    ]);
    expect(await closed()).toBeLessThanOrEqual(80);
  });

  it('finds a limit looser than agreed', async () => {
    const clock = manualClock();
    const {
      sandbox: s,
      provider,
      host,
    } = await start({
      rateLimit: { limit: 60, windowMs: 1000 },
      clock: clock.now,
    });
    const result = await runRateLimitProbe({
      baseUrl: s.baseUrl,
      stage: stage(40),
      operation: GET_BUSINESS,
      tokenProvider: provider,
      writeAllowedHosts: [host],
      enabled: true,
      ...clock,
    });
    expect(result.cases[0]).toMatchObject({ outcome: 'failed', message: expect.stringMatching(/looser than agreed/) });
  });

  it('stops at its time budget', async () => {
    // Each API call takes 50 ms on the probe's clock, none on the wall clock.
    const clock = manualClock();
    const {
      sandbox: s,
      provider,
      host,
    } = await start({ rateLimit: { limit: 200, windowMs: 10_000 }, clock: clock.now }, () => void clock.sleep(50));
    const result = await runRateLimitProbe({
      baseUrl: s.baseUrl,
      stage: stage(200, 10),
      operation: GET_BUSINESS,
      tokenProvider: provider,
      writeAllowedHosts: [host],
      enabled: true,
      maxDurationMs: 300,
      ...clock,
    });
    expect(await closed()).toBeLessThanOrEqual(40);
    expect(result.cases[0]).toMatchObject({
      outcome: 'passed',
      severity: 'warning',
      message: expect.stringMatching(/^inconclusive/),
    });
  });

  it('sends nothing unless opted in, and nothing to a host outside the write allow-list', async () => {
    const { sandbox: s, provider, host } = await start({ rateLimit: { limit: 5, windowMs: 1000 } });
    const off = await runRateLimitProbe({
      baseUrl: s.baseUrl,
      stage: stage(5),
      operation: GET_BUSINESS,
      tokenProvider: provider,
      writeAllowedHosts: [host],
      enabled: false,
    });
    const elsewhere = await runRateLimitProbe({
      baseUrl: s.baseUrl,
      stage: stage(5),
      operation: GET_BUSINESS,
      tokenProvider: provider,
      writeAllowedHosts: ['staging.example.test'],
      enabled: true,
    });
    expect(await closed()).toBe(0);
    expect([off.cases[0]?.outcome, elsewhere.cases[0]?.outcome]).toEqual(['skipped', 'skipped']);
    expect(elsewhere.cases[0]?.message).toMatch(/not in RAMPART_WRITE_HOSTS/);
  });

  it('picks a token-protected GET without parameters the stage allows', () => {
    const ops = [
      {
        ...GET_BUSINESS,
        path: '/developer/v1/cards',
        key: 'GET /developer/v1/cards',
        scopes: ['cards:read'],
        deprecated: true,
      },
      GET_BUSINESS,
    ];
    expect(pickProbeOperation(ops, ['cards:read', 'business:read'], resolveStage(policy, 'pilot'))?.key).toBe(
      'GET /developer/v1/business',
    );
    expect(pickProbeOperation(ops, ['users:read'], resolveStage(policy, 'pilot'))).toBeNull();
  });
});
