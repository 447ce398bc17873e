import { SEED_COUNTS, startSandbox, type RunningSandbox } from './index';
import { api, mintToken, nth, type DeferredTask, type RampObject, type Reply } from './testing';

/**
 * The sandbox's resources behave like Ramp's: seeded deterministic data, cursor pagination with a full
 * `next` URL, filters, validation in Ramp's error shape, idempotent deferred card creation.
 */

const V1 = '/developer/v1';
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

let sandbox: RunningSandbox;
let token: string;

beforeAll(async () => {
  sandbox = await startSandbox();
  token = await mintToken(sandbox, sandbox.clients.demo, sandbox.clients.demo.scopes);
});
afterAll(() => sandbox.close());

const get = (path: string) => api(sandbox, token, path.startsWith('http') ? path : `${V1}${path}`);

/** The fields of a transaction the filter tests read. */
interface Transaction extends RampObject {
  amount: number;
  card_id: string;
  user_transaction_time: string;
  card_holder: { user_id: string; department_id: string };
}

/** Follows `page.next` to the end (bounded), returning every object (a `T`) and every page's URL. */
async function walk<T extends RampObject = RampObject>(
  path: string,
  maxPages = 50,
): Promise<{ items: T[]; pages: number; urls: string[] }> {
  const items: T[] = [];
  const urls: string[] = [];
  let next: string | null = `${sandbox.baseUrl}${V1}${path}`;
  let pages = 0;
  while (next !== null) {
    if (++pages > maxPages) throw new Error(`more than ${maxPages} pages`);
    urls.push(next);
    const reply: Reply = await api(sandbox, token, next);
    expect(reply.status).toBe(200);
    items.push(...(reply.body.data as T[]));
    next = reply.body.page.next;
  }
  return { items, pages, urls };
}

describe('seeded data', () => {
  it('has about 60 transactions, 12 cards, 10 users and 5 departments with UUIDv4 ids', async () => {
    const all = await walk('/transactions?state=ALL&page_size=100');
    expect(all.items).toHaveLength(SEED_COUNTS.transactions);
    // Ramp's defaults list activated, live cards only: 12 seeded, 2 terminated, 1 not activated.
    expect((await walk('/cards?page_size=100')).items).toHaveLength(9);
    expect((await walk('/cards?page_size=100&is_activated=false')).items).toHaveLength(1);
    expect((await walk('/users?page_size=100')).items).toHaveLength(10);
    expect((await walk('/departments')).items).toHaveLength(5);
    for (const item of all.items) expect(item.id).toMatch(UUID);
  });

  it("carries Ramp's nulls: transactions without a merchant, cards without a program", async () => {
    const transactions = (await walk('/transactions?state=ALL&page_size=100')).items;
    const anonymous = transactions.filter((t) => t.merchant_name === null);
    expect(anonymous.length).toBeGreaterThan(0);
    expect(anonymous.every((t) => t.merchant_id === null && 'merchant_name' in t)).toBe(true);
    expect(transactions.filter((t) => typeof t.merchant_name === 'string').length).toBeGreaterThan(anonymous.length);
    const cards = (await walk('/cards?page_size=100')).items;
    expect(cards.some((c) => c.card_program_id === null)).toBe(true);
    expect(cards.some((c) => typeof c.card_program_id === 'string')).toBe(true);
  });

  it('is the same on every start', async () => {
    const other = await startSandbox();
    try {
      const otherToken = await mintToken(other, other.clients.demo, ['transactions:read', 'users:read']);
      const mine = await get('/transactions?page_size=100&state=ALL');
      const theirs = await api(other, otherToken, `${V1}/transactions?page_size=100&state=ALL`);
      expect(theirs.body.data).toEqual(mine.body.data);
      expect((await api(other, otherToken, `${V1}/users`)).body.data).toEqual((await get('/users')).body.data);
    } finally {
      await other.close();
    }
  });

  it('uses Ramp conventions: legacy decimal amount plus currency, CurrencyAmount in minor units, ISO-8601 times', async () => {
    const { body } = await get('/transactions?page_size=5');
    for (const transaction of body.data) {
      expect(typeof transaction.amount).toBe('number');
      expect(transaction.currency_code).toBe('USD');
      expect(transaction.original_transaction_amount).toEqual({
        amount: Math.round((transaction.amount as number) * 100),
        currency_code: 'USD',
      });
      expect(new Date(transaction.user_transaction_time as string).toISOString()).toBe(
        transaction.user_transaction_time,
      );
    }
  });
});

describe('pagination', () => {
  it('walks every transaction exactly once by following full next URLs', async () => {
    const everything = (await get('/transactions?page_size=100')).body.data as Array<{ id: string }>;
    const walked = await walk('/transactions?page_size=7');
    expect(walked.pages).toBe(Math.ceil(everything.length / 7));
    expect(new Set(walked.items.map((item) => item.id)).size).toBe(walked.items.length);
    expect(walked.items.map((item) => item.id)).toEqual(everything.map((item) => item.id));
    for (const url of walked.urls.slice(1)) {
      expect(url.startsWith(`${sandbox.baseUrl}${V1}/transactions?`)).toBe(true);
      expect(new URL(url).searchParams.get('page_size')).toBe('7');
      expect(new URL(url).searchParams.get('start')).toMatch(/^[A-Za-z0-9_-]+$/);
    }
  });

  it('defaults to 20 per page and keeps filters in next', async () => {
    const first = await get('/transactions?state=ALL');
    expect(first.body.data).toHaveLength(20);
    expect(new URL(first.body.page.next as string).searchParams.get('state')).toBe('ALL');
    const walked = await walk('/transactions?state=ALL');
    expect(walked.items).toHaveLength(SEED_COUNTS.transactions);
  });

  it('ends with next null, including when the last page is exactly full', async () => {
    const users = await get('/users?page_size=5');
    const second = await get(users.body.page.next as string);
    expect(second.body.data).toHaveLength(5);
    expect(second.body.page.next).toBeNull();
  });

  it('builds next from the host the client used', async () => {
    const { port } = new URL(sandbox.baseUrl);
    const reply = await api(sandbox, token, `http://localhost:${port}${V1}/departments?page_size=2`);
    expect(reply.body.page.next).toMatch(new RegExp(`^http://localhost:${port}/developer/v1/departments\\?`));
  });

  it.each(['1', '101', 'abc', '2.5'])('answers 422 in Ramp shape for page_size=%s', async (size) => {
    const reply = await get(`/transactions?page_size=${size}`);
    expect(reply.status).toBe(422);
    expect(reply.body.error_v2.error_code).toBe('DEVELOPER_7001');
    expect(reply.body.error_v2.additional_info).toEqual({ page_size: [expect.any(String)] });
    expect(reply.body.error).toEqual(reply.body.error_v2.additional_info);
  });

  it('answers 422 for a cursor it did not issue', async () => {
    const reply = await get('/transactions?start=bm90LWFuLWlk');
    expect(reply.status).toBe(422);
    expect(Object.keys(reply.body.error_v2.additional_info)).toEqual(['start']);
  });
});

describe('filters', () => {
  it('leaves declined transactions out unless state=DECLINED or state=ALL', async () => {
    const visible = (await walk('/transactions?page_size=100')).items;
    const all = (await walk('/transactions?page_size=100&state=ALL')).items;
    const declined = (await walk('/transactions?page_size=100&state=DECLINED')).items;
    expect(declined.length).toBeGreaterThan(0);
    expect(declined.every((t) => t.state === 'DECLINED')).toBe(true);
    expect(visible.some((t) => t.state === 'DECLINED')).toBe(false);
    expect(visible.length + declined.length).toBe(all.length);
  });

  it('filters transactions by user, card, department, amount and date', async () => {
    const all = (await walk<Transaction>('/transactions?page_size=100&state=ALL')).items;
    const sample = nth(all, 5);
    const byUser = (await walk<Transaction>(`/transactions?state=ALL&user_id=${sample.card_holder.user_id}`)).items;
    expect(byUser.length).toBe(all.filter((t) => t.card_holder.user_id === sample.card_holder.user_id).length);
    const byCard = (await walk<Transaction>(`/transactions?state=ALL&card_id=${sample.card_id}`)).items;
    expect(byCard.every((t) => t.card_id === sample.card_id)).toBe(true);
    expect(byCard.length).toBeGreaterThan(0);
    const byDepartment = (
      await walk<Transaction>(`/transactions?state=ALL&department_id=${sample.card_holder.department_id}`)
    ).items;
    expect(byDepartment.length).toBe(
      all.filter((t) => t.card_holder.department_id === sample.card_holder.department_id).length,
    );
    const byAmount = (await walk<Transaction>('/transactions?state=ALL&min_amount=100&max_amount=1000.5')).items;
    expect(byAmount.length).toBe(all.filter((t) => t.amount >= 100 && t.amount <= 1000.5).length);
    const from = nth(all, 30).user_transaction_time;
    const to = nth(all, 10).user_transaction_time;
    const byDate = (await walk(`/transactions?state=ALL&from_date=${from}&to_date=${to}`)).items;
    expect(byDate).toHaveLength(21);
  });

  it('answers 422 for filter values of the wrong type', async () => {
    const reply = await get('/transactions?user_id=not-a-uuid&min_amount=lots&from_date=yesterday&state=LOST');
    expect(reply.status).toBe(422);
    expect(Object.keys(reply.body.error_v2.additional_info).sort()).toEqual([
      'from_date',
      'min_amount',
      'state',
      'user_id',
    ]);
  });

  it('filters cards by holder and by termination, live and activated by default as at Ramp', async () => {
    const cards = (await walk('/cards?page_size=100')).items;
    const terminated = (await walk('/cards?is_terminated=true')).items;
    const live = (await walk('/cards?is_terminated=false')).items;
    expect(terminated.length).toBeGreaterThan(0);
    expect(terminated.every((c) => c.state === 'TERMINATED')).toBe(true);
    expect(live).toEqual(cards);
    expect(cards.some((c) => c.state === 'TERMINATED' || c.state === 'UNACTIVATED')).toBe(false);
    const holder = nth(cards, 0).cardholder_id as string;
    const mine = (await walk(`/cards?user_id=${holder}`)).items;
    expect(mine.length).toBe(cards.filter((c) => c.cardholder_id === holder).length);
  });

  it('filters users by role and email', async () => {
    const owners = (await get('/users?role=BUSINESS_OWNER')).body.data;
    expect(owners).toHaveLength(1);
    const byEmail = (await get(`/users?email=${encodeURIComponent(nth(owners, 0).email as string)}`)).body.data;
    expect(byEmail.map((u) => u.id)).toEqual([nth(owners, 0).id]);
  });
});

describe('objects by id', () => {
  it('fetches each kind of object by its id', async () => {
    for (const [list, one] of [
      ['/transactions', '/transactions/'],
      ['/cards', '/cards/'],
      ['/users', '/users/'],
      ['/departments', '/departments/'],
      ['/locations', '/locations/'],
      ['/reimbursements', '/reimbursements/'],
    ] as const) {
      const first = nth((await get(list)).body.data, 0);
      const reply = await get(`${one}${first.id}`);
      expect(reply.status).toBe(200);
      expect(reply.body).toEqual(first);
    }
  });

  it('answers 404 in Ramp shape for an unknown id, and a plain 404 for an unknown path', async () => {
    const missing = await get('/transactions/00000000-0000-4000-8000-000000000000');
    expect(missing.status).toBe(404);
    expect(missing.body.error_v2).toMatchObject({
      error_code: 'DEVELOPER_7004',
      message: expect.stringContaining('not found'),
    });
    const unknownPath = await api(sandbox, null, `${V1}/spaceships`);
    expect(unknownPath.status).toBe(404);
    expect(unknownPath.headers.get('content-type')).toMatch(/^text\/plain/);
    expect(unknownPath.headers.get('x-trace-id')).toBeTruthy();
  });

  it('serves the business', async () => {
    const reply = await get('/business');
    expect(reply.status).toBe(200);
    expect(reply.body).toMatchObject({
      id: expect.stringMatching(UUID),
      business_name_legal: expect.any(String),
      active: true,
    });
  });
});

describe('writes', () => {
  const cardBody = (key: string, extra: Record<string, unknown> = {}) => ({
    display_name: 'rampart-test card',
    user_id: '',
    spending_restrictions: { amount: 500, interval: 'MONTHLY' },
    idempotency_key: key,
    ...extra,
  });
  let userId: string;
  beforeAll(async () => {
    userId = nth((await get('/users')).body.data, 2).id;
  });

  it('creates a virtual card through a deferred task that ends in SUCCESS with the card id', async () => {
    const created = await api(sandbox, token, `${V1}/cards/deferred/virtual`, {
      method: 'POST',
      json: { ...cardBody('key-1'), user_id: userId },
    });
    expect(created.status).toBe(200);
    expect(created.body).toEqual({ id: expect.stringMatching(UUID) });
    const status = await get(`/cards/deferred/status/${created.body.id}`);
    expect(status.status).toBe(200);
    expect(status.body).toEqual({
      id: created.body.id,
      status: 'SUCCESS',
      data: { card_id: expect.stringMatching(UUID) },
      context: { acting_user_id: userId },
    });
    const card = await get(`/cards/${(status.body as unknown as DeferredTask).data.card_id}`);
    expect(card.body).toMatchObject({
      display_name: 'rampart-test card',
      cardholder_id: userId,
      state: 'ACTIVE',
      is_physical: false,
    });
  });

  it("terminates a card through Ramp's deferred termination, idempotently, and answers 404 for an unknown card", async () => {
    const created = await api(sandbox, token, `${V1}/cards/deferred/virtual`, {
      method: 'POST',
      json: { ...cardBody('key-t'), user_id: userId },
    });
    const deferred = (await get(`/cards/deferred/status/${created.body.id}`)).body as unknown as DeferredTask;
    const cardId = deferred.data.card_id;
    const terminate = () =>
      api(sandbox, token, `${V1}/cards/${cardId}/deferred/termination`, {
        method: 'POST',
        json: { idempotency_key: 'key-t-end' },
      });
    const first = await terminate();
    expect(first.status).toBe(200);
    expect((await terminate()).body.id).toBe(first.body.id);
    const task = await get(`/cards/deferred/status/${first.body.id}`);
    expect(task.body).toEqual({
      id: first.body.id,
      status: 'SUCCESS',
      data: { card_id: cardId },
      context: { acting_user_id: userId, card_id: cardId },
    });
    expect((await get(`/cards/${cardId}`)).body.state).toBe('TERMINATED');
    const unknown = await api(sandbox, token, `${V1}/cards/00000000-0000-4000-8000-000000000000/deferred/termination`, {
      method: 'POST',
      json: { idempotency_key: 'key-t-unknown' },
    });
    expect(unknown.status).toBe(404);
  });

  it('replays the same task for the same idempotency_key and refuses the key with a different body', async () => {
    const body = { ...cardBody('key-replay'), user_id: userId };
    const first = await api(sandbox, token, `${V1}/cards/deferred/virtual`, { method: 'POST', json: body });
    const again = await api(sandbox, token, `${V1}/cards/deferred/virtual`, { method: 'POST', json: { ...body } });
    expect(again.status).toBe(200);
    expect(again.body.id).toBe(first.body.id);
    const cardsBefore = (await walk('/cards?page_size=100')).items.length;
    await api(sandbox, token, `${V1}/cards/deferred/virtual`, { method: 'POST', json: body });
    expect((await walk('/cards?page_size=100')).items.length).toBe(cardsBefore);
    const conflict = await api(sandbox, token, `${V1}/cards/deferred/virtual`, {
      method: 'POST',
      json: { ...body, display_name: 'other' },
    });
    expect(conflict.status).toBe(422);
    expect(Object.keys(conflict.body.error_v2.additional_info)).toEqual(['idempotency_key']);
  });

  it('requires idempotency_key and user_id, accepts unknown fields (Ramp declares no additionalProperties: false)', async () => {
    const { idempotency_key: _omitted, ...withoutKey } = { ...cardBody('x'), user_id: userId };
    const missing = await api(sandbox, token, `${V1}/cards/deferred/virtual`, { method: 'POST', json: withoutKey });
    expect(missing.status).toBe(422);
    expect(missing.body.error_v2.additional_info).toEqual({ idempotency_key: ['Missing data for required field.'] });
    const unknown = await api(sandbox, token, `${V1}/cards/deferred/virtual`, {
      method: 'POST',
      json: { ...cardBody('y'), user_id: userId, colour: 'red' },
    });
    expect(unknown.status).toBe(200);
    const badNested = await api(sandbox, token, `${V1}/cards/deferred/virtual`, {
      method: 'POST',
      json: { ...cardBody('z'), user_id: userId, spending_restrictions: { amount: -1, interval: 'HOURLY' } },
    });
    expect(Object.keys(badNested.body.error_v2.additional_info).sort()).toEqual([
      'spending_restrictions.amount',
      'spending_restrictions.interval',
    ]);
    const unknownUser = await api(sandbox, token, `${V1}/cards/deferred/virtual`, {
      method: 'POST',
      json: { ...cardBody('w'), user_id: '00000000-0000-4000-8000-000000000000' },
    });
    expect(unknownUser.status).toBe(422);
    expect(Object.keys(unknownUser.body.error_v2.additional_info)).toEqual(['user_id']);
  });

  it('answers 400 in Ramp shape for a malformed JSON body, and keeps serving', async () => {
    for (const [body, type] of [
      ['{"display_name": ', 'application/json'],
      ['display_name=x', 'application/x-www-form-urlencoded'],
    ]) {
      const reply = await api(sandbox, token, `${V1}/departments`, {
        method: 'POST',
        body,
        headers: { 'content-type': type as string },
      });
      expect(reply.status).toBe(400);
      expect(reply.body.error_v2.error_code).toBe('DEVELOPER_7002');
    }
    expect((await get('/departments')).status).toBe(200);
  });

  it('creates a department (201) that lists at the end, and updates a user (204)', async () => {
    const created = await api(sandbox, token, `${V1}/departments`, {
      method: 'POST',
      json: { name: 'rampart-test Research' },
    });
    expect(created.status).toBe(201);
    expect(created.body).toEqual({ id: expect.stringMatching(UUID), name: 'rampart-test Research' });
    const departments = (await walk('/departments')).items;
    expect(departments[departments.length - 1]).toEqual(created.body);

    const patched = await api(sandbox, token, `${V1}/users/${userId}`, {
      method: 'PATCH',
      json: { first_name: 'Renamed', department_id: created.body.id },
    });
    expect(patched.status).toBe(204);
    expect(patched.text).toBe('');
    expect((await get(`/users/${userId}`)).body).toMatchObject({
      first_name: 'Renamed',
      department_id: created.body.id,
    });
    const empty = await api(sandbox, token, `${V1}/users/${userId}`, { method: 'PATCH', json: {} });
    expect(empty.status).toBe(422);
    const missingUser = await api(sandbox, token, `${V1}/users/00000000-0000-4000-8000-000000000000`, {
      method: 'PATCH',
      json: { first_name: 'X' },
    });
    expect(missingUser.status).toBe(404);
  });
});

describe('deferred task progress', () => {
  it('answers IN_PROGRESS for the configured number of polls before SUCCESS', async () => {
    const slow = await startSandbox({ cardTaskPollsBeforeSuccess: 2 });
    try {
      const slowToken = await mintToken(slow, slow.clients.demo, ['cards:read', 'cards:write', 'users:read']);
      const userId = nth((await api(slow, slowToken, `${V1}/users`)).body.data, 0).id;
      const created = await api(slow, slowToken, `${V1}/cards/deferred/virtual`, {
        method: 'POST',
        json: {
          display_name: 'slow',
          user_id: userId,
          spending_restrictions: { amount: 10, interval: 'DAILY' },
          idempotency_key: 'k',
        },
      });
      const statuses: string[] = [];
      for (let poll = 0; poll < 3; poll++)
        statuses.push(
          (await api(slow, slowToken, `${V1}/cards/deferred/status/${created.body.id}`)).body.status as string,
        );
      expect(statuses).toEqual(['IN_PROGRESS', 'IN_PROGRESS', 'SUCCESS']);
    } finally {
      await slow.close();
    }
  });
});

describe('scopes', () => {
  it('answers 403 DEVELOPER_7100 with insufficient_scope when the read-only client writes', async () => {
    const readOnly = await mintToken(sandbox, sandbox.clients.readOnly, sandbox.clients.readOnly.scopes);
    expect((await api(sandbox, readOnly, `${V1}/departments`)).status).toBe(200);
    for (const [method, path, scope] of [
      ['POST', `${V1}/departments`, 'departments:write'],
      ['POST', `${V1}/cards/deferred/virtual`, 'cards:write'],
      ['PATCH', `${V1}/users/00000000-0000-4000-8000-000000000000`, 'users:write'],
    ] as const) {
      const reply = await api(sandbox, readOnly, path, { method, json: {} });
      expect(reply.status).toBe(403);
      expect(reply.body.error_v2.error_code).toBe('DEVELOPER_7100');
      expect(reply.headers.get('www-authenticate')).toBe(`Bearer error="insufficient_scope", scope="${scope}"`);
    }
  });

  it('answers 403 when the token was minted without the scope, even for the demo client', async () => {
    const narrow = await mintToken(sandbox, sandbox.clients.demo, ['cards:read']);
    const reply = await api(sandbox, narrow, `${V1}/transactions`);
    expect(reply.status).toBe(403);
    expect(reply.headers.get('www-authenticate')).toContain('scope="transactions:read"');
  });
});
