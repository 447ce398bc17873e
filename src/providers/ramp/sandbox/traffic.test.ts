import { manualClock, type ManualClock } from '../../../testing/manual-clock';
import { startSandbox, type RunningSandbox } from './index';
import { api, call, mintToken, nth, requestToken } from './testing';

/**
 * Traffic behaviour: Ramp's per-client rolling rate limit (429 + Retry-After), the trace id on every
 * response, deprecation headers on deprecated operations, and injected faults that repeat with a seed.
 */

const V1 = '/developer/v1';
const wait = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('rate limit', () => {
  let sandbox: RunningSandbox;
  let clock: ManualClock;
  beforeEach(async () => {
    clock = manualClock();
    sandbox = await startSandbox({ rateLimit: { limit: 5, windowMs: 1000 }, clock: clock.now });
  });
  afterEach(() => sandbox.close());

  it('answers 429 with Retry-After and Ramp error body past the limit, per client, and lets the client back in after waiting', async () => {
    const demo = await mintToken(sandbox, sandbox.clients.demo, ['departments:read']);
    const readOnly = await mintToken(sandbox, sandbox.clients.readOnly, ['departments:read']);
    const statuses: number[] = [];
    for (let i = 0; i < 6; i++) statuses.push((await api(sandbox, demo, `${V1}/departments`)).status);
    expect(statuses).toEqual([200, 200, 200, 200, 200, 429]);

    const limited = await api(sandbox, demo, `${V1}/departments`);
    expect(limited.status).toBe(429);
    const retryAfter = Number(limited.headers.get('retry-after'));
    expect(Number.isInteger(retryAfter)).toBe(true);
    expect(retryAfter).toBeGreaterThanOrEqual(1);
    expect(retryAfter).toBeLessThanOrEqual(1);
    expect(limited.body.error_v2.error_code).toBe('DEVELOPER_7429');
    expect(limited.headers.get('x-trace-id')).toBeTruthy();

    // Another client has its own window.
    expect((await api(sandbox, readOnly, `${V1}/departments`)).status).toBe(200);
    // The token endpoint is not behind the API limiter.
    expect((await requestToken(sandbox, sandbox.clients.demo, ['departments:read'])).status).toBe(200);

    await clock.sleep(retryAfter * 1000);
    expect((await api(sandbox, demo, `${V1}/departments`)).status).toBe(200);
  });
});

describe('headers', () => {
  let sandbox: RunningSandbox;
  let token: string;
  beforeAll(async () => {
    sandbox = await startSandbox();
    token = await mintToken(sandbox, sandbox.clients.demo, [
      'cards:read',
      'cards:write',
      'users:read',
      'transactions:read',
    ]);
  });
  afterAll(() => sandbox.close());

  it('puts a distinct x-trace-id on every response: success, error, token endpoint, spec, unknown path', async () => {
    const replies = await Promise.all([
      api(sandbox, token, `${V1}/transactions`),
      api(sandbox, null, `${V1}/transactions`),
      requestToken(sandbox, sandbox.clients.demo, ['nope:nope']),
      call(sandbox.specUrl),
      call(`${sandbox.baseUrl}/nowhere`),
    ]);
    const ids = replies.map((reply) => reply.headers.get('x-trace-id'));
    for (const id of ids) expect(id).toMatch(/^[0-9a-f]{32}$/);
    expect(new Set(ids).size).toBe(ids.length);
  });

  it('sends no deprecation headers in the baseline, where Ramp deprecates nothing the sandbox serves', async () => {
    for (const path of [`${V1}/transactions`, `${V1}/users`, `${V1}/cards`]) {
      const reply = await api(sandbox, token, path);
      expect(reply.headers.get('deprecation')).toBeNull();
      expect(reply.headers.get('sunset')).toBeNull();
    }
    const userId = nth((await api(sandbox, token, `${V1}/users`)).body.data, 0).id;
    expect((await api(sandbox, token, `${V1}/users/${userId}`)).headers.get('deprecation')).toBeNull();
  });
});

describe('fault injection', () => {
  let sandbox: RunningSandbox | undefined;
  afterEach(async () => {
    await sandbox?.close();
    sandbox = undefined;
  });

  /** Sequential calls, so the draw order is the request order. */
  async function outcomes(target: RunningSandbox, token: string, count: number): Promise<string[]> {
    const seen: string[] = [];
    for (let i = 0; i < count; i++) {
      try {
        seen.push(String((await api(target, token, `${V1}/departments`)).status));
      } catch {
        seen.push('dropped');
      }
    }
    return seen;
  }

  it('is off by default', async () => {
    sandbox = await startSandbox();
    const token = await mintToken(sandbox, sandbox.clients.demo, ['departments:read']);
    expect(await outcomes(sandbox, token, 20)).toEqual(Array(20).fill('200'));
  });

  it('injects 500s and dropped connections in the same sequence for the same seed', async () => {
    const faults = { seed: 42, errorRate: 0.3, dropRate: 0.2 };
    sandbox = await startSandbox({ faults });
    const token = await mintToken(sandbox, sandbox.clients.demo, ['departments:read']);
    const first = await outcomes(sandbox, token, 30);
    expect(first).toContain('500');
    expect(first).toContain('dropped');
    expect(first).toContain('200');

    sandbox.setFaults(faults);
    expect(await outcomes(sandbox, token, 30)).toEqual(first);

    sandbox.setFaults({ seed: 7, errorRate: 0.3, dropRate: 0.2 });
    expect(await outcomes(sandbox, token, 30)).not.toEqual(first);
  });

  it('answers injected 500s in Ramp error shape and stops when faults are cleared', async () => {
    sandbox = await startSandbox({ faults: { errorRate: 1 } });
    const token = await mintToken(sandbox, sandbox.clients.demo, ['departments:read']);
    const failed = await api(sandbox, token, `${V1}/departments`);
    expect(failed.status).toBe(500);
    expect(failed.body.error_v2.error_code).toBe('DEVELOPER_7500');
    expect(failed.headers.get('x-trace-id')).toBeTruthy();
    sandbox.setFaults({});
    expect((await api(sandbox, token, `${V1}/departments`)).status).toBe(200);
  });

  it('takes the token endpoint down with 503 temporarily_unavailable', async () => {
    sandbox = await startSandbox();
    const token = await mintToken(sandbox, sandbox.clients.demo, ['departments:read']);
    sandbox.setFaults({ tokenEndpointDown: true });
    const down = await requestToken(sandbox, sandbox.clients.demo, ['departments:read']);
    expect(down.status).toBe(503);
    expect(down.body.error).toBe('temporarily_unavailable');
    // Tokens already issued keep working: only the token service is down.
    expect((await api(sandbox, token, `${V1}/departments`)).status).toBe(200);
  });

  it('adds latency to API and token responses', async () => {
    sandbox = await startSandbox({ faults: { latencyMs: 80 } });
    let started = Date.now();
    const token = await mintToken(sandbox, sandbox.clients.demo, ['departments:read']);
    expect(Date.now() - started).toBeGreaterThanOrEqual(75);
    started = Date.now();
    expect((await api(sandbox, token, `${V1}/departments`)).status).toBe(200);
    expect(Date.now() - started).toBeGreaterThanOrEqual(75);
  });

  it('closes promptly even with a request waiting on injected latency', async () => {
    sandbox = await startSandbox({ faults: { latencyMs: 5_000 } });
    const pending = api(sandbox, 'ramp_tok_x', `${V1}/departments`).catch((error: unknown) => error);
    await wait(50);
    await sandbox.close();
    // fetch's TypeError comes from another realm than jest's, so check the shape, not the class.
    expect(String(await pending)).toMatch(/fetch failed/);
  });
});
