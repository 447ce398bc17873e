import type { RecordedExchange } from '../../../impact/recording-proxy';
import { API_PREFIX, listOperations, sandboxSpec } from './spec';
import { api, mintToken, nth, type Body } from './testing';
import type { RunningSandbox } from './types';

/**
 * Calls every operation the sandbox serves once, the way a client succeeds with it, and returns what
 * came back as recorded exchanges: what "every response the sandbox sends" means for a check of the
 * sandbox's responses against a document (its own, or Ramp's published one). Error responses are not
 * exercised: Ramp's document declares none.
 */
export async function exerciseSandbox(sandbox: RunningSandbox): Promise<RecordedExchange[]> {
  const client = sandbox.clients.demo;
  const token = await mintToken(sandbox, client, client.scopes);
  const exchanges: RecordedExchange[] = [];
  const send = async (method: string, path: string, json?: unknown): Promise<Body> => {
    const started = performance.now();
    const reply = await api(sandbox, token, path, { method, ...(json !== undefined && { json }) });
    const exchange: RecordedExchange = {
      method,
      path: path.split('?')[0] as string,
      status: reply.status,
      contentType: reply.headers.get('content-type'),
      durationMs: Math.round(performance.now() - started),
    };
    if (reply.text !== '') exchange.body = reply.body;
    exchanges.push(exchange);
    if (reply.status >= 300) throw new Error(`${method} ${path} answered ${reply.status}: ${reply.text}`);
    return reply.body;
  };
  const firstId = async (resource: string): Promise<string> => {
    const page = await send('GET', `${API_PREFIX}/${resource}?page_size=100`);
    return nth(page.data, 0).id;
  };

  // Every list, whole (so nulls and optional fields anywhere in the seed are seen), and one item of each.
  for (const resource of ['transactions', 'cards', 'users', 'departments', 'locations', 'reimbursements']) {
    await sendAllPages(send, `${API_PREFIX}/${resource}?page_size=100`);
  }
  await sendAllPages(send, `${API_PREFIX}/cards?page_size=100&is_terminated=true`);
  await sendAllPages(send, `${API_PREFIX}/transactions?page_size=100&state=ALL`);
  for (const resource of ['transactions', 'cards', 'users', 'departments', 'locations', 'reimbursements']) {
    await send('GET', `${API_PREFIX}/${resource}/${await firstId(resource)}`);
  }
  await send('GET', `${API_PREFIX}/business`);

  const userId = await firstId('users');
  const created = await send('POST', `${API_PREFIX}/cards/deferred/virtual`, {
    display_name: 'rampart-exercise',
    user_id: userId,
    spending_restrictions: { amount: 100, interval: 'MONTHLY' },
    idempotency_key: 'rampart-exercise-create',
  });
  // The task names its card under `data` or `context`.
  const task = (await send('GET', `${API_PREFIX}/cards/deferred/status/${created.id}`)) as unknown as {
    data?: { card_id?: string };
    context?: { card_id?: string };
  };
  const cardId = task.data?.card_id ?? task.context?.card_id;
  const termination = await send('POST', `${API_PREFIX}/cards/${cardId as string}/deferred/termination`, {
    idempotency_key: 'rampart-exercise-terminate',
  });
  await send('GET', `${API_PREFIX}/cards/deferred/status/${termination.id}`);
  await send('PATCH', `${API_PREFIX}/users/${userId}`, { first_name: 'Ada' });
  await send('POST', `${API_PREFIX}/departments`, { name: 'rampart-exercise' });

  const served = listOperations(sandboxSpec(sandbox.specRevision)).filter((entry) => entry.usesOAuth);
  const missing = served.filter((entry) => {
    const template = new RegExp(`^${entry.path.replace(/\{[^}]+\}/g, '[^/]+')}$`);
    return !exchanges.some(
      (exchange) => exchange.method === entry.method.toUpperCase() && template.test(exchange.path),
    );
  });
  if (missing.length > 0)
    throw new Error(`exerciseSandbox does not call ${missing.map((entry) => entry.operationId).join(', ')}`);
  return exchanges;
}

async function sendAllPages(send: (method: string, path: string) => Promise<Body>, first: string): Promise<void> {
  let next: string | null = first;
  for (let page = 0; next !== null && page < 20; page += 1) {
    const body = await send('GET', next.replace(/^https?:\/\/[^/]+/, ''));
    next = typeof body.page?.next === 'string' ? body.page.next : null;
  }
}
