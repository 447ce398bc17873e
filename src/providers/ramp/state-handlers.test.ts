/**
 * The state handlers and the request filter over real HTTP against the sandbox. One sandbox for the
 * file; a recording server in front of it sees exactly what the verifier sends to the target.
 */
import http, { type IncomingMessage, type Server } from 'node:http';
import { rmSync } from 'node:fs';
import axios, { type AxiosInstance } from 'axios';
import express from 'express';
import { TokenProvider } from '../../auth';
import { startLocalTestServer } from '../../http/local-test-server';
import { sendJson } from '../../http/respond';
import { assertRequestAllowed, isWriteAllowed } from '../../http';
import { ProviderState } from './provider-states';
import { startSandbox, type RunningSandbox } from './sandbox/index';
import type { Body, DeferredTask } from './sandbox/testing';
import { runPactJob } from '../../verify/pact-job';
import { markLeftovers } from '../../verify/pact-step';
import { createTokenRequestFilter, type TokenKind } from '../../verify/request-filter';
import { StateCleanupError, StateSetupError, stableIdempotencyKey, type StateContext } from '../../verify/state-setup';
import { STATE_HANDLERS } from './state-handlers';
import { EXPIRED_TOKEN, GET_TRANSACTION, LIST_TRANSACTIONS, spendSyncPact, writeTestPacts } from './testing/test-pacts';

let sandbox: RunningSandbox;
let token: string;
let api: AxiosInstance;

beforeAll(async () => {
  sandbox = await startSandbox({ port: 0 });
  const provider = new TokenProvider({
    tokenUrl: sandbox.tokenUrl,
    clientId: sandbox.clients.demo.clientId,
    clientSecret: sandbox.clients.demo.clientSecret,
    scopes: sandbox.clients.demo.scopes,
  });
  token = (await provider.getToken()).value;
  api = axios.create({
    baseURL: sandbox.baseUrl,
    headers: { Authorization: `Bearer ${token}` },
    validateStatus: () => true,
  });
});
afterAll(() => sandbox.close());

function context(
  writesAllowed: boolean,
  hosts: string[] = [new URL(sandbox.baseUrl).host],
): StateContext & { kind: TokenKind } {
  const http = axios.create({ baseURL: sandbox.baseUrl, headers: { Authorization: `Bearer ${token}` } });
  http.interceptors.request.use((config) => {
    assertRequestAllowed(config.method ?? 'get', new URL(config.url ?? '', sandbox.baseUrl).toString(), hosts);
    return config;
  });
  const ctx = {
    http,
    writesAllowed,
    namespace: 'test-client',
    created: [],
    kind: 'standard' as TokenKind,
    setTokenKind: (k: TokenKind) => void (ctx.kind = k),
  };
  return ctx;
}

describe('state handlers against the sandbox', () => {
  it.each([
    [ProviderState.TransactionExists, 'transactionId', '/developer/v1/transactions/'],
    [ProviderState.CardExists, 'cardId', '/developer/v1/cards/'],
    [ProviderState.UserExists, 'userId', '/developer/v1/users/'],
    [ProviderState.CardholderExists, 'userId', '/developer/v1/users/'],
  ])('"%s" returns an id that exists on the target, the same one when called twice', async (state, key, path) => {
    const ctx = context(false);
    const first = await STATE_HANDLERS[state].setup(ctx, {});
    const second = await STATE_HANDLERS[state].setup(ctx, {});
    expect(second).toEqual(first);
    const id = first?.[key];
    expect(typeof id).toBe('string');
    expect((await api.get(`${path}${String(id)}`)).status).toBe(200);
  });

  it('"a transaction exists" picks one with a merchant name; the merchant-less state one whose name is null', async () => {
    const named = await STATE_HANDLERS[ProviderState.TransactionExists].setup(context(false), {});
    const anonymous = await STATE_HANDLERS[ProviderState.TransactionWithoutMerchantExists].setup(context(false), {});
    expect(
      (await api.get<Body>(`/developer/v1/transactions/${String(named?.['transactionId'])}`)).data['merchant_name'],
    ).toEqual(expect.any(String));
    const fetched = await api.get<Body>(`/developer/v1/transactions/${String(anonymous?.['transactionId'])}`);
    expect(fetched.status).toBe(200);
    expect(fetched.data['merchant_name']).toBeNull();
  });

  it('where no transaction has a merchant name at all (the field is gone), the states pick one so the pact fails', async () => {
    const next = await startSandbox({ port: 0, specRevision: 'next' });
    try {
      const nextToken = await new TokenProvider({
        tokenUrl: next.tokenUrl,
        clientId: next.clients.demo.clientId,
        clientSecret: next.clients.demo.clientSecret,
        scopes: next.clients.demo.scopes,
      }).getToken();
      const ctx = {
        ...context(false),
        http: axios.create({ baseURL: next.baseUrl, headers: { Authorization: `Bearer ${nextToken.value}` } }),
      };
      for (const state of [ProviderState.TransactionExists, ProviderState.TransactionWithoutMerchantExists]) {
        await expect(STATE_HANDLERS[state].setup(ctx, {})).resolves.toEqual({ transactionId: expect.any(String) });
      }
    } finally {
      await next.close();
    }
  });

  it('"a second page of transactions exists" returns the cursor of a real next page', async () => {
    const values = await STATE_HANDLERS[ProviderState.SecondPageOfTransactionsExists].setup(context(false), {
      pageSize: 2,
    });
    const page = await api.get<Body>(
      `/developer/v1/transactions?page_size=2&start=${encodeURIComponent(String(values?.['nextPageStart']))}`,
    );
    expect(page.status).toBe(200);
    expect(page.data.data.length).toBeGreaterThan(0);
  });

  it('count states hold or say how many the target has', async () => {
    await expect(
      STATE_HANDLERS[ProviderState.TransactionsExist].setup(context(false), { minCount: 3 }),
    ).resolves.toBeUndefined();
    await expect(
      STATE_HANDLERS[ProviderState.DepartmentsExist].setup(context(false), { minCount: 1000 }),
    ).rejects.toThrow(/lists \d+ departments, the state needs 1000/);
    await expect(
      STATE_HANDLERS[ProviderState.NoCardWithId].setup(context(false), {
        cardId: '00000000-0000-4000-8000-000000000000',
      }),
    ).resolves.toBeUndefined();
  });

  it('creates the virtual card request idempotently where writes are allowed: same task twice', async () => {
    const ctx = context(true);
    const first = await STATE_HANDLERS[ProviderState.VirtualCardRequestSucceeded].setup(ctx, {});
    const second = await STATE_HANDLERS[ProviderState.VirtualCardRequestSucceeded].setup(ctx, {});
    expect(first?.['taskId']).toEqual(second?.['taskId']);
    expect(
      (await api.get<DeferredTask>(`/developer/v1/cards/deferred/status/${String(first?.['taskId'])}`)).data.status,
    ).toBe('SUCCESS');
  });

  it("teardown terminates the card its setup created, through Ramp's termination endpoint", async () => {
    const ctx = context(true);
    ctx.namespace = 'teardown-terminates';
    const values = await STATE_HANDLERS[ProviderState.VirtualCardRequestSucceeded].setup(ctx, {});
    const task = await api.get<DeferredTask>(`/developer/v1/cards/deferred/status/${String(values?.['taskId'])}`);
    const cardId = task.data.data.card_id;
    expect((await api.get<Body>(`/developer/v1/cards/${cardId}`)).data.state).toBe('ACTIVE');
    expect(ctx.created).toHaveLength(1);
    await STATE_HANDLERS[ProviderState.VirtualCardRequestSucceeded].teardown?.(ctx, {});
    expect((await api.get<Body>(`/developer/v1/cards/${cardId}`)).data.state).toBe('TERMINATED');
    expect(ctx.created).toEqual([]);
  });

  it('teardown names the card it could not remove', async () => {
    const ctx = context(true);
    ctx.namespace = 'teardown-fails';
    await STATE_HANDLERS[ProviderState.VirtualCardRequestSucceeded].setup(ctx, {});
    const cardId = ctx.created[0]?.cardId;
    ctx.http.interceptors.request.use((config) => {
      if ((config.url ?? '').endsWith('/deferred/termination'))
        config.url = '/developer/v1/cards/00000000-0000-4000-8000-000000000000/deferred/termination';
      return config;
    });
    const failed = STATE_HANDLERS[ProviderState.VirtualCardRequestSucceeded].teardown?.(ctx, {});
    await expect(failed).rejects.toBeInstanceOf(StateCleanupError);
    await expect(failed).rejects.toMatchObject({
      leftovers: [expect.stringMatching(new RegExp(`^card ${cardId}: POST .*termination returned 404`))],
    });
    expect(ctx.created).toHaveLength(1);
  });

  it('refuses to write to a host outside the allow-list, before any request', async () => {
    const refusal = STATE_HANDLERS[ProviderState.VirtualCardRequestSucceeded].setup(context(false), {});
    await expect(refusal).rejects.toMatchObject({ kind: 'write-refused' });
    // Even if a handler believed writes were allowed, the http write guard stops the POST.
    const guarded = STATE_HANDLERS[ProviderState.VirtualCardRequestSucceeded].setup(
      context(true, ['other.example']),
      {},
    );
    await expect(guarded).rejects.toBeInstanceOf(StateSetupError);
    await expect(guarded).rejects.toMatchObject({ kind: 'write-refused' });
    expect(isWriteAllowed(sandbox.baseUrl, ['other.example'])).toBe(false);
    expect(isWriteAllowed(sandbox.baseUrl, [new URL(sandbox.baseUrl).host])).toBe(true);
  });

  it('token states pick the token, and put the standard one back on teardown', async () => {
    const ctx = context(false);
    await STATE_HANDLERS[ProviderState.AccessTokenExpired].setup(ctx, {});
    expect(ctx.kind).toBe('revoked');
    await STATE_HANDLERS[ProviderState.AccessTokenExpired].teardown?.(ctx, {});
    expect(ctx.kind).toBe('standard');
  });
});

describe('the request filter', () => {
  it("leaves the verifier's own state-change and message calls alone and puts the real token on API calls", async () => {
    const seen: Array<[string, string | undefined]> = [];
    const app = express();
    app.use(
      createTokenRequestFilter({
        tokenFor: () => 'real-token-value',
        currentKind: () => 'standard',
        writesAllowed: false,
      }),
    );
    app.use((req, res) => {
      seen.push([`${req.method} ${req.path}`, req.headers.authorization]);
      res.json({});
    });
    const server = await listen(http.createServer(app));
    const base = `http://127.0.0.1:${port(server)}`;
    try {
      await axios.post(`${base}/_pactSetup`, { state: 'x', action: 'setup' });
      await axios.get(`${base}/developer/v1/cards`, { headers: { Authorization: 'Bearer pact.example' } });
      const write = await axios.post(`${base}/developer/v1/cards/deferred/virtual`, {}, { validateStatus: () => true });
      expect(write.status).toBe(599);
      expect(seen).toEqual([
        ['POST /_pactSetup', undefined],
        ['GET /developer/v1/cards', 'Bearer real-token-value'],
      ]);
    } finally {
      await close(server);
    }
  });

  it('in a real verification: each API request reaches the target with the real token of its state, state calls never do', async () => {
    const { dir, files } = writeTestPacts({ 'spend-sync.json': spendSyncPact() });
    const received: Array<{ path: string; authorization: string | undefined }> = [];
    const recorder = await listen(http.createServer((req, res) => forward(req, res, received)));
    const revoking = new TokenProvider({
      tokenUrl: sandbox.tokenUrl,
      clientId: sandbox.clients.demo.clientId,
      clientSecret: sandbox.clients.demo.clientSecret,
      scopes: ['transactions:read'],
    });
    const revoked = (await revoking.getToken()).value;
    await revoking.revokeAll();
    try {
      const result = await runPactJob(
        {
          pactPath: files[0] as string,
          descriptions: [LIST_TRANSACTIONS, GET_TRANSACTION, EXPIRED_TOKEN],
          provider: 'ramp-developer-api',
          baseUrl: `http://127.0.0.1:${port(recorder)}`,
          writeAllowedHosts: [],
          tokens: { standard: token, revoked },
          namespace: 'test',
          timeoutMs: 10_000,
        },
        STATE_HANDLERS,
      );
      expect(result.verdicts.map(([d, v]) => [d, v.ok])).toEqual([
        [LIST_TRANSACTIONS, true],
        [GET_TRANSACTION, true],
        [EXPIRED_TOKEN, true],
      ]);
      expect(received.some((r) => r.path.startsWith('/_pact'))).toBe(false);
      // State-handler lookups and the replays carry the standard token; the expired-state replay the revoked one.
      expect(received.filter((r) => r.authorization === `Bearer ${revoked}`).map((r) => r.path)).toEqual([
        '/developer/v1/transactions',
      ]);
      expect(
        received.every((r) => r.authorization === `Bearer ${token}` || r.authorization === `Bearer ${revoked}`),
      ).toBe(true);
      expect(result.replayed.map((c) => c.tokenKind)).toEqual(['standard', 'standard', 'revoked']);
      // The result crossing back to the parent is redacted: no token value in it.
      expect(JSON.stringify(result)).not.toContain(token);
    } finally {
      await close(recorder);
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('cleanup of created test data in a real verification', () => {
  const failingPact = (description: string) => ({
    consumer: { name: 'card-issuing' },
    provider: { name: 'ramp-developer-api' },
    interactions: [
      {
        type: 'Synchronous/HTTP',
        description,
        providerStates: [{ name: ProviderState.VirtualCardRequestSucceeded, params: {} }],
        request: { method: 'GET', path: '/developer/v1/business', headers: { Authorization: ['Bearer pact.example'] } },
        // The business answers 200: this interaction fails whatever the state did.
        response: { status: 418 },
      },
    ],
    metadata: { pactSpecification: { version: '4.0' } },
  });

  async function verify(baseUrl: string, namespace: string) {
    const description = `fails after creating a card (${namespace})`;
    const { dir, files } = writeTestPacts({ 'card-issuing.json': failingPact(description) });
    try {
      return await runPactJob(
        {
          pactPath: files[0] as string,
          descriptions: [description],
          provider: 'ramp-developer-api',
          baseUrl,
          writeAllowedHosts: [new URL(baseUrl).host],
          tokens: { standard: token },
          namespace,
          timeoutMs: 10_000,
        },
        STATE_HANDLERS,
      );
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }

  async function cardsNamedFor(namespace: string): Promise<Array<{ state: string }>> {
    const all = (await api.get<Body>('/developer/v1/cards?page_size=100&is_terminated=true')).data.data.concat(
      (await api.get<Body>('/developer/v1/cards?page_size=100')).data.data,
    ) as Array<{ id: string; state: string; display_name: string }>;
    const prefix = `rampart-test-${stableKeyPrefix(namespace)}`;
    return all.filter((card) => card.display_name === prefix);
  }

  it('terminates the card a state created even though the interaction failed', async () => {
    const result = await verify(sandbox.baseUrl, 'cleanup-after-failure');
    expect(result.verdicts.map(([, verdict]) => verdict.ok)).toEqual([false]);
    expect(result.cleanupFailures).toEqual([]);
    expect(await cardsNamedFor('cleanup-after-failure')).toEqual([expect.objectContaining({ state: 'TERMINATED' })]);
  });

  it('lists the card it could not remove, and the report names it on the interaction', async () => {
    const refusing = await listen(
      http.createServer((req, res) => {
        if ((req.url ?? '').endsWith('/deferred/termination')) {
          res
            .writeHead(500, { 'content-type': 'application/json' })
            .end('{"error_v2":{"error_code":"DEVELOPER_7500"}}');
          return;
        }
        forward(req, res, []);
      }),
    );
    try {
      const result = await verify(`http://127.0.0.1:${port(refusing)}`, 'cleanup-refused');
      const [card] = await cardsNamedFor('cleanup-refused');
      expect(card?.state).toBe('ACTIVE');
      expect(result.cleanupFailures).toEqual([
        {
          state: ProviderState.VirtualCardRequestSucceeded,
          leftovers: [
            expect.stringMatching(
              /^card [0-9a-f-]{36}: provider unhealthy: POST .*termination returned 500 DEVELOPER_7500$/,
            ),
          ],
        },
      ]);
      const [marked] = markLeftovers(
        [{ suite: 'pact', name: 'x', outcome: 'passed', durationMs: 1 }],
        [[ProviderState.VirtualCardRequestSucceeded]],
        result.cleanupFailures ?? [],
      );
      expect(marked).toMatchObject({
        outcome: 'passed',
        severity: 'warning',
        message: expect.stringMatching(/^test data left on the target: a virtual card request has succeeded: card /),
      });
    } finally {
      await close(refusing);
    }
  });
});

/** The first 8 characters of the state handler's idempotency key, which name its test card. */
function stableKeyPrefix(namespace: string): string {
  return stableIdempotencyKey(namespace, 'virtual-card').slice(0, 8);
}

function forward(
  req: IncomingMessage,
  res: http.ServerResponse,
  received: Array<{ path: string; authorization: string | undefined }>,
): void {
  received.push({ path: (req.url ?? '').split('?')[0] as string, authorization: req.headers.authorization });
  const target = new URL(req.url ?? '/', sandbox.baseUrl);
  const upstream = http.request(
    target,
    { method: req.method, headers: { ...req.headers, host: target.host } },
    (response) => {
      res.writeHead(response.statusCode ?? 502, response.headers);
      response.pipe(res);
    },
  );
  req.pipe(upstream);
}

function listen(server: Server): Promise<Server> {
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(server)));
}
function port(server: Server): number {
  const address = server.address();
  return typeof address === 'object' && address ? address.port : 0;
}
function close(server: Server): Promise<void> {
  return new Promise((resolve) => server.close(() => resolve()));
}

describe('the virtual card task, as Ramp runs it: asynchronously', () => {
  /** A Ramp of our own whose card task answers `statuses` to successive polls. */
  async function cardTaskTarget(statuses: string[]) {
    let polls = 0;
    const server = await startLocalTestServer((req, res) => {
      if (req.url.startsWith('/developer/v1/users'))
        return sendJson(res, 200, { data: [{ id: 'user-1', status: 'USER_ACTIVE', role: 'BUSINESS_USER' }], page: {} });
      if (req.method === 'POST') return sendJson(res, 200, { id: 'task-1' });
      const status = statuses[Math.min(polls, statuses.length - 1)];
      polls += 1;
      return sendJson(res, 200, { id: 'task-1', status, data: status === 'SUCCESS' ? { card_id: 'card-1' } : {} });
    });
    const waits: number[] = [];
    const ctx: StateContext = {
      http: axios.create({ baseURL: server.url }),
      writesAllowed: true,
      setTokenKind: () => undefined,
      namespace: 'test-client',
      created: [],
      sleep: (ms) => {
        waits.push(ms);
        return Promise.resolve();
      },
    };
    const setup = () => STATE_HANDLERS[ProviderState.VirtualCardRequestSucceeded].setup(ctx, {});
    return { server, ctx, waits, setup, polls: () => polls };
  }

  it('polls a task in progress until it succeeds, waiting between polls', async () => {
    const target = await cardTaskTarget(['IN_PROGRESS', 'IN_PROGRESS', 'SUCCESS']);
    try {
      await expect(target.setup()).resolves.toEqual({ taskId: 'task-1' });
      expect(target.polls()).toBe(3);
      expect(target.waits).toEqual([250, 250]);
      expect(target.ctx.created).toMatchObject([{ taskId: 'task-1', cardId: 'card-1' }]);
    } finally {
      await target.server.close();
    }
  });

  it('a task that ends in ERROR is an environment failure, and its card is still for teardown to remove', async () => {
    const target = await cardTaskTarget(['IN_PROGRESS', 'ERROR']);
    try {
      const failure = target.setup();
      await expect(failure).rejects.toThrow(StateSetupError);
      await expect(failure).rejects.toMatchObject({
        kind: 'environment',
        message: expect.stringMatching(/task ended ERROR/),
      });
      expect(target.ctx.created).toMatchObject([{ taskId: 'task-1' }]);
    } finally {
      await target.server.close();
    }
  });

  it('gives up after a bounded number of polls', async () => {
    const target = await cardTaskTarget(['IN_PROGRESS']);
    try {
      await expect(target.setup()).rejects.toThrow(/did not succeed within 10 polls/);
      expect(target.polls()).toBe(10);
      expect(target.waits).toHaveLength(10);
    } finally {
      await target.server.close();
    }
  });
});
