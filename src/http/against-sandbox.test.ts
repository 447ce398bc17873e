/**
 * The token provider, the HTTP client and the audit trail against the embedded sandbox, over real
 * HTTP with short token lifetimes, rate limits and injected faults: the behaviour issue 3 asks to be
 * proven where it will run.
 */
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { AuditTrail, verifyAuditFile } from '../audit';
import { TokenProvider } from '../auth';
import { HttpError, WriteRefusedError } from '../errors';
import { startSandbox } from '../providers/sandbox';
import type { RunningSandbox } from '../providers/sandbox';
import { manualClock } from '../testing/manual-clock';
import { CallRecorder } from './call-recorder';
import { createHttpClient, type HttpClientOptions } from './create-http-client';

const SCOPES = ['business:read', 'cards:read', 'departments:read', 'departments:write', 'users:read'];

let sandbox: RunningSandbox;
let dir: string;

afterEach(async () => {
  await sandbox.close();
  await rm(dir, { recursive: true, force: true });
});

async function start(options: Parameters<typeof startSandbox>[0] = {}): Promise<void> {
  sandbox = await startSandbox({ port: 0, ...options });
  dir = await mkdtemp(join(tmpdir(), 'rampart-http-sandbox-'));
}

function provider(extra: Partial<ConstructorParameters<typeof TokenProvider>[0]> = {}): TokenProvider {
  const { clientId, clientSecret } = sandbox.clients.demo;
  return new TokenProvider({ tokenUrl: sandbox.tokenUrl, clientId, clientSecret, scopes: SCOPES, ...extra });
}

function client(tokenProvider: TokenProvider | null, extra: Partial<HttpClientOptions> = {}) {
  return createHttpClient({
    baseUrl: sandbox.baseUrl,
    tokenProvider,
    writeAllowedHosts: [new URL(sandbox.baseUrl).host],
    retry: { maxAttempts: 3, maxRetryTimeMs: 3_000, baseDelayMs: 20, maxDelayMs: 200 },
    ...extra,
  });
}

/** Revokes a token directly at the sandbox, behind the provider's back. */
async function revokeBehindTheBack(token: string): Promise<void> {
  const { clientId, clientSecret } = sandbox.clients.demo;
  const response = await fetch(`${sandbox.tokenUrl}/revoke`, {
    method: 'POST',
    headers: {
      authorization: `Basic ${Buffer.from(`${clientId}:${clientSecret}`).toString('base64')}`,
      'content-type': 'application/x-www-form-urlencoded',
    },
    body: new URLSearchParams({ token }).toString(),
  });
  expect(response.status).toBe(200);
}

describe('token lifecycle against the sandbox', () => {
  it('replaces a 2 s token before it expires, so no call ever meets an expired token', async () => {
    // The provider and the sandbox on one manual clock: the token's life passes without waiting.
    const clock = manualClock();
    await start({ tokenTtlSeconds: 2, clock: clock.now });
    const tokens = provider({ now: clock.now });
    const first = await tokens.getToken();
    expect(first.refreshAt - (first.expiresAt - 2_000)).toBe(1_000);
    await clock.sleep(first.refreshAt - clock.now() - 1);
    expect((await tokens.getToken()).value).toBe(first.value);
    await clock.sleep(1);
    const second = await tokens.getToken();
    expect(second.value).not.toBe(first.value);
    // Replaced while the old one was still good: the sandbox still accepts it.
    expect(clock.now()).toBeLessThan(first.expiresAt);
    await expect(
      client(null).get('/developer/v1/business', { headers: { Authorization: `Bearer ${first.value}` } }),
    ).resolves.toMatchObject({ status: 200 });

    // Calls spread over more than a token lifetime, with the 401 replay off: none may fail.
    const http = client(tokens, { replayOnInvalidToken: false });
    const statuses: number[] = [];
    for (let i = 0; i < 10; i += 1) {
      statuses.push((await http.get('/developer/v1/business')).status);
      await clock.sleep(250);
    }
    expect(statuses.every((s) => s === 200)).toBe(true);
    expect(tokens.tokenRequests).toBeGreaterThanOrEqual(3);
  });

  it('makes one token request for 50 parallel calls', async () => {
    await start({ faults: { latencyMs: 30 } });
    const tokens = provider();
    const http = client(tokens);
    const responses = await Promise.all(Array.from({ length: 50 }, () => http.get('/developer/v1/business')));
    expect(responses.every((r) => r.status === 200)).toBe(true);
    expect(tokens.tokenRequests).toBe(1);
  });

  it('mints once and replays once after its token is revoked behind its back', async () => {
    await start();
    const tokens = provider();
    const recorder = new CallRecorder();
    const http = client(tokens, { recorder });
    await http.get('/developer/v1/business');
    await revokeBehindTheBack((await tokens.getToken()).value);
    const response = await http.get('/developer/v1/users');
    expect(response.status).toBe(200);
    expect(tokens.tokenRequests).toBe(2);
    expect(recorder.calls().map((c) => [c.status, c.attempt])).toEqual([
      [200, 1],
      [401, 1],
      [200, 2],
    ]);
  });

  it("revokes the run's tokens at the end, after which they are refused", async () => {
    await start();
    const tokens = provider();
    const token = await tokens.getToken();
    expect(await tokens.revokeAll()).toEqual({ attempted: 1, revoked: 1, errors: [] });
    await expect(
      client(null).get('/developer/v1/business', { headers: { Authorization: `Bearer ${token.value}` } }),
    ).rejects.toMatchObject({
      response: { status: 401 },
    });
  });
});

describe('the retry policy against the sandbox', () => {
  it('honours Retry-After on 429 and then succeeds', async () => {
    const clock = manualClock();
    await start({ rateLimit: { limit: 2, windowMs: 1_000 }, clock: clock.now });
    const waits: number[] = [];
    const recorder = new CallRecorder();
    const http = client(provider(), {
      recorder,
      sleep: async (ms) => {
        waits.push(ms);
        await clock.sleep(ms);
      },
    });
    for (let i = 0; i < 3; i += 1) expect((await http.get('/developer/v1/business')).status).toBe(200);
    expect(recorder.calls().map((c) => c.status)).toEqual([200, 200, 429, 200]);
    expect(waits).toEqual([1_000]);
  });

  it('gives up with an HttpError when Retry-After is longer than the retry budget', async () => {
    await start({ rateLimit: { limit: 1, windowMs: 60_000 } });
    const http = client(provider());
    await http.get('/developer/v1/business');
    const error = await http.get('/developer/v1/business').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(HttpError);
    expect((error as HttpError).message).toMatch(
      /answered HTTP 429 with Retry-After 60 s, more than the 3 s left of the retry budget/,
    );
  });

  it('retries 5xx on GET a bounded number of times, and POST never', async () => {
    await start();
    const recorder = new CallRecorder();
    const http = client(provider(), { recorder });
    await http.get('/developer/v1/business');
    sandbox.setFaults({ errorRate: 1 });
    await expect(http.get('/developer/v1/users')).rejects.toMatchObject({ response: { status: 500 } });
    await expect(http.post('/developer/v1/departments', { name: 'Probe' })).rejects.toMatchObject({
      response: { status: 500 },
    });
    expect(
      recorder
        .calls()
        .slice(1)
        .map((c) => `${c.method} ${c.status} #${c.attempt}`),
    ).toEqual(['GET 500 #1', 'GET 500 #2', 'GET 500 #3', 'POST 500 #1']);
  });

  it('retries dropped connections for GET, then reports an HttpError', async () => {
    await start();
    const http = client(provider());
    await http.get('/developer/v1/business');
    sandbox.setFaults({ dropRate: 1 });
    const error = await http.get('/developer/v1/users').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(HttpError);
    expect((error as HttpError).message).toBe(
      `GET ${sandbox.baseUrl}/developer/v1/users failed after 3 attempts: connection reset (ECONNRESET)`,
    );
  });
});

describe('header capture, the write guard and the audit trail against the sandbox', () => {
  // The `next` revision deprecates GET /users/{user_id} (the baseline, like Ramp, deprecates nothing served).
  it('captures trace ids and the Deprecation and Sunset of deprecated operations', async () => {
    await start({ specRevision: 'next' });
    const recorder = new CallRecorder();
    const http = client(provider(), { recorder });
    const users = await http.get<{ data: Array<{ id: string }> }>('/developer/v1/users');
    const userId = users.data.data[0]?.id as string;
    await http.get(`/developer/v1/users/${userId}`);
    await http.get(`/developer/v1/users/${userId}`, { params: { unused: 1 } });
    await http.get('/developer/v1/business');
    expect(recorder.calls().every((c) => typeof c.traceId === 'string' && c.traceId.length > 0)).toBe(true);
    const [deprecated, ...others] = recorder.deprecatedCalls();
    expect(others).toEqual([]);
    expect(deprecated).toMatchObject({ calls: 2, deprecation: expect.stringMatching(/^@\d+$/) });
    expect(deprecated?.operation).toMatch(/^GET \/developer\/v1\/users\//);
    expect(Date.parse(deprecated?.sunset ?? '')).toBeGreaterThan(Number(deprecated?.deprecation?.slice(1)) * 1000);
  });

  it('sends no write to a host that is not allowed', async () => {
    await start();
    const tokens = provider();
    const recorder = new CallRecorder();
    const http = client(tokens, { recorder, writeAllowedHosts: ['staging.example.com'] });
    const before = (await http.get('/developer/v1/departments')).data as { data: unknown[] };
    await expect(http.post('/developer/v1/departments', { name: 'Refused' })).rejects.toBeInstanceOf(WriteRefusedError);
    const after = (await http.get('/developer/v1/departments')).data as { data: unknown[] };
    expect(after.data).toHaveLength(before.data.length);
    expect(recorder.calls().map((c) => c.method)).toEqual(['GET', 'GET']);
  });

  it('audits every token request and call in a chain that detects tampering', async () => {
    await start();
    const file = join(dir, 'reports', 'audit.jsonl');
    const audit = await AuditTrail.open(file);
    const tokens = provider({ audit });
    const http = client(tokens, { audit });
    await http.get('/developer/v1/business');
    await http.get('/developer/v1/users', { params: { page_size: 2 } });
    await http.get('/developer/v1/transactions').catch(() => undefined);
    const token = await tokens.getToken();
    await tokens.revokeAll();
    await audit.close();

    const lines = (await readFile(file, 'utf8')).trimEnd().split('\n');
    const records = lines.map(
      (l) => JSON.parse(l) as { kind: string; status: number; tokenFingerprint: string; traceId: string },
    );
    expect(records.map((r) => `${r.kind} ${r.status}`)).toEqual([
      'start null',
      'token 200',
      'api 200',
      'api 200',
      'api 403',
      'revoke 200',
      'close null',
    ]);
    expect(records.slice(1, 6).map((r) => r.tokenFingerprint)).toEqual(Array(5).fill(token.fingerprint));
    expect(lines.join('\n')).not.toContain(token.value);
    expect(records[2]?.traceId).toMatch(/^[0-9a-f]{32}$/);
    expect(await verifyAuditFile(file)).toMatchObject({ ok: true, records: 7, problems: [] });

    const tampered = async (edit: (l: string[]) => string[]) => {
      await writeFile(file, `${edit([...lines]).join('\n')}\n`);
      return (await verifyAuditFile(file)).problems[0]?.line;
    };
    expect(
      await tampered((l) => {
        l[3] = (l[3] ?? '').replace('"status":200', '"status":404');
        return l;
      }),
    ).toBe(4);
    expect(
      await tampered((l) => {
        l.splice(4, 1);
        return l;
      }),
    ).toBe(5);
    expect(
      await tampered((l) => {
        [l[2], l[3]] = [l[3] ?? '', l[2] ?? ''];
        return l;
      }),
    ).toBe(3);
    expect(await tampered((l) => l.slice(0, 6))).toBe(7);
  });
});
