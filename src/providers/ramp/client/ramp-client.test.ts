import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import axios from 'axios';
import { HttpError } from '../../../errors/index';
import {
  RampApiError,
  RampDeferredTaskError,
  RampForbiddenError,
  RampNotFoundError,
  RampRateLimitedError,
  RampResponseError,
  RampUnauthorizedError,
  RampValidationError,
  isRampApiError,
} from './errors';
import { RampClient } from './ramp-client';

const TOKEN = 'Bearer unit-test-token-abcdef';

interface Seen {
  method: string;
  url: string;
  body: string;
}

type Handler = (req: IncomingMessage, res: ServerResponse, seen: Seen) => void;

let server: Server;
let baseUrl: string;
let handler: Handler;
let seen: Seen[];

beforeEach(async () => {
  seen = [];
  handler = (_req, res) => json(res, 500, {});
  server = createServer((req, res) => {
    let body = '';
    req.on('data', (chunk: Buffer) => (body += chunk.toString()));
    req.on('end', () => {
      const entry = { method: req.method ?? '', url: req.url ?? '', body };
      seen.push(entry);
      handler(req, res, entry);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterEach(async () => {
  await new Promise<void>((resolve) => server.close(() => resolve()));
});

function client(): RampClient {
  return new RampClient(axios.create({ baseURL: baseUrl, headers: { Authorization: TOKEN } }));
}

function json(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  res.writeHead(status, { 'content-type': 'application/json', 'x-trace-id': 'trace-123', ...headers });
  res.end(JSON.stringify(body));
}

const tx = (id: string) => ({
  id,
  amount: 12.5,
  currency_code: 'USD',
  merchant_name: 'Shop',
  state: 'DISPUTED',
  user_transaction_time: '2026-01-01T00:00:00Z',
  card_id: 'card-1',
  extra_field_we_ignore: true,
});

describe('RampClient pagination', () => {
  it('follows page.next full URLs until it is null, sending filters only on the first request', async () => {
    handler = (req, res) => {
      const url = new URL(req.url ?? '', baseUrl);
      const start = Number(url.searchParams.get('start') ?? '0');
      const next = start < 2 ? `${baseUrl}/developer/v1/transactions?page_size=2&state=ALL&start=${start + 1}` : null;
      json(res, 200, { data: [tx(`t${start}`)], page: { next } });
    };

    const listing = await client().listTransactions({ state: 'ALL', minAmount: 5 }, { pageSize: 2, maxPages: 10 });

    expect(listing.items.map((t) => t.id)).toEqual(['t0', 't1', 't2']);
    expect(listing).toMatchObject({ pagesFetched: 3, hasMore: false, nextUrl: null });
    expect(seen.map((s) => s.url)).toEqual([
      '/developer/v1/transactions?state=ALL&min_amount=5&page_size=2',
      '/developer/v1/transactions?page_size=2&state=ALL&start=1',
      '/developer/v1/transactions?page_size=2&state=ALL&start=2',
    ]);
    // Unknown states are passed through, not rejected.
    expect(listing.items[0]?.state).toBe('DISPUTED');
  });

  it('stops after maxPages even when the provider always has a next page, and says so', async () => {
    const card = { id: 'c', display_name: 'Card', last_four: '1234', state: 'ACTIVE', cardholder_id: 'u' };
    handler = (_req, res) =>
      json(res, 200, { data: [card], page: { next: `${baseUrl}/developer/v1/cards?start=more` } });

    const listing = await client().listCards({}, { maxPages: 3 });

    expect(seen).toHaveLength(3);
    expect(listing).toMatchObject({
      pagesFetched: 3,
      hasMore: true,
      nextUrl: `${baseUrl}/developer/v1/cards?start=more`,
    });
  });

  it('refuses a page.next on another host instead of sending the credentials there', async () => {
    handler = (_req, res) =>
      json(res, 200, { data: [], page: { next: 'http://127.0.0.2:9/developer/v1/departments?start=x' } });

    const listing = client().listDepartments();

    await expect(listing).rejects.toBeInstanceOf(RampResponseError);
    await expect(listing).rejects.toThrow(/another host \(http:\/\/127\.0\.0\.2:9\)/);
    expect(seen).toHaveLength(1);
  });

  it('iterates lazily: stopping early fetches no further page', async () => {
    handler = (_req, res) =>
      json(res, 200, { data: [tx('a'), tx('b')], page: { next: `${baseUrl}/developer/v1/transactions?start=2` } });

    const ids: string[] = [];
    for await (const transaction of client().iterateTransactions({}, { pageSize: 2 })) {
      ids.push(transaction.id);
      if (ids.length === 3) break;
    }

    expect(ids).toEqual(['a', 'b', 'a']);
    expect(seen).toHaveLength(2);
  });

  it('rejects a non-positive maxPages before any request', async () => {
    await expect(client().listTransactions({}, { maxPages: 0 })).rejects.toThrow(RangeError);
    expect(seen).toHaveLength(0);
  });

  it('names the field when a response does not have the shape the client relies on', async () => {
    handler = (_req, res) => json(res, 200, { data: [{ ...tx('t'), merchant_name: 42 }], page: { next: null } });

    await expect(client().listTransactions()).rejects.toThrow(
      /GET \/developer\/v1\/transactions returned an unusable response: data\[0\]\.merchant_name/,
    );
  });

  it("passes Ramp's nulls through: a transaction without a merchant name or card id", async () => {
    const anonymous = { ...tx('t2'), merchant_name: null, merchant_id: null };
    delete (anonymous as Partial<typeof anonymous>).card_id;
    handler = (_req, res) => json(res, 200, { data: [tx('t1'), anonymous], page: { next: null } });

    const listing = await client().listTransactions();

    expect(listing.items.map((t) => [t.merchantName, t.cardId])).toEqual([
      ['Shop', 'card-1'],
      [null, null],
    ]);
  });
});

describe('RampClient error mapping', () => {
  const rampError = (code: string, extra: Record<string, unknown> = {}) => ({
    error_v2: { error_code: code, message: `Ramp says ${TOKEN}`, notes: '', ...extra },
  });

  it.each([
    [401, RampUnauthorizedError, {}],
    [404, RampNotFoundError, {}],
    [500, RampApiError, {}],
  ])('maps %i to %p with status, error code and trace id', async (status, type, headers) => {
    handler = (_req, res) => json(res, status, rampError(`DEVELOPER_${status}`), headers);

    const error = await client()
      .getCard('c-1')
      .catch((e: unknown) => e);

    expect(error).toBeInstanceOf(type);
    expect(isRampApiError(error)).toBe(true);
    expect(error).toMatchObject({
      status,
      errorCode: `DEVELOPER_${status}`,
      traceId: 'trace-123',
      method: 'GET',
      path: '/developer/v1/cards/c-1',
    });
  });

  it('maps 403 to RampForbiddenError with the scope WWW-Authenticate asks for', async () => {
    handler = (_req, res) =>
      json(res, 403, rampError('DEVELOPER_7100'), {
        'www-authenticate': 'Bearer error="insufficient_scope", scope="cards:read"',
      });

    const error = await client()
      .listCards()
      .catch((e: unknown) => e);

    expect(error).toBeInstanceOf(RampForbiddenError);
    expect(error).toMatchObject({ requiredScope: 'cards:read', errorCode: 'DEVELOPER_7100' });
    expect((error as Error).message).toContain('lacks the cards:read scope');
  });

  it('maps 422 to RampValidationError with the field errors from error_v2.additional_info and error', async () => {
    handler = (_req, res) =>
      json(res, 422, {
        ...rampError('DEVELOPER_7001', { additional_info: { page_size: ['Must be between 2 and 100'] } }),
        error: { start: 'Invalid cursor' },
      });

    const error = await client()
      .listTransactions({}, { pageSize: 1000 })
      .catch((e: unknown) => e);

    expect(error).toBeInstanceOf(RampValidationError);
    expect((error as RampValidationError).fieldErrors).toEqual({
      page_size: ['Must be between 2 and 100'],
      start: ['Invalid cursor'],
    });
    expect((error as Error).message).toContain('invalid start, page_size');
  });

  it('maps 429 to RampRateLimitedError with Retry-After in seconds', async () => {
    handler = (_req, res) => json(res, 429, rampError('DEVELOPER_7429'), { 'retry-after': '7' });

    await expect(client().getUser('u-1')).rejects.toMatchObject({ name: 'RampRateLimitedError', retryAfterSeconds: 7 });
    await expect(client().getUser('u-1')).rejects.toBeInstanceOf(RampRateLimitedError);
  });

  it('copes with error bodies that are not Ramp-shaped', async () => {
    handler = (_req, res) => {
      res.writeHead(404, { 'content-type': 'text/html' });
      res.end('<h1>Not Found</h1>');
    };

    const error = await client()
      .getTransaction('t-1')
      .catch((e: unknown) => e);

    expect(error).toBeInstanceOf(RampNotFoundError);
    expect(error).toMatchObject({ errorCode: undefined, traceId: undefined });
  });

  it('never carries the token: not in the message, not in any property', async () => {
    handler = (_req, res) => json(res, 401, rampError('DEVELOPER_7000'));

    const error = await client()
      .getCard('c-1')
      .catch((e: unknown) => e);

    expect((error as Error).message).not.toContain('unit-test-token');
    expect(JSON.stringify(error, Object.getOwnPropertyNames(error))).not.toContain('unit-test-token');
    expect((error as Error).cause).toBeUndefined();
  });

  it('reports an unreachable host as HttpError without the axios config', async () => {
    const closed = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    await new Promise<void>((resolve) => server.close(() => resolve()));
    server = createServer();
    server.listen(0, '127.0.0.1');
    const unreachable = new RampClient(axios.create({ baseURL: closed, headers: { Authorization: TOKEN } }));

    const error = await unreachable.getUser('u-1').catch((e: unknown) => e);

    expect(error).toBeInstanceOf(HttpError);
    expect((error as Error).message).toMatch(/GET \/developer\/v1\/users\/u-1 got no response: ECONNREFUSED/);
    expect(JSON.stringify(error, Object.getOwnPropertyNames(error))).not.toContain('unit-test-token');
  });
});

describe('RampClient virtual cards', () => {
  it("sends Ramp's body with a generated UUID idempotency key and returns the task id", async () => {
    // Ramp's document answers 200 for the deferred creation (its 2021 document said 201; both are accepted).
    handler = (_req, res) => json(res, 200, { id: 'task-1' });

    const taskId = await client().createVirtualCard({
      displayName: 'rampart-test-card',
      userId: 'u-1',
      spendingLimit: { amount: 250, interval: 'MONTHLY' },
    });

    expect(taskId).toBe('task-1');
    expect(seen[0]?.method).toBe('POST');
    expect(seen[0]?.url).toBe('/developer/v1/cards/deferred/virtual');
    const body = JSON.parse(seen[0]?.body ?? '{}') as Record<string, unknown>;
    expect(body).toEqual({
      display_name: 'rampart-test-card',
      user_id: 'u-1',
      spending_restrictions: { amount: 250, interval: 'MONTHLY' },
      idempotency_key: expect.stringMatching(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/),
    });
  });

  it('keeps a caller-chosen idempotency key', async () => {
    handler = (_req, res) => json(res, 201, { id: 'task-1' });

    await client().createVirtualCard({
      displayName: 'x',
      userId: 'u-1',
      spendingLimit: { amount: 1, interval: 'DAILY' },
      idempotencyKey: 'fixed-key',
    });

    expect(JSON.parse(seen[0]?.body ?? '{}')).toMatchObject({ idempotency_key: 'fixed-key' });
  });

  it('polls the deferred status until SUCCESS and returns the card id', async () => {
    const statuses = ['STARTED', 'IN_PROGRESS', 'SUCCESS'];
    handler = (_req, res) => {
      const status = statuses[Math.min(seen.length - 1, statuses.length - 1)];
      json(res, 200, { id: 'task-1', status, data: status === 'SUCCESS' ? { card_id: 'card-9' } : {} });
    };

    const created = await client().waitForVirtualCard('task-1', { intervalMs: 1, maxPolls: 5 });

    expect(created).toEqual({ taskId: 'task-1', cardId: 'card-9' });
    expect(seen.map((s) => s.url)).toEqual(Array(3).fill('/developer/v1/cards/deferred/status/task-1'));
  });

  it('gives up after maxPolls status requests', async () => {
    handler = (_req, res) => json(res, 200, { id: 'task-1', status: 'IN_PROGRESS', data: null });

    const error = await client()
      .waitForVirtualCard('task-1', { intervalMs: 1, maxPolls: 4 })
      .catch((e: unknown) => e);

    expect(error).toBeInstanceOf(RampDeferredTaskError);
    expect(error).toMatchObject({ reason: 'timed-out', status: 'IN_PROGRESS', taskId: 'task-1' });
    expect(seen).toHaveLength(4);
  });

  it("stops at ERROR with Ramp's reason (a string in data.error)", async () => {
    handler = (_req, res) => json(res, 200, { id: 'task-1', status: 'ERROR', data: { error: 'user is suspended' } });

    const error = await client()
      .waitForVirtualCard('task-1', { intervalMs: 1, maxPolls: 4 })
      .catch((e: unknown) => e);

    expect(error).toMatchObject({ reason: 'failed', status: 'ERROR' });
    expect((error as Error).message).toContain('user is suspended');
    expect(seen).toHaveLength(1);
  });
});
