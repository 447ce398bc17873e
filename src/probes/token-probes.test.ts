/**
 * The token probes tell a user each night that the provider still treats tokens the way the
 * integration expects. Against the sandbox every probe must pass; against a provider that behaves
 * differently each must fail with what came back; against a dead one each must say it could not run.
 */
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { AuditTrail, verifyAuditFile } from '../audit';
import { TokenProvider } from '../auth';
import { startLocalTestServer, type LocalTestServer } from '../http/local-test-server';
import { sendJson } from '../http/respond';
import { startSandbox, type RunningSandbox } from '../providers/sandbox';
import { manualClock } from '../testing/manual-clock';
import { runTokenProbes, TOKEN_PROBES, type ProbeOptions } from './token-probes';

const SCOPES = ['business:read', 'transactions:read', 'users:read'];

describe('against the sandbox', () => {
  let sandbox: RunningSandbox;
  let dir: string;
  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'rampart-probes-'));
  });
  afterEach(async () => {
    await sandbox.close();
    await rm(dir, { recursive: true, force: true });
  });

  const options = (extra: Partial<ProbeOptions> = {}): ProbeOptions => ({
    baseUrl: sandbox.baseUrl,
    tokenUrl: sandbox.tokenUrl,
    clientId: sandbox.clients.demo.clientId,
    clientSecret: sandbox.clients.demo.clientSecret,
    scopes: SCOPES,
    ...extra,
  });

  it('passes every probe, the expired token included when tokens live 2 s, and revokes its tokens', async () => {
    // The probes and the sandbox on one manual clock: the expired-token probe's wait is instant.
    const clock = manualClock();
    sandbox = await startSandbox({ port: 0, tokenTtlSeconds: 2, clock: clock.now });
    const file = join(dir, 'audit.jsonl');
    const audit = await AuditTrail.open(file);
    const tokenProvider = new TokenProvider({
      tokenUrl: sandbox.tokenUrl,
      clientId: sandbox.clients.demo.clientId,
      clientSecret: sandbox.clients.demo.clientSecret,
      scopes: SCOPES,
      audit,
      now: clock.now,
    });
    const results = await runTokenProbes(options({ tokenProvider, audit, clock }));
    await tokenProvider.revokeAll();
    await audit.close();

    expect(results.map((r) => [r.data?.probeId, r.outcome])).toEqual(TOKEN_PROBES.map((p) => [p.id, 'passed']));
    expect(results.every((r) => r.suite === 'token probes' && r.durationMs >= 0)).toBe(true);
    expect(results.find((r) => r.data?.probeId === 'insufficient-scope')?.data?.actual).toEqual({
      status: 403,
      errorCode: 'insufficient_scope',
      wwwAuthenticate: 'Bearer error="insufficient_scope", scope="business:read"',
    });
    // The scope probe's token went through the run's provider, so the run revokes it.
    expect(tokenProvider.tokenRequests).toBe(1);

    const records = (await readFile(file, 'utf8'))
      .trimEnd()
      .split('\n')
      .map((l) => JSON.parse(l) as { kind: string; method: string; status: number | null });
    expect(records.filter((r) => r.kind === 'api').every((r) => r.method === 'GET')).toBe(true);
    const minted = records.filter((r) => r.kind === 'token' && r.status === 200).length;
    const revoked = records.filter((r) => r.kind === 'revoke' && r.status === 200).length;
    expect(revoked).toBe(minted);
    expect((await verifyAuditFile(file)).ok).toBe(true);
  });

  it("calls a GET the run's scopes grant: a client without business:read passes every probe", async () => {
    const clock = manualClock();
    const requests: string[] = [];
    const log = (line: string) => requests.push(line.split(' ').slice(0, 2).join(' '));
    sandbox = await startSandbox({ port: 0, tokenTtlSeconds: 2, clock: clock.now, log });
    const results = await runTokenProbes(options({ scopes: ['transactions:read', 'users:read'], clock }));
    await sandbox.close();

    expect(results.map((r) => [r.data?.probeId, r.outcome])).toEqual(TOKEN_PROBES.map((p) => [p.id, 'passed']));
    // The scope probe left out the scope of the first GET the run may call.
    expect(results.find((r) => r.data?.probeId === 'insufficient-scope')?.data?.actual).toMatchObject({
      wwwAuthenticate: 'Bearer error="insufficient_scope", scope="transactions:read"',
    });
    expect(requests).not.toContain('GET /developer/v1/business');
    expect(requests).toContain('GET /developer/v1/transactions');
  });

  it('skips, saying why, the probes that need a token accepted first when the run may call none of their GETs', async () => {
    sandbox = await startSandbox({ port: 0 });
    const results = await runTokenProbes(
      options({ scopes: ['cards:write'], only: ['no-token', 'revoked-token', 'insufficient-scope'] }),
    );
    expect(results.map((r) => [r.data?.probeId, r.outcome])).toEqual([
      ['no-token', 'passed'],
      ['revoked-token', 'skipped'],
      ['insufficient-scope', 'skipped'],
    ]);
    expect(results[1]?.message).toBe(
      "the run's scopes (RAMP_SCOPES) include none a probe GET needs: business:read, transactions:read, cards:read, users:read, departments:read, locations:read, reimbursements:read",
    );
  });

  it('errors, never fails, when the client itself is refused: a scope request is judged only for a client that authenticates', async () => {
    sandbox = await startSandbox({ port: 0 });
    const results = await runTokenProbes(
      options({ clientSecret: 'a-secret-the-sandbox-never-issued', only: ['unknown-scope', 'wrong-client-secret'] }),
    );
    expect(results.map((r) => [r.data?.probeId, r.outcome])).toEqual([
      ['unknown-scope', 'error'],
      ['wrong-client-secret', 'passed'],
    ]);
    expect(results[0]?.message).toMatch(/^the probe could not run: .*HTTP 401 invalid_client/);
    expect(JSON.stringify(results)).not.toContain('a-secret-the-sandbox-never-issued');
  });

  it('errors, never fails, when the API paths are not on the base URL: a fresh token is refused with 404 too', async () => {
    sandbox = await startSandbox({ port: 0 });
    // A base URL under a path the host does not serve: every API path answers 404, the token endpoint works.
    const results = await runTokenProbes(
      options({
        baseUrl: `${sandbox.baseUrl}/not-the-api-root`,
        only: ['no-token', 'malformed-token', 'insufficient-scope'],
      }),
    );
    expect(results.map((r) => [r.data?.probeId, r.outcome])).toEqual([
      ['no-token', 'error'],
      ['malformed-token', 'error'],
      ['insufficient-scope', 'error'],
    ]);
    expect(results[0]?.message).toMatch(
      /^the probe could not run: a fresh token was not accepted either: GET \S+ answered HTTP 404 \(is the base URL the API host's root\?\)$/,
    );
  });

  it('errors, never fails, when the token URL is not the token endpoint: a 404 is no verdict on a scope or a secret', async () => {
    sandbox = await startSandbox({ port: 0 });
    const results = await runTokenProbes(
      options({ tokenUrl: `${sandbox.baseUrl}/oauth/token`, only: ['unknown-scope', 'wrong-client-secret'] }),
    );
    expect(results.map((r) => [r.data?.probeId, r.outcome])).toEqual([
      ['unknown-scope', 'error'],
      ['wrong-client-secret', 'error'],
    ]);
    expect(results[1]?.message).toMatch(/^the probe could not run: .*oauth\/token.*HTTP 404/);
  });

  it('skips the expired-token probe, saying why, when tokens live too long to wait for', async () => {
    sandbox = await startSandbox({ port: 0 });
    const results = await runTokenProbes(options({ only: ['expired-token', 'unknown-scope', 'wrong-client-secret'] }));
    expect(results.map((r) => [r.data?.probeId, r.outcome])).toEqual([
      ['expired-token', 'skipped'],
      ['unknown-scope', 'passed'],
      ['wrong-client-secret', 'passed'],
    ]);
    expect(results[0]?.message).toBe(
      'tokens live 3600 s here; waiting for one to expire would take longer than expiredTokenMaxWaitMs (5000 ms)',
    );
  });

  it("runs the expired-token probe on a short-lived client when one is given, whatever the run's token lifetime", async () => {
    const clock = manualClock();
    sandbox = await startSandbox({ port: 0, shortLivedTokenTtlSeconds: 1, clock: clock.now });
    const results = await runTokenProbes(
      options({ only: ['expired-token'], expiryClient: sandbox.clients.shortLived, clock }),
    );
    expect(results.map((r) => [r.data?.probeId, r.outcome])).toEqual([['expired-token', 'passed']]);
  });
});

describe('against a provider that behaves differently', () => {
  let fake: LocalTestServer;
  const probeFake = (extra: Partial<ProbeOptions> = {}) =>
    runTokenProbes({
      baseUrl: fake.url,
      tokenUrl: `${fake.url}/token`,
      clientId: 'id',
      clientSecret: 'fake-secret-123',
      scopes: SCOPES,
      ...extra,
    });
  afterEach(async () => {
    await fake.close();
  });

  it('fails each probe the provider disagrees with, with expected and actual, and stays read-only', async () => {
    let minted = 0;
    // Accepts any token and any credentials; refuses nothing.
    fake = await startLocalTestServer((req, res) => {
      if (req.url === '/token') {
        minted += 1;
        return sendJson(res, 200, {
          access_token: `ramp_tok_fake${minted}abcdef`,
          token_type: 'Bearer',
          expires_in: 3600,
        });
      }
      if (req.url === '/token/revoke') return sendJson(res, 200, {});
      return sendJson(res, 200, { data: [] });
    });
    const results = await probeFake();
    expect(results.map((r) => [r.data?.probeId, r.outcome])).toEqual([
      ['no-token', 'failed'],
      ['malformed-token', 'failed'],
      ['revoked-token', 'failed'],
      ['expired-token', 'skipped'],
      ['insufficient-scope', 'failed'],
      ['unknown-scope', 'failed'],
      ['wrong-client-secret', 'failed'],
    ]);
    expect(results[0]).toMatchObject({
      message: 'expected HTTP 401, got HTTP 200',
      detail: 'expected: HTTP 401\nactual:   HTTP 200, error code (none), WWW-Authenticate (none)',
    });
    expect(results[5]?.message).toBe('expected HTTP 400 invalid_scope, got HTTP 200');
    const writes = fake.requests.filter((r) => r.method !== 'GET');
    expect(writes.every((r) => r.method === 'POST' && (r.url === '/token' || r.url === '/token/revoke'))).toBe(true);
    // Every token the probes minted was revoked again.
    expect(fake.requests.filter((r) => r.url === '/token/revoke')).toHaveLength(minted);
  });

  it('fails a probe answered 404 when a fresh token is accepted on the same path: the provider hides it, the path is there', async () => {
    fake = await startLocalTestServer((req, res) => {
      if (req.url === '/token') return sendJson(res, 200, { access_token: 'ramp_tok_fake1abcdef', expires_in: 3600 });
      if (req.url === '/token/revoke') return sendJson(res, 200, {});
      return req.headers.authorization === 'Bearer ramp_tok_fake1abcdef'
        ? sendJson(res, 200, { data: [] })
        : sendJson(res, 404, { error: 'not_found' });
    });
    const results = await probeFake({
      only: ['no-token'],
    });
    expect(results.map((r) => [r.data?.probeId, r.outcome, r.message])).toEqual([
      ['no-token', 'failed', 'expected HTTP 401, got HTTP 404 not_found'],
    ]);
    // The probe's request, then the same path with a fresh token, which was accepted.
    expect(fake.requests.filter((r) => r.method === 'GET')).toHaveLength(2);
  });

  it('fails on a wrong error code and accepts a missing one only where the standard allows it', async () => {
    fake = await startLocalTestServer((req, res) => {
      if (req.url === '/token') return sendJson(res, 400, { error: 'invalid_request' });
      return sendJson(res, 401, {}, { 'www-authenticate': 'Bearer realm="api"' });
    });
    const results = await probeFake({
      only: ['malformed-token', 'unknown-scope'],
    });
    expect(results.map((r) => [r.data?.probeId, r.outcome, r.message])).toEqual([
      ['malformed-token', 'passed', undefined],
      [
        'unknown-scope',
        'failed',
        'expected HTTP 400 invalid_scope, got HTTP 400 invalid_request (error code invalid_request instead of invalid_scope)',
      ],
    ]);
  });

  it('reports error, not failure, when the provider cannot be reached', async () => {
    fake = await startLocalTestServer((_req, res) => sendJson(res, 200, {}));
    const url = fake.url;
    await fake.close();
    const results = await runTokenProbes({
      baseUrl: url,
      tokenUrl: `${url}/token`,
      clientId: 'id',
      clientSecret: 'fake-secret-123',
      scopes: SCOPES,
      only: ['no-token', 'revoked-token', 'wrong-client-secret'],
      retry: { maxAttempts: 1, maxRetryTimeMs: 0 },
    });
    expect(results.map((r) => r.outcome)).toEqual(['error', 'error', 'error']);
    expect(results[0]?.message).toBe(
      `the probe could not run: GET ${url}/developer/v1/business failed after 1 attempt: connection refused (ECONNREFUSED)`,
    );
    expect(results[1]?.message).toBe(
      `the probe could not run: cannot reach the token endpoint ${url}/token: ECONNREFUSED`,
    );
    fake = await startLocalTestServer((_req, res) => sendJson(res, 200, {}));
  });

  it('a provider answering 500 to everything is unhealthy: every probe errors, none fails, after bounded retries', async () => {
    fake = await startLocalTestServer((_req, res) => sendJson(res, 500, { error: 'internal' }));
    const results = await probeFake({
      retry: { maxAttempts: 3, maxRetryTimeMs: 30, baseDelayMs: 1, maxDelayMs: 5 },
    });
    expect(results.filter((r) => r.outcome === 'failed')).toEqual([]);
    expect(results.find((r) => r.data?.probeId === 'no-token')).toMatchObject({
      outcome: 'error',
      message: 'provider unhealthy: expected HTTP 401, got HTTP 500 internal after retries',
    });
    expect(results.find((r) => r.data?.probeId === 'unknown-scope')?.outcome).toBe('error');
    // GETs were retried: three attempts for the no-token probe's one request.
    expect(fake.requests.filter((r) => r.method === 'GET' && r.headers.authorization === undefined)).toHaveLength(3);
  });

  it('honours Retry-After on a 429 and judges the answer that follows', async () => {
    fake = await startLocalTestServer((_req, res, index) =>
      index === 0
        ? sendJson(res, 429, {}, { 'retry-after': '0' })
        : sendJson(res, 401, {}, { 'www-authenticate': 'Bearer error="invalid_token"' }),
    );
    const results = await probeFake({
      only: ['no-token'],
    });
    expect(results.map((r) => r.outcome)).toEqual(['passed']);
    expect(fake.requests).toHaveLength(2);
  });

  it('a provider that keeps answering 429 is unhealthy, not a failed probe', async () => {
    fake = await startLocalTestServer((_req, res) => sendJson(res, 429, {}, { 'retry-after': '0' }));
    const results = await probeFake({
      only: ['no-token'],
      retry: { maxAttempts: 3, maxRetryTimeMs: 30 },
    });
    expect(results.map((r) => [r.outcome, r.message])).toEqual([
      ['error', 'provider unhealthy: expected HTTP 401, got HTTP 429 after retries'],
    ]);
    expect(fake.requests).toHaveLength(3);
  });
  it('errs, never fails, the scope probe when the API refuses every token: another environment minted them', async () => {
    fake = await startLocalTestServer((req, res) => {
      if (req.url === '/token') return sendJson(res, 200, { access_token: 'ramp_tok_elsewhere1abc', expires_in: 3600 });
      if (req.url === '/token/revoke') return sendJson(res, 200, {});
      return sendJson(res, 401, { error: 'invalid_token' }, { 'www-authenticate': 'Bearer error="invalid_token"' });
    });
    const results = await probeFake({ only: ['insufficient-scope'] });
    expect(results.map((r) => [r.outcome, r.message])).toEqual([
      [
        'error',
        'the probe could not run: a fresh token was not accepted either: GET /developer/v1/business answered HTTP 401 invalid_token (are RAMP_TOKEN_URL and the base URL of one environment?)',
      ],
    ]);
  });

  it('fails the scope probe when a token lacking the scope gets 401 and the full token is accepted', async () => {
    let minted = 0;
    fake = await startLocalTestServer((req, res) => {
      if (req.url === '/token') {
        minted += 1;
        return sendJson(res, 200, { access_token: `ramp_tok_fake${minted}abcdef`, expires_in: 3600 });
      }
      if (req.url === '/token/revoke') return sendJson(res, 200, {});
      // The first token is the scope probe's; the control's is the second.
      return req.headers.authorization === 'Bearer ramp_tok_fake2abcdef'
        ? sendJson(res, 200, {})
        : sendJson(res, 401, { error: 'invalid_token' }, { 'www-authenticate': 'Bearer error="invalid_token"' });
    });
    const results = await probeFake({ only: ['insufficient-scope'] });
    expect(results.map((r) => [r.outcome, r.message])).toEqual([
      ['failed', 'expected HTTP 403 insufficient_scope, got HTTP 401 invalid_token'],
    ]);
  });
});
