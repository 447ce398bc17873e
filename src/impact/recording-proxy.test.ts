import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { gzipSync } from 'node:zlib';
import { startSandbox, type RunningSandbox } from '../providers/sandbox';
import { basicAuth } from '../providers/ramp/sandbox/testing';
import { startRecordingProxy, validateExchanges, type RecordingProxy } from './index';
import { revision } from './test-fixtures';

/**
 * The recording proxy over real loopback HTTP: it forwards byte-for-byte, records only responses
 * (never request headers, never token bodies), stays bounded, and what it records validates against
 * the published spec: clean for the sandbox, flagged for a stub that contradicts its document.
 */

const V1 = '/developer/v1';
const SCOPES = ['transactions:read', 'receipts:read', 'cards:read', 'cards:write', 'users:read', 'departments:read'];

async function fetchVia(
  base: string,
  path: string,
  init: RequestInit = {},
): Promise<{ status: number; text: string; headers: Headers }> {
  const response = await fetch(`${base}${path}`, { ...init, signal: AbortSignal.timeout(10_000) });
  return { status: response.status, text: await response.text(), headers: response.headers };
}

async function listen(
  handler: (req: IncomingMessage, res: ServerResponse) => void,
): Promise<{ server: Server; url: string }> {
  const server = createServer(handler);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { server, url: `http://127.0.0.1:${(server.address() as AddressInfo).port}` };
}

function closeServer(server: Server): Promise<void> {
  return new Promise((resolve) => {
    server.close(() => resolve());
    server.closeAllConnections();
  });
}

describe('recording proxy in front of the sandbox', () => {
  let sandbox: RunningSandbox;
  let proxy: RecordingProxy;
  let token: string;

  beforeAll(async () => {
    sandbox = await startSandbox();
    proxy = await startRecordingProxy({ target: sandbox.baseUrl });
    const grant = await fetchVia(proxy.url, `${V1}/token`, {
      method: 'POST',
      headers: { authorization: basicAuth(sandbox.clients.demo), 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ grant_type: 'client_credentials', scope: SCOPES.join(' ') }).toString(),
    });
    expect(grant.status).toBe(200);
    token = (JSON.parse(grant.text) as { access_token: string }).access_token;
  });
  afterAll(async () => {
    await proxy?.close();
    await sandbox?.close();
  });

  const get = (path: string, auth: string | null = token): Promise<{ status: number; text: string }> =>
    fetchVia(proxy.url, `${V1}${path}`, auth === null ? {} : { headers: { authorization: `Bearer ${auth}` } });

  it('forwards requests with their Authorization header and returns what the sandbox returns', async () => {
    const viaProxy = await get('/transactions?page_size=2');
    const direct = await fetchVia(sandbox.baseUrl, `${V1}/transactions?page_size=2`, {
      headers: { authorization: `Bearer ${token}` },
    });
    expect(viaProxy.status).toBe(200);
    expect(viaProxy.text).toBe(direct.text);
    const first = (JSON.parse(viaProxy.text) as { data: Array<{ id: string }> }).data[0];
    expect((await get(`/transactions/${first?.id ?? ''}`)).status).toBe(200);
    expect((await get('/cards?page_size=3')).status).toBe(200);
    expect((await get('/departments?page_size=100')).status).toBe(200);
    expect((await get('/cards/00000000-0000-4000-8000-000000000404')).status).toBe(404);
    expect((await get('/transactions', null)).status).toBe(401);
  });

  it('records method, path, status and JSON body, but never the token grant or any request header', () => {
    const exchanges = proxy.exchanges();
    expect(exchanges.map((e) => `${e.method} ${e.path} ${e.status}`)).toEqual([
      `POST ${V1}/token 200`,
      `GET ${V1}/transactions 200`,
      expect.stringMatching(new RegExp(`^GET ${V1}/transactions/[0-9a-f-]+ 200$`)),
      `GET ${V1}/cards 200`,
      `GET ${V1}/departments 200`,
      `GET ${V1}/cards/00000000-0000-4000-8000-000000000404 404`,
      `GET ${V1}/transactions 401`,
    ]);
    expect(exchanges[0]).toMatchObject({ bodyOmitted: 'token-endpoint' });
    expect(exchanges[0]).not.toHaveProperty('body');
    expect(exchanges[1]?.body).toHaveProperty('data');
    const recorded = JSON.stringify(exchanges);
    expect(recorded).not.toContain(token);
    expect(recorded).not.toContain(sandbox.clients.demo.clientSecret);
    expect(recorded).not.toContain(`Bearer ${token}`);
    const kept = new Set(['method', 'path', 'status', 'contentType', 'body', 'bodyOmitted', 'durationMs']);
    for (const exchange of exchanges) for (const key of Object.keys(exchange)) expect(kept).toContain(key);
  });

  it('validates clean against the document the sandbox publishes', () => {
    const cases = validateExchanges(revision('baseline'), proxy.exchanges());
    expect(cases.length).toBeGreaterThanOrEqual(6);
    expect(cases.filter((c) => c.outcome !== 'passed')).toEqual([]);
    // Ramp's document (and so the sandbox's) describes no 4xx: each error status is a documentation gap, a warning.
    const flagged = cases.filter((c) => c.severity !== undefined);
    expect(flagged.map((c) => [c.severity, c.data?.['ruleId']])).toEqual(
      flagged.map(() => ['warning', 'provider-undocumented-error-status']),
    );
    expect(flagged.map((c) => c.name)).toContain('GET /developer/v1/cards/{card_id} → 404');
  });

  // the sandbox serving `baseline` data no longer matches `next`: merchant_name is gone from next's schema
  it('flags responses that contradict another revision of the document', () => {
    const cases = validateExchanges(revision('next'), proxy.exchanges());
    const flagged = cases.filter(
      (c) => c.severity === 'warning' && c.data?.['ruleId'] === 'provider-response-undocumented-field',
    );
    expect(flagged.map((c) => c.name)).toContain('GET /developer/v1/transactions → 200: undocumented fields');
    expect(flagged[0]?.message).toContain('merchant_name');
  });
});

describe('recording proxy against a stub provider', () => {
  let sandbox: RunningSandbox;
  let stub: { server: Server; url: string };
  let transaction: Record<string, unknown>;
  const proxies: RecordingProxy[] = [];
  const SECRET_TOKEN = 'stub-token-must-never-be-recorded-1234567890';

  beforeAll(async () => {
    sandbox = await startSandbox();
    const grant = await fetchVia(sandbox.tokenUrl, '', {
      method: 'POST',
      headers: { authorization: basicAuth(sandbox.clients.demo), 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ grant_type: 'client_credentials', scope: 'transactions:read' }).toString(),
    });
    const sandboxToken = (JSON.parse(grant.text) as { access_token: string }).access_token;
    const list = await fetchVia(sandbox.baseUrl, `${V1}/transactions?page_size=2`, {
      headers: { authorization: `Bearer ${sandboxToken}` },
    });
    expect(list.status).toBe(200);
    transaction = (JSON.parse(list.text) as { data: Array<Record<string, unknown>> }).data[0] as Record<
      string,
      unknown
    >;
    stub = await listen((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (chunk: Buffer) => chunks.push(chunk));
      req.on('end', () => {
        const path = (req.url ?? '').split('?')[0];
        const json = (status: number, body: unknown, headers: Record<string, string> = {}): void => {
          res.writeHead(status, { 'content-type': 'application/json', ...headers });
          res.end(Buffer.isBuffer(body) ? body : JSON.stringify(body));
        };
        if (path === '/echo')
          return json(200, {
            method: req.method,
            url: req.url,
            headers: req.headers,
            body: Buffer.concat(chunks).toString('utf8'),
          });
        // a documented operation, a status its document does not list
        if (path === `${V1}/cards/c-1`) return json(418, { error_v2: { error_code: 'TEAPOT' } });
        // a wrong type and a field the document does not declare
        if (path === `${V1}/transactions/t-1`) return json(200, { ...transaction, amount: '42.50', tip_amount: 3 });
        if (path === `${V1}/transactions`) {
          return json(200, gzipSync(JSON.stringify({ data: [transaction], page: { next: null } })), {
            'content-encoding': 'gzip',
          });
        }
        if (path === `${V1}/business`) return json(200, { id: 'b-1', padding: 'x'.repeat(5_000) });
        if (path === `${V1}/users/u-1`) return json(200, { access_token: SECRET_TOKEN });
        return json(404, { error_v2: { error_code: 'NOT_FOUND' } });
      });
    });
  });
  afterEach(async () => {
    await Promise.all(proxies.splice(0).map((p) => p.close()));
  });
  afterAll(async () => {
    if (stub) await closeServer(stub.server);
    await sandbox?.close();
  });

  const proxyTo = async (options: Partial<Parameters<typeof startRecordingProxy>[0]> = {}): Promise<RecordingProxy> => {
    const proxy = await startRecordingProxy({ target: stub.url, ...options });
    proxies.push(proxy);
    return proxy;
  };

  it('forwards method, query, headers (Authorization included) and body unchanged, with Host naming the target', async () => {
    const proxy = await proxyTo();
    const body = '{"display_name":"rampart-test","amount":500}';
    const echoed = await fetchVia(proxy.url, '/echo?page_size=2&start=a%2Fb', {
      method: 'POST',
      headers: {
        authorization: `Bearer ${SECRET_TOKEN}`,
        'content-type': 'application/json',
        'idempotency-key': 'k-1',
      },
      body,
    });
    const seen = JSON.parse(echoed.text) as {
      method: string;
      url: string;
      headers: Record<string, string>;
      body: string;
    };
    expect(seen).toMatchObject({ method: 'POST', url: '/echo?page_size=2&start=a%2Fb', body });
    expect(seen.headers).toMatchObject({
      authorization: `Bearer ${SECRET_TOKEN}`,
      'idempotency-key': 'k-1',
      host: new URL(stub.url).host,
    });
    // the echo holds the token in its body; it is a recorded response, yet the token must not be kept
    const recorded = JSON.stringify(proxy.exchanges());
    expect(proxy.exchanges()).toEqual([
      expect.objectContaining({ method: 'POST', path: '/echo', status: 200, bodyOmitted: 'credentials' }),
    ]);
    expect(recorded).not.toContain(SECRET_TOKEN);
    expect(recorded).not.toContain('idempotency');
  });

  it('warns of an undocumented 4xx, flags a wrong type, and warns of an undocumented field', async () => {
    const proxy = await proxyTo();
    expect((await fetchVia(proxy.url, `${V1}/cards/c-1`)).status).toBe(418);
    expect((await fetchVia(proxy.url, `${V1}/transactions/t-1`)).status).toBe(200);
    const cases = validateExchanges(revision('baseline'), proxy.exchanges());
    const teapot = cases.find((c) => c.name === 'GET /developer/v1/cards/{card_id} → 418');
    expect(teapot).toMatchObject({
      outcome: 'passed',
      severity: 'warning',
      data: { ruleId: 'provider-undocumented-error-status' },
    });
    expect(teapot?.message).toContain('status 418, which the published spec does not describe');
    const wrongType = cases.find((c) => c.name === 'GET /developer/v1/transactions/{transaction_id} → 200');
    expect(wrongType).toMatchObject({ outcome: 'failed', data: { ruleId: 'provider-response-schema-mismatch' } });
    expect(wrongType?.message).toContain('/amount must be number');
    const extra = cases.find(
      (c) => c.name === 'GET /developer/v1/transactions/{transaction_id} → 200: undocumented fields',
    );
    expect(extra).toMatchObject({ outcome: 'passed', severity: 'warning', data: { fields: ['tip_amount'] } });
  });

  it('decodes a gzip body for validation and forwards it unchanged', async () => {
    const proxy = await proxyTo();
    const reply = await fetchVia(proxy.url, `${V1}/transactions`);
    expect(JSON.parse(reply.text)).toEqual({ data: [transaction], page: { next: null } });
    expect(proxy.exchanges()[0]?.body).toEqual({ data: [transaction], page: { next: null } });
    expect(validateExchanges(revision('baseline'), proxy.exchanges())).toEqual([
      expect.objectContaining({ name: 'GET /developer/v1/transactions → 200', outcome: 'passed' }),
    ]);
  });

  it('keeps no body that looks like credentials, nor one over the size cap, and caps the exchanges kept', async () => {
    const proxy = await proxyTo({ maxExchanges: 2, maxBodyBytes: 1_000 });
    expect(JSON.parse((await fetchVia(proxy.url, `${V1}/users/u-1`)).text)).toEqual({ access_token: SECRET_TOKEN });
    const big = await fetchVia(proxy.url, `${V1}/business`);
    expect(big.text.length).toBeGreaterThan(5_000);
    await fetchVia(proxy.url, `${V1}/cards/c-1`);
    expect(proxy.exchanges().map((e) => e.bodyOmitted)).toEqual(['credentials', 'too-large']);
    expect(proxy.dropped()).toBe(1);
    expect(JSON.stringify(proxy.exchanges())).not.toContain(SECRET_TOKEN);
  });

  it('answers 502 and records nothing when the target is down', async () => {
    const down = await listen(() => undefined);
    const downUrl = down.url;
    await closeServer(down.server);
    const proxy = await proxyTo({ target: downUrl });
    expect((await fetchVia(proxy.url, `${V1}/cards`)).status).toBe(502);
    expect(proxy.exchanges()).toEqual([]);
    expect(proxy.upstreamErrors()).toBe(1);
  });
});
