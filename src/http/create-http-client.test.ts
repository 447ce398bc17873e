/**
 * The one HTTP client, against real servers on loopback: bearer tokens, the retry policy (429 with
 * Retry-After in both forms, bounded 5xx and network retries for idempotent methods only), the single
 * 401 replay, header capture, the write guard, and errors that carry no credentials.
 */
import { inspect } from 'node:util';
import axios, { AxiosError } from 'axios';
import { TokenProvider } from '../auth';
import type { AuditEntry } from '../audit';
import { HttpError, OriginRefusedError, WriteRefusedError } from '../errors';
import { CallRecorder } from './call-recorder';
import { createHttpClient, type HttpClientOptions } from './create-http-client';
import { startLocalTestServer, type LocalTestServer } from './local-test-server';
import { sendJson } from './respond';

let api: LocalTestServer;
let tokenServer: LocalTestServer;
let handler: (
  index: number,
  res: Parameters<Parameters<typeof startLocalTestServer>[0]>[1],
  auth: string | undefined,
) => void;
let delays: number[];

beforeEach(async () => {
  delays = [];
  handler = (_i, res) => sendJson(res, 200, { ok: true });
  let minted = 0;
  tokenServer = await startLocalTestServer((_req, res) => {
    minted += 1;
    sendJson(res, 200, { access_token: `ramp_tok_http${minted}secretvalue`, token_type: 'Bearer', expires_in: 3600 });
  });
  api = await startLocalTestServer((req, res, index) => handler(index, res, req.headers.authorization));
});

afterEach(async () => {
  await Promise.all([api.close(), tokenServer.close()]);
});

function tokens(): TokenProvider {
  return new TokenProvider({
    tokenUrl: `${tokenServer.url}/token`,
    clientId: 'id',
    clientSecret: 'client-secret-xyz',
    scopes: ['users:read'],
  });
}

function client(extra: Partial<HttpClientOptions> = {}) {
  return createHttpClient({
    baseUrl: api.url,
    writeAllowedHosts: [api.host],
    retry: { maxAttempts: 4, maxRetryTimeMs: 10_000, baseDelayMs: 100, maxDelayMs: 1_000 },
    sleep: (ms) => {
      delays.push(ms);
      return Promise.resolve();
    },
    random: () => 0.5,
    ...extra,
  });
}

describe('authentication', () => {
  it('sends the provider token as a bearer token and never puts it on the config callers see', async () => {
    const provider = tokens();
    const response = await client({ tokenProvider: provider }).get('/developer/v1/users');
    expect(api.requests[0]?.headers.authorization).toBe('Bearer ramp_tok_http1secretvalue');
    expect(response.config.headers.Authorization).toBeUndefined();
    expect(inspect(response, { depth: 6 })).not.toContain('ramp_tok_http1secretvalue');
  });

  it('keeps a caller-supplied Authorization header and does not fetch a token', async () => {
    const provider = tokens();
    await client({ tokenProvider: provider }).get('/x', { headers: { Authorization: 'Bearer caller-token' } });
    expect(api.requests[0]?.headers.authorization).toBe('Bearer caller-token');
    expect(provider.tokenRequests).toBe(0);
  });

  it('replays once with a fresh token after a 401 invalid_token', async () => {
    handler = (_i, res, auth) =>
      auth === 'Bearer ramp_tok_http1secretvalue'
        ? sendJson(res, 401, { error: 'revoked' }, { 'www-authenticate': 'Bearer error="invalid_token"' })
        : sendJson(res, 200, { ok: true });
    const provider = tokens();
    const recorder = new CallRecorder();
    const response = await client({ tokenProvider: provider, recorder }).get('/developer/v1/users');
    expect(response.status).toBe(200);
    expect(provider.tokenRequests).toBe(2);
    expect(api.requests.map((r) => r.headers.authorization)).toEqual([
      'Bearer ramp_tok_http1secretvalue',
      'Bearer ramp_tok_http2secretvalue',
    ]);
    expect(recorder.calls().map((c) => [c.status, c.attempt])).toEqual([
      [401, 1],
      [200, 2],
    ]);
    expect(delays).toEqual([]);
  });

  it('hands a second 401 to the caller instead of looping', async () => {
    handler = (_i, res) =>
      sendJson(res, 401, { error: 'nope' }, { 'www-authenticate': 'Bearer error="invalid_token"' });
    const provider = tokens();
    const error = (await client({ tokenProvider: provider })
      .get('/developer/v1/users')
      .catch((e: unknown) => e)) as AxiosError;
    expect(error.response?.status).toBe(401);
    expect(api.requests).toHaveLength(2);
    expect(provider.tokenRequests).toBe(2);
  });

  it('does not replay a 401 that is not invalid_token, nor when replay is off', async () => {
    handler = (_i, res) => sendJson(res, 401, {}, { 'www-authenticate': 'Bearer realm="api"' });
    await expect(client({ tokenProvider: tokens() }).get('/a')).rejects.toMatchObject({ response: { status: 401 } });
    handler = (_i, res) => sendJson(res, 401, {}, { 'www-authenticate': 'Bearer error="invalid_token"' });
    await expect(client({ tokenProvider: tokens(), replayOnInvalidToken: false }).get('/b')).rejects.toMatchObject({
      response: { status: 401 },
    });
    expect(api.requests).toHaveLength(2);
  });
});

describe('429 Too Many Requests', () => {
  it('waits the Retry-After seconds, for any method', async () => {
    handler = (i, res) => (i === 0 ? sendJson(res, 429, {}, { 'retry-after': '2' }) : sendJson(res, 201, { id: 1 }));
    const response = await client().post('/developer/v1/departments', { name: 'x' });
    expect(response.status).toBe(201);
    expect(api.requests).toHaveLength(2);
    expect(api.requests[1]?.body).toBe('{"name":"x"}');
    expect(delays).toEqual([2_000]);
  });

  it('waits until a Retry-After HTTP-date, measured against the server Date header', async () => {
    // The server's clock is an hour behind ours: only its own Date header makes the wait right.
    const serverNow = Math.floor(Date.now() / 1000) * 1000 - 3_600_000;
    handler = (i, res) =>
      i === 0
        ? sendJson(
            res,
            429,
            {},
            { date: new Date(serverNow).toUTCString(), 'retry-after': new Date(serverNow + 3_000).toUTCString() },
          )
        : sendJson(res, 200, {});
    await client().get('/a');
    expect(delays).toEqual([3_000]);
  });

  it('gives up with a clear HttpError when Retry-After exceeds the retry budget', async () => {
    handler = (_i, res) => sendJson(res, 429, {}, { 'retry-after': '120' });
    const error = (await client({ retry: { maxAttempts: 4, maxRetryTimeMs: 5_000 } })
      .get('/developer/v1/users?page_size=2')
      .catch((e: unknown) => e)) as HttpError;
    expect(error).toBeInstanceOf(HttpError);
    expect(error).toMatchObject({ status: 429, method: 'GET', exitCode: 2 });
    expect(error.message).toBe(
      `GET ${api.url}/developer/v1/users?page_size=2 answered HTTP 429 with Retry-After 120 s, more than the 5 s left of the retry budget (RAMPART_HTTP_MAX_RETRY_MS); giving up`,
    );
    expect(api.requests).toHaveLength(1);
    expect(delays).toEqual([]);
  });

  it('returns the last 429 once the attempts are spent', async () => {
    handler = (_i, res) => sendJson(res, 429, { error: 'slow down' }, { 'retry-after': '1' });
    const error = (await client({ retry: { maxAttempts: 3, maxRetryTimeMs: 10_000 } })
      .get('/a')
      .catch((e: unknown) => e)) as AxiosError;
    expect(error.response?.status).toBe(429);
    expect(error.response?.data).toEqual({ error: 'slow down' });
    expect(api.requests).toHaveLength(3);
    expect(delays).toEqual([1_000, 1_000]);
  });
});

describe('5xx and network failures', () => {
  it('retries an idempotent request on 5xx with exponential backoff and full jitter, bounded by maxAttempts', async () => {
    handler = (_i, res) => sendJson(res, 503, {});
    const error = (await client({ random: () => 0.999 })
      .get('/a')
      .catch((e: unknown) => e)) as AxiosError;
    expect(error.response?.status).toBe(503);
    expect(api.requests).toHaveLength(4);
    // ceilings 100, 200, 400 ms; the jitter picks just under each
    expect(delays).toEqual([99, 199, 399]);
  });

  it('stops waiting when the retry budget is spent', async () => {
    handler = (_i, res) => sendJson(res, 500, {});
    const error = (await client({
      random: () => 0.999,
      retry: { maxAttempts: 10, maxRetryTimeMs: 250, baseDelayMs: 100, maxDelayMs: 1_000 },
    })
      .get('/a')
      .catch((e: unknown) => e)) as AxiosError;
    expect(error.response?.status).toBe(500);
    expect(delays).toEqual([99, 151]);
    expect(delays.reduce((a, b) => a + b, 0)).toBeLessThanOrEqual(250);
    expect(api.requests).toHaveLength(3);
  });

  it('recovers when a retry succeeds', async () => {
    handler = (i, res) => (i < 2 ? sendJson(res, 502, {}) : sendJson(res, 200, { ok: true }));
    const recorder = new CallRecorder();
    const response = await client({ recorder }).put('/developer/v1/users/1', { a: 1 });
    expect(response.data).toEqual({ ok: true });
    expect(recorder.calls().map((c) => [c.status, c.attempt])).toEqual([
      [502, 1],
      [502, 2],
      [200, 3],
    ]);
  });

  it('never retries POST or PATCH on 5xx', async () => {
    handler = (_i, res) => sendJson(res, 500, {});
    await expect(client().post('/developer/v1/departments', {})).rejects.toMatchObject({ response: { status: 500 } });
    await expect(client().patch('/developer/v1/users/1', {})).rejects.toMatchObject({ response: { status: 500 } });
    expect(api.requests).toHaveLength(2);
    expect(delays).toEqual([]);
  });

  it('does not retry 501', async () => {
    handler = (_i, res) => sendJson(res, 501, {});
    await expect(client().get('/a')).rejects.toMatchObject({ response: { status: 501 } });
    expect(api.requests).toHaveLength(1);
  });

  it('retries a dropped connection for GET, then fails with an HttpError naming method and URL', async () => {
    handler = (_i, res) => res.socket?.destroy();
    const error = (await client()
      .get('/developer/v1/users?access_token=leak')
      .catch((e: unknown) => e)) as HttpError;
    expect(error).toBeInstanceOf(HttpError);
    expect(error.message).toBe(
      `GET ${api.url}/developer/v1/users?access_token=[REDACTED] failed after 4 attempts: connection reset (ECONNRESET)`,
    );
    expect(api.requests).toHaveLength(4);
  });

  it('does not retry a dropped POST: it may have been processed', async () => {
    handler = (_i, res) => res.socket?.destroy();
    const error = (await client()
      .post('/developer/v1/departments', {})
      .catch((e: unknown) => e)) as HttpError;
    expect(error).toBeInstanceOf(HttpError);
    expect(error.message).toMatch(
      /failed after 1 attempt: connection reset \(ECONNRESET\) \(POST is not retried: it may have been processed\)$/,
    );
    expect(api.requests).toHaveLength(1);
  });

  it('retries a timeout', async () => {
    // The first request is never answered (closing the server drops it): the 100 ms timeout ends it.
    handler = (i, res) => (i === 0 ? undefined : sendJson(res, 200, { ok: true }));
    const response = await client({ timeoutMs: 100 }).get('/a');
    expect(response.data).toEqual({ ok: true });
    // Two requests on a quiet machine. A worker stalled past 100 ms while the answer to the retry is
    // already there may time that one out too: its retry is just as correct, so the count is a range.
    expect(api.requests.length).toBeGreaterThanOrEqual(2);
    expect(delays).toHaveLength(api.requests.length - 1);
  });
});

describe('header capture', () => {
  it('records trace id, Deprecation and Sunset of every response, and aggregates deprecated operations', async () => {
    handler = (i, res) =>
      sendJson(
        res,
        200,
        {},
        {
          'x-trace-id': `trace-${i}`,
          ...(i < 2 ? { deprecation: '@1735689600', sunset: 'Wed, 31 Dec 2025 00:00:00 GMT' } : {}),
        },
      );
    const recorder = new CallRecorder();
    const http = client({ recorder });
    await http.get('/developer/v1/cards/0b7ec5f4-6c0e-4d71-9b0b-3b8c4b5a1d2e');
    await http.get('/developer/v1/cards/5e3a1c2b-7d8f-4a6b-9c0d-1e2f3a4b5c6d');
    await http.get('/developer/v1/users', { operation: 'GET /developer/v1/users' });
    expect(recorder.calls()).toEqual([
      expect.objectContaining({
        method: 'GET',
        status: 200,
        traceId: 'trace-0',
        deprecation: '@1735689600',
        attempt: 1,
      }),
      expect.objectContaining({ traceId: 'trace-1' }),
      expect.objectContaining({
        traceId: 'trace-2',
        deprecation: null,
        sunset: null,
        operation: 'GET /developer/v1/users',
      }),
    ]);
    expect(recorder.deprecatedCalls()).toEqual([
      {
        operation: 'GET /developer/v1/cards/{id}',
        deprecation: '@1735689600',
        sunset: 'Wed, 31 Dec 2025 00:00:00 GMT',
        calls: 2,
      },
    ]);
  });
});

describe('the token goes only to the origin it was minted for', () => {
  let elsewhere: LocalTestServer;
  beforeEach(async () => {
    elsewhere = await startLocalTestServer((_req, res) => sendJson(res, 200, { data: [] }));
  });
  afterEach(() => elsewhere.close());

  it('refuses a token-bearing request to another origin (a page.next elsewhere) before a byte leaves, and audits it', async () => {
    const audited: AuditEntry[] = [];
    const http = client({ tokenProvider: tokens(), audit: { record: (entry) => audited.push(entry) } });
    const error = await http.get(`${elsewhere.url}/developer/v1/users?start=abc`).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(OriginRefusedError);
    expect((error as Error).message).toBe(
      `refused GET to ${elsewhere.url}: the run's token goes only to ${api.url}, the origin it was minted for` +
        ' (a spec host on another origin must be named in RAMP_SPEC_TOKEN_HOST)',
    );
    expect(elsewhere.requests).toEqual([]);
    expect(audited).toEqual([
      expect.objectContaining({
        method: 'GET',
        url: `${elsewhere.url}/developer/v1/users?start=abc`,
        status: null,
        error: 'ORIGIN_REFUSED',
      }),
    ]);
    // A caller-supplied token is held to the same rule; the same host on another port is another origin.
    const preset = client({ headers: { Authorization: 'Bearer preset-token-value' } });
    await expect(preset.get(`${elsewhere.url}/x`)).rejects.toThrow(OriginRefusedError);
    expect(elsewhere.requests).toEqual([]);
  });

  it('lets a named origin receive the token, and a request without a token go anywhere', async () => {
    await expect(
      client({ tokenProvider: tokens(), allowedOrigins: [elsewhere.url] }).get(`${elsewhere.url}/spec.json`),
    ).resolves.toMatchObject({ status: 200 });
    expect(elsewhere.requests[0]?.headers.authorization).toMatch(/^Bearer ramp_tok_http/);
    await expect(client().get(`${elsewhere.url}/public.json`)).resolves.toMatchObject({ status: 200 });
    expect(elsewhere.requests[1]?.headers.authorization).toBeUndefined();
  });
});

describe('bounded in time and size', () => {
  it('ends an answer that drips slower than the deadline, although the connection is never silent', async () => {
    let timer: NodeJS.Timeout | undefined;
    const drip = await startLocalTestServer((_req, res) => {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.write('[');
      timer = setInterval(() => res.write(' '), 10);
      res.on('close', () => clearInterval(timer));
    });
    try {
      const started = Date.now();
      const http = createHttpClient({ baseUrl: drip.url, writeAllowedHosts: [], timeoutMs: 1_000, deadlineMs: 120 });
      const error = await http.get('/slow').catch((e: unknown) => e);
      expect(error).toBeInstanceOf(HttpError);
      expect((error as Error).message).toBe(
        `GET ${drip.url}/slow: no complete answer within 120 ms (RAMPART_HTTP_DEADLINE_MS)`,
      );
      expect(Date.now() - started).toBeLessThan(1_000);
      expect(drip.requests).toHaveLength(1);
    } finally {
      clearInterval(timer);
      await drip.close();
    }
  });

  it('ends an answer larger than the size cap', async () => {
    handler = (_i, res) => sendJson(res, 200, { blob: 'x'.repeat(20_000) });
    const error = await client({ maxResponseBytes: 4_096 })
      .get('/huge')
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(HttpError);
    expect((error as Error).message).toBe(
      `GET ${api.url}/huge: the answer is larger than 4096 bytes (RAMPART_HTTP_MAX_BYTES)`,
    );
    expect(api.requests).toHaveLength(1);
  });
});

describe('the write guard', () => {
  it('refuses a write to a host not on the list before any byte is sent', async () => {
    const http = client({ writeAllowedHosts: ['127.0.0.1:1', 'staging.example.com'] });
    for (const method of ['post', 'put', 'patch', 'delete'] as const) {
      const error = await http.request({ method, url: '/developer/v1/departments', data: {} }).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(WriteRefusedError);
      expect((error as Error).message).toBe(
        `refused ${method.toUpperCase()} to ${api.host}: writes go only to hosts listed in RAMPART_WRITE_HOSTS (127.0.0.1:1, staging.example.com)`,
      );
    }
    await expect(http.get('/developer/v1/users')).resolves.toMatchObject({ status: 200 });
    expect(api.requests.map((r) => r.method)).toEqual(['GET']);
  });

  it('allows writes to a listed host, with or without its port', async () => {
    await expect(client({ writeAllowedHosts: ['127.0.0.1'] }).post('/x', {})).resolves.toMatchObject({ status: 200 });
    await expect(client({ writeAllowedHosts: [api.host] }).delete('/x')).resolves.toMatchObject({ status: 200 });
  });
});

describe('errors carry no credentials', () => {
  it('masks the Authorization header, the request header text and the message of a rejected response', async () => {
    handler = (_i, res) => sendJson(res, 404, { error: 'not found' });
    const error = (await client({ tokenProvider: tokens() })
      .get('/developer/v1/users/9', { headers: {} })
      .catch((e: unknown) => e)) as AxiosError;
    expect(axios.isAxiosError(error)).toBe(true);
    expect(error.response?.status).toBe(404);
    expect(error.response?.data).toEqual({ error: 'not found' });
    expect(error.message).toBe(`Request failed with status code 404 (GET ${api.url}/developer/v1/users/9)`);
    const everything = `${inspect(error, { depth: 8 })}\n${JSON.stringify(error.toJSON())}\n${error.stack ?? ''}`;
    expect(everything).not.toContain('ramp_tok_http1secretvalue');
    expect(everything).not.toContain('client-secret-xyz');
  });

  it('masks a caller-supplied bearer token on a rejected response', async () => {
    handler = (_i, res) => sendJson(res, 401, {});
    const error = (await client()
      .get('/a', { headers: { Authorization: 'Bearer caller-secret-token-123' } })
      .catch((e: unknown) => e)) as AxiosError;
    expect(error.config?.headers.Authorization).toBe('[REDACTED]');
    expect(inspect(error, { depth: 8 })).not.toContain('caller-secret-token-123');
  });
});
