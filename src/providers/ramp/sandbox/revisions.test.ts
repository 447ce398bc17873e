import { sandboxSpec, startSandbox, type RunningSandbox } from './index';
import { api, call, mintToken, nth } from './testing';

/**
 * The two published revisions differ by exactly the seven changes of docs/architecture.md, and the
 * sandbox's behaviour over HTTP follows the revision it serves.
 */

const V1 = '/developer/v1';

describe('spec revisions over HTTP', () => {
  let baseline: RunningSandbox;
  let next: RunningSandbox;
  const tokens = new Map<RunningSandbox, string>();
  const allScopes = ['transactions:read', 'receipts:read', 'cards:read', 'cards:write', 'users:read', 'limits:read'];

  beforeAll(async () => {
    [baseline, next] = await Promise.all([startSandbox(), startSandbox({ specRevision: 'next' })]);
    for (const sandbox of [baseline, next])
      tokens.set(sandbox, await mintToken(sandbox, sandbox.clients.demo, allScopes));
  });
  afterAll(() => Promise.all([baseline.close(), next.close()]));

  const get = (sandbox: RunningSandbox, path: string) => api(sandbox, tokens.get(sandbox) ?? null, `${V1}${path}`);

  it('serves the document of its revision at /openapi.json without auth', async () => {
    expect(baseline.specRevision).toBe('baseline');
    expect(next.specRevision).toBe('next');
    const served = await Promise.all([call(baseline.specUrl), call(next.specUrl)]);
    expect(served[0]?.status).toBe(200);
    expect(served[0]?.body).toEqual(sandboxSpec('baseline'));
    expect(served[1]?.body).toEqual(sandboxSpec('next'));
    expect(served[1]?.body).not.toEqual(served[0]?.body);
  });

  it('1. drops merchant_name from transactions under next', async () => {
    const [before, after] = await Promise.all([get(baseline, '/transactions'), get(next, '/transactions')]);
    expect(before.body.data[0]).toHaveProperty('merchant_name');
    expect(after.body.data[0]).not.toHaveProperty('merchant_name');
    expect(nth(after.body.data, 0).id).toBe(nth(before.body.data, 0).id);
  });

  it('2. requires entity_id on POST cards/deferred/virtual under next, enforced with 422', async () => {
    const userId = nth((await get(baseline, '/users')).body.data, 1).id;
    const body = {
      display_name: 'rampart-test',
      user_id: userId,
      spending_restrictions: { amount: 100, interval: 'MONTHLY' },
      idempotency_key: 'rev-2',
    };
    const before = await api(baseline, tokens.get(baseline) ?? null, `${V1}/cards/deferred/virtual`, {
      method: 'POST',
      json: body,
    });
    expect(before.status).toBe(200);
    const after = await api(next, tokens.get(next) ?? null, `${V1}/cards/deferred/virtual`, {
      method: 'POST',
      json: body,
    });
    expect(after.status).toBe(422);
    expect(after.body.error_v2.additional_info).toEqual({ entity_id: ['Missing data for required field.'] });
    const entityId = (await get(next, `/users/${userId}`)).body.entity_id;
    const withEntity = await api(next, tokens.get(next) ?? null, `${V1}/cards/deferred/virtual`, {
      method: 'POST',
      json: { ...body, entity_id: entityId },
    });
    expect(withEntity.status).toBe(200);
  });

  it('3. limits display_name to 32 characters under next (Ramp sets no maximum)', async () => {
    const userId = nth((await get(baseline, '/users')).body.data, 1).id;
    const entityId = (await get(baseline, `/users/${userId}`)).body.entity_id;
    const body = (key: string) => ({
      display_name: 'x'.repeat(40),
      user_id: userId,
      entity_id: entityId,
      spending_restrictions: { amount: 100, interval: 'MONTHLY' },
      idempotency_key: key,
    });
    expect(
      (
        await api(baseline, tokens.get(baseline) ?? null, `${V1}/cards/deferred/virtual`, {
          method: 'POST',
          json: body('rev-3'),
        })
      ).status,
    ).toBe(200);
    const after = await api(next, tokens.get(next) ?? null, `${V1}/cards/deferred/virtual`, {
      method: 'POST',
      json: body('rev-3'),
    });
    expect(after.status).toBe(422);
    expect(after.body.error_v2.additional_info).toEqual({ display_name: ['Longer than maximum length 32.'] });
    const longForBaseline = await api(baseline, tokens.get(baseline) ?? null, `${V1}/cards/deferred/virtual`, {
      method: 'POST',
      json: { ...body('rev-3b'), display_name: 'x'.repeat(120) },
    });
    expect(longForBaseline.status).toBe(200);
  });

  it('4. shows DISPUTED transactions under next only, and accepts it as a filter there', async () => {
    const [before, after] = await Promise.all([
      get(baseline, '/transactions?state=ALL&page_size=100'),
      get(next, '/transactions?state=ALL&page_size=100'),
    ]);
    const disputed = after.body.data.filter((t) => t.state === 'DISPUTED');
    expect(disputed.length).toBeGreaterThan(0);
    expect(before.body.data.some((t) => t.state === 'DISPUTED')).toBe(false);
    expect((await get(next, '/transactions?state=DISPUTED')).body.data).toHaveLength(disputed.length);
    expect((await get(baseline, '/transactions?state=DISPUTED')).status).toBe(422);
  });

  it('5. serves GET /limits under next; baseline has no such path (plain 404)', async () => {
    const before = await get(baseline, '/limits');
    expect(before.status).toBe(404);
    expect(before.headers.get('content-type')).toMatch(/^text\/plain/);
    const after = await get(next, '/limits?page_size=4');
    expect(after.status).toBe(200);
    expect(after.body.data).toHaveLength(4);
    expect(after.body.data[0]).toMatchObject({ id: expect.any(String), balance: { total: { currency_code: 'USD' } } });
    expect(after.body.page.next).toContain('/developer/v1/limits?');
  });

  it('6. deprecates GET /users/{user_id} under next, with Deprecation and Sunset headers', async () => {
    const userId = nth((await get(baseline, '/users')).body.data, 0).id;
    const before = await get(baseline, `/users/${userId}`);
    expect(before.headers.get('deprecation')).toBeNull();
    const after = await get(next, `/users/${userId}`);
    expect(after.status).toBe(200);
    expect(after.headers.get('deprecation')).toMatch(/^@\d+$/);
    expect(Date.parse(after.headers.get('sunset') ?? '')).toBeGreaterThan(
      Number(after.headers.get('deprecation')?.slice(1)) * 1000,
    );
    expect((await get(next, '/users')).headers.get('deprecation')).toBeNull();
  });

  it('7. needs receipts:read as well as transactions:read for GET /transactions/{id} under next', async () => {
    const id = nth((await get(baseline, '/transactions')).body.data, 0).id;
    const narrow = new Map<RunningSandbox, string>();
    for (const sandbox of [baseline, next])
      narrow.set(sandbox, await mintToken(sandbox, sandbox.clients.readOnly, ['transactions:read']));
    expect((await api(baseline, narrow.get(baseline) ?? null, `${V1}/transactions/${id}`)).status).toBe(200);
    const refused = await api(next, narrow.get(next) ?? null, `${V1}/transactions/${id}`);
    expect(refused.status).toBe(403);
    expect(refused.headers.get('www-authenticate')).toBe(
      'Bearer error="insufficient_scope", scope="transactions:read receipts:read"',
    );
    expect(refused.body.error_v2.message).toContain('receipts:read');
    expect((await get(next, `/transactions/${id}`)).status).toBe(200);
    // The list keeps needing transactions:read only.
    expect((await api(next, narrow.get(next) ?? null, `${V1}/transactions`)).status).toBe(200);
  });
});
