import { setTimeout as delay } from 'node:timers/promises';
import type { AxiosResponse } from 'axios';
import { ProviderState, type ProviderStateName } from './provider-states';
import {
  StateCleanupError,
  StateSetupError,
  stableIdempotencyKey,
  TEST_DATA_PREFIX,
  UNHEALTHY,
  type CreatedTestData,
  type StateContext,
  type StateHandlerSpec,
} from '../../verify/state-setup';

/**
 * Provider-state handlers: each makes its state true ON THE TARGET, through the target's own API,
 * so the same pacts verify against the sandbox and a real staging whose data is unknown in advance.
 * Lookups return the ids the consumer reads through `fromProviderState`; the one state that needs
 * data created makes it namespaced (`rampart-test-…`), idempotently (a fixed idempotency key per
 * client), and only where writes are allowed for the host.
 */
const MAX_PAGES = 10;

interface ListPage {
  data: Array<Record<string, unknown>>;
  next: string | null;
}

async function call<T = unknown>(
  ctx: StateContext,
  state: string,
  method: 'get' | 'post',
  url: string,
  body?: unknown,
): Promise<AxiosResponse<T>> {
  let response: AxiosResponse<T>;
  try {
    response = await ctx.http.request<T>({ method, url, data: body, validateStatus: () => true });
  } catch (error) {
    const refused = (error as Error).name === 'WriteRefusedError';
    throw new StateSetupError(
      state,
      refused ? 'write-refused' : 'environment',
      `${method.toUpperCase()} ${url}: ${(error as Error).message}`,
    );
  }
  if (response.status >= 200 && response.status < 300) return response;
  const code = errorCode(response.data);
  // 5xx and 429 survived the client's retries: the provider failed, it did not answer on purpose.
  const fault = response.status >= 500 || response.status === 429 ? `${UNHEALTHY}: ` : '';
  const why = `${fault}${method.toUpperCase()} ${pathOf(url)} returned ${response.status}${code ? ` ${code}` : ''}`;
  const contract = [400, 404, 405, 409, 410, 415, 422].includes(response.status);
  throw new StateSetupError(state, contract ? 'contract' : 'environment', why);
}

async function listPage(ctx: StateContext, state: string, url: string): Promise<ListPage> {
  const response = await call<{ data?: unknown; page?: { next?: unknown } }>(ctx, state, 'get', url);
  const data = response.data?.data;
  if (!Array.isArray(data))
    throw new StateSetupError(state, 'contract', `GET ${pathOf(url)} did not return a list (no \`data\` array)`);
  const next = response.data?.page?.next;
  return { data: data as ListPage['data'], next: typeof next === 'string' && next !== '' ? next : null };
}

/** The first item of a list resource, or the state cannot hold on this target. */
async function firstOf(
  ctx: StateContext,
  state: string,
  url: string,
  what: string,
  accept: (item: Record<string, unknown>) => boolean = () => true,
): Promise<string> {
  let next: string | null = url;
  for (let page = 0; next !== null && page < MAX_PAGES; page += 1) {
    const current: ListPage = await listPage(ctx, state, next);
    const item = current.data.find((candidate) => typeof candidate['id'] === 'string' && accept(candidate));
    if (item) return item['id'] as string;
    next = current.next;
  }
  throw new StateSetupError(
    state,
    'environment',
    `the target has no ${what} (looked at ${pathOf(url)}); create one there or use the sandbox`,
  );
}

/**
 * The first item `preferred` accepts; failing that, the first `fallback` accepts (an item whose shape
 * shows the contract changed, so the interaction replays and fails as a contract break, not as missing data).
 */
async function firstPreferred(
  ctx: StateContext,
  state: string,
  url: string,
  what: string,
  preferred: (item: Record<string, unknown>) => boolean,
  fallback: (item: Record<string, unknown>) => boolean,
): Promise<string> {
  try {
    return await firstOf(ctx, state, url, what, preferred);
  } catch (error) {
    if (!(error instanceof StateSetupError) || error.kind !== 'environment') throw error;
    return firstOf(ctx, state, url, what, fallback).catch(() => {
      throw error;
    });
  }
}

/** A transaction without the `merchant_name` key: the provider stopped sending it at all. */
const lacksMerchantName = (t: Record<string, unknown>): boolean => !('merchant_name' in t);

async function countUpTo(ctx: StateContext, state: string, url: string, wanted: number): Promise<number> {
  let count = 0;
  let next: string | null = url;
  for (let page = 0; next !== null && page < MAX_PAGES && count < wanted; page += 1) {
    const current: ListPage = await listPage(ctx, state, next);
    count += current.data.length;
    next = current.next;
  }
  return count;
}

/** At least `params.minCount` (default 1) of `resource` are listed; nothing is returned to the consumer. */
async function requireListed(
  ctx: StateContext,
  state: string,
  resource: string,
  params: Record<string, unknown>,
): Promise<undefined> {
  const wanted = positiveInt(params['minCount'], 1);
  const count = await countUpTo(
    ctx,
    state,
    `${V1}/${resource}?page_size=${Math.min(Math.max(wanted, 2), 100)}`,
    wanted,
  );
  if (count < wanted)
    throw new StateSetupError(state, 'environment', `the target lists ${count} ${resource}, the state needs ${wanted}`);
  return undefined;
}

function positiveInt(value: unknown, fallback: number): number {
  const n = typeof value === 'number' ? value : typeof value === 'string' ? Number(value) : NaN;
  return Number.isInteger(n) && n > 0 ? Math.min(n, 1000) : fallback;
}

const V1 = '/developer/v1';
const TASK_POLLS = 10;
const TASK_POLL_INTERVAL_MS = 250;

/**
 * One handler per constant of src/providers/ramp/provider-states.ts (the type makes a missing one a
 * compile error). JSDoc of each constant there says what must be true, the params and the returns.
 */
export const STATE_HANDLERS: Readonly<Record<ProviderStateName, StateHandlerSpec>> = {
  [ProviderState.TransactionsExist]: {
    summary: 'at least `minCount` transactions (default 1) are listed',
    writes: false,
    setup: (ctx, params) => requireListed(ctx, ProviderState.TransactionsExist, 'transactions', params),
  },
  [ProviderState.SecondPageOfTransactionsExists]: {
    summary: 'the first page of `pageSize` transactions has a `page.next`; returns its `start` as `nextPageStart`',
    writes: false,
    async setup(ctx, params) {
      const state = ProviderState.SecondPageOfTransactionsExists;
      const pageSize = positiveInt(params['pageSize'], 2);
      const page = await listPage(ctx, state, `${V1}/transactions?page_size=${pageSize}`);
      if (page.next === null)
        throw new StateSetupError(state, 'environment', `the target has no second page of ${pageSize} transactions`);
      const start = new URL(page.next, ctx.http.defaults.baseURL).searchParams.get('start');
      if (start === null) throw new StateSetupError(state, 'contract', 'page.next has no `start` query parameter');
      return { nextPageStart: start };
    },
  },
  [ProviderState.TransactionExists]: {
    summary: 'a transaction exists; returns its id as `transactionId`',
    writes: false,
    async setup(ctx) {
      const url = `${V1}/transactions?page_size=10`;
      const what = 'transaction with a merchant name and a card';
      const named = (t: Record<string, unknown>) =>
        typeof t['merchant_name'] === 'string' && typeof t['card_id'] === 'string';
      return {
        transactionId: await firstPreferred(ctx, ProviderState.TransactionExists, url, what, named, lacksMerchantName),
      };
    },
  },
  [ProviderState.TransactionWithoutMerchantExists]: {
    summary: 'a transaction with `merchant_name: null` exists; returns its id as `transactionId`',
    writes: false,
    async setup(ctx) {
      const state = ProviderState.TransactionWithoutMerchantExists;
      const url = `${V1}/transactions?page_size=100&state=ALL`;
      const what = 'transaction without a merchant name';
      const anonymous = (t: Record<string, unknown>) => t['merchant_name'] === null;
      return { transactionId: await firstPreferred(ctx, state, url, what, anonymous, lacksMerchantName) };
    },
  },
  [ProviderState.CardExists]: {
    summary: 'a card exists; returns its id as `cardId`',
    writes: false,
    async setup(ctx) {
      return { cardId: await firstOf(ctx, ProviderState.CardExists, `${V1}/cards?page_size=10`, 'card') };
    },
  },
  [ProviderState.NoCardWithId]: {
    summary: 'no card exists with the id in `cardId` (a GET must answer 404; nothing is deleted)',
    writes: false,
    async setup(ctx, params) {
      const state = ProviderState.NoCardWithId;
      const cardId = typeof params['cardId'] === 'string' ? params['cardId'] : null;
      if (cardId === null) throw new StateSetupError(state, 'environment', 'the state needs a `cardId` parameter');
      let status: number;
      try {
        status = (await ctx.http.get(`${V1}/cards/${encodeURIComponent(cardId)}`, { validateStatus: () => true }))
          .status;
      } catch (error) {
        throw new StateSetupError(state, 'environment', `GET /cards/{id}: ${(error as Error).message}`);
      }
      if (status !== 404)
        throw new StateSetupError(
          state,
          'environment',
          `a card with id ${cardId} answers ${status}; the state needs it absent`,
        );
      return undefined;
    },
  },
  [ProviderState.UserExists]: {
    summary: 'a user exists; returns its id as `userId`',
    writes: false,
    async setup(ctx) {
      return { userId: await firstOf(ctx, ProviderState.UserExists, `${V1}/users?page_size=10`, 'user') };
    },
  },
  [ProviderState.CardholderExists]: {
    summary: 'an active user who may hold cards exists; returns its id as `userId`',
    writes: false,
    async setup(ctx) {
      return {
        userId: await firstOf(
          ctx,
          ProviderState.CardholderExists,
          `${V1}/users?page_size=25`,
          'active user who can hold cards',
          canHoldCards,
        ),
      };
    },
  },
  [ProviderState.DepartmentsExist]: {
    summary: 'at least `minCount` departments (default 1) are listed',
    writes: false,
    setup: (ctx, params) => requireListed(ctx, ProviderState.DepartmentsExist, 'departments', params),
  },
  [ProviderState.VirtualCardRequestSucceeded]: {
    summary: 'a virtual-card request (namespaced, fixed idempotency key) has succeeded; returns `taskId`',
    writes: true,
    async setup(ctx) {
      const state = ProviderState.VirtualCardRequestSucceeded;
      if (!ctx.writesAllowed)
        throw new StateSetupError(
          state,
          'write-refused',
          'submitting a virtual card request is a write and the host is not write-allowed',
        );
      const userId = await firstOf(
        ctx,
        state,
        `${V1}/users?page_size=25`,
        'active user who can hold cards',
        canHoldCards,
      );
      const key = stableIdempotencyKey(ctx.namespace, 'virtual-card');
      const submitted = await call<{ id?: unknown }>(ctx, state, 'post', `${V1}/cards/deferred/virtual`, {
        display_name: `${TEST_DATA_PREFIX}${key.slice(0, 8)}`,
        user_id: userId,
        spending_restrictions: { amount: 1, interval: 'MONTHLY' },
        idempotency_key: key,
      });
      const taskId = submitted.data?.id;
      if (typeof taskId !== 'string')
        throw new StateSetupError(state, 'contract', 'POST /cards/deferred/virtual returned no task `id`');
      // Recorded before polling: whatever happens next, teardown removes the card this task creates.
      const created: CreatedTestData = { state, what: `the virtual card of task ${taskId}`, taskId };
      if (!ctx.created.some((entry) => entry.taskId === taskId)) ctx.created.push(created);
      for (let poll = 0; poll < TASK_POLLS; poll += 1) {
        const statusUrl = `${V1}/cards/deferred/status/${encodeURIComponent(taskId)}`;
        const task = (await call<CardTask>(ctx, state, 'get', statusUrl)).data;
        const status = task?.status;
        if (typeof task?.data?.card_id === 'string') created.cardId = task.data.card_id;
        if (status === 'SUCCESS') return { taskId };
        if (status === 'ERROR' || status === 'FAILED')
          throw new StateSetupError(state, 'environment', `the virtual card task ended ${String(status)}`);
        await (ctx.sleep ?? delay)(TASK_POLL_INTERVAL_MS);
      }
      throw new StateSetupError(
        state,
        'environment',
        `the virtual card task did not succeed within ${TASK_POLLS} polls`,
      );
    },
    teardown: (ctx) => terminateCreatedCards(ctx, ProviderState.VirtualCardRequestSucceeded),
  },
  [ProviderState.AccessTokenExpired]: {
    summary: 'the request carries a token the target no longer accepts (minted, then revoked)',
    writes: false,
    tokenKind: 'revoked',
    setup(ctx) {
      ctx.setTokenKind('revoked');
      return Promise.resolve(undefined);
    },
    teardown(ctx) {
      ctx.setTokenKind('standard');
      return Promise.resolve();
    },
  },
  [ProviderState.AccessTokenLacksCardsRead]: {
    summary: 'the request carries a real token minted without the cards:read scope',
    writes: false,
    tokenKind: 'without-cards-read',
    setup(ctx) {
      ctx.setTokenKind('without-cards-read');
      return Promise.resolve(undefined);
    },
    teardown(ctx) {
      ctx.setTokenKind('standard');
      return Promise.resolve();
    },
  },
};

interface CardTask {
  status?: unknown;
  data?: { card_id?: unknown } | null;
}

/**
 * Terminates every card `state`'s setups created, through Ramp's own termination endpoint, with a key
 * derived from the card so a retried teardown is a replay. Runs after the interaction whatever its
 * outcome. What cannot be removed is thrown as `StateCleanupError`, for the report.
 */
async function terminateCreatedCards(ctx: StateContext, state: string): Promise<void> {
  const mine = ctx.created.filter((entry) => entry.state === state);
  const leftovers: string[] = [];
  for (const entry of mine) {
    try {
      if (entry.cardId === undefined) {
        const statusUrl = `${V1}/cards/deferred/status/${encodeURIComponent(entry.taskId)}`;
        const task = (await call<CardTask>(ctx, state, 'get', statusUrl)).data;
        if (typeof task?.data?.card_id === 'string') entry.cardId = task.data.card_id;
      }
      if (entry.cardId === undefined) throw new Error('the task names no card yet');
      await call(ctx, state, 'post', `${V1}/cards/${encodeURIComponent(entry.cardId)}/deferred/termination`, {
        idempotency_key: stableIdempotencyKey(ctx.namespace, `terminate:${entry.cardId}`),
      });
      ctx.created.splice(ctx.created.indexOf(entry), 1);
    } catch (error) {
      const what = entry.cardId === undefined ? entry.what : `card ${entry.cardId}`;
      leftovers.push(`${what}: ${(error as Error).message}`);
    }
  }
  if (leftovers.length > 0) throw new StateCleanupError(state, leftovers);
}

/** Roles Ramp gives no card to; an unknown role is assumed able to hold one. */
const NON_CARDHOLDER_ROLES = new Set(['GUEST_USER', 'AUDITOR', 'BUSINESS_BOOKKEEPER']);

function canHoldCards(user: Record<string, unknown>): boolean {
  const active = user['status'] === undefined || user['status'] === 'USER_ACTIVE';
  return active && !NON_CARDHOLDER_ROLES.has(String(user['role']));
}

function errorCode(body: unknown): string | null {
  if (typeof body !== 'object' || body === null) return null;
  const v2 = (body as { error_v2?: { error_code?: unknown } }).error_v2;
  return typeof v2?.error_code === 'string' ? v2.error_code : null;
}

function pathOf(url: string): string {
  try {
    return new URL(url, 'http://x').pathname.replace(/^\/developer\/v1/, '');
  } catch {
    return url;
  }
}
