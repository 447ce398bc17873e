import { randomUUID } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import type { AxiosInstance, AxiosResponse } from 'axios';
import type { z } from 'zod';
import { RampDeferredTaskError, RampResponseError } from './errors';
import { errorFromResponse, toRampError } from './error-mapping';
import type {
  Card,
  CardFilters,
  CreateVirtualCardRequest,
  DeferredTask,
  Department,
  Listing,
  PageOptions,
  Transaction,
  TransactionFilters,
  User,
  WaitOptions,
} from './types';
import {
  cardWire,
  deferredTaskWire,
  departmentWire,
  describeIssue,
  listWire,
  taskCreatedWire,
  transactionWire,
  userWire,
} from './wire-format';

/** Every path of Ramp's Developer API starts here; the axios instance's `baseURL` is the bare host. */
export const API_PREFIX = '/developer/v1';

const DEFAULT_PAGE_SIZE = 100;
const DEFAULT_MAX_PAGES = 50;
const DEFAULT_POLL_INTERVAL_MS = 1000;
const DEFAULT_MAX_POLLS = 30;

type Query = Record<string, string | number | boolean>;

/**
 * The typed Ramp Developer API client our product ships. It knows Ramp's paths, shapes, pagination and
 * errors, and nothing about tokens, retries or which hosts may receive writes: the `AxiosInstance` it is
 * given does that (in production, `createHttpClient` from `src/http`).
 *
 * Every list and every poll is bounded. Every failure is a typed error that never contains a token.
 */
export class RampClient {
  constructor(private readonly http: AxiosInstance) {}

  /**
   * `GET /transactions`, following `page.next` up to `maxPages` pages. Declined transactions are
   * excluded unless `filters.state` is `DECLINED` or `ALL` (Ramp's rule).
   */
  async listTransactions(filters: TransactionFilters = {}, options: PageOptions = {}): Promise<Listing<Transaction>> {
    return this.collect(`${API_PREFIX}/transactions`, transactionQuery(filters), transactionWire, options);
  }

  /** Like `listTransactions`, one transaction at a time, fetching a page only when the previous one is used up. */
  async *iterateTransactions(filters: TransactionFilters = {}, options: PageOptions = {}): AsyncGenerator<Transaction> {
    for await (const page of this.pages(
      `${API_PREFIX}/transactions`,
      transactionQuery(filters),
      transactionWire,
      options,
    )) {
      yield* page.items;
    }
  }

  async getTransaction(id: string): Promise<Transaction> {
    return this.get(`${API_PREFIX}/transactions/${encodeURIComponent(id)}`, transactionWire);
  }

  async listCards(filters: CardFilters = {}, options: PageOptions = {}): Promise<Listing<Card>> {
    const query: Query = {};
    if (filters.userId !== undefined) query['user_id'] = filters.userId;
    if (filters.isTerminated !== undefined) query['is_terminated'] = filters.isTerminated;
    return this.collect(`${API_PREFIX}/cards`, query, cardWire, options);
  }

  async getCard(id: string): Promise<Card> {
    return this.get(`${API_PREFIX}/cards/${encodeURIComponent(id)}`, cardWire);
  }

  async getUser(id: string): Promise<User> {
    return this.get(`${API_PREFIX}/users/${encodeURIComponent(id)}`, userWire);
  }

  async listDepartments(options: PageOptions = {}): Promise<Listing<Department>> {
    return this.collect(`${API_PREFIX}/departments`, {}, departmentWire, options);
  }

  /**
   * `POST /cards/deferred/virtual`: asks Ramp to issue a virtual card and returns the deferred task id
   * to poll (`waitForVirtualCard`). The idempotency key travels in the body, as Ramp requires.
   */
  async createVirtualCard(request: CreateVirtualCardRequest): Promise<string> {
    const path = `${API_PREFIX}/cards/deferred/virtual`;
    const body = {
      display_name: request.displayName,
      user_id: request.userId,
      spending_restrictions: { amount: request.spendingLimit.amount, interval: request.spendingLimit.interval },
      idempotency_key: request.idempotencyKey ?? randomUUID(),
    };
    const response = await this.send('POST', path, { data: body });
    return this.parse(response, 'POST', path, taskCreatedWire).id;
  }

  async getDeferredTaskStatus(taskId: string): Promise<DeferredTask> {
    return this.get(`${API_PREFIX}/cards/deferred/status/${encodeURIComponent(taskId)}`, deferredTaskWire);
  }

  /**
   * Polls a virtual card request until Ramp reports `SUCCESS` and returns the new card's id. At most
   * `maxPolls` status requests, `intervalMs` apart; `ERROR` or running out of polls throws
   * `RampDeferredTaskError`.
   */
  async waitForVirtualCard(taskId: string, options: WaitOptions = {}): Promise<{ taskId: string; cardId: string }> {
    const intervalMs = options.intervalMs ?? DEFAULT_POLL_INTERVAL_MS;
    const maxPolls = positiveInteger(options.maxPolls ?? DEFAULT_MAX_POLLS, 'maxPolls');
    let last: DeferredTask | undefined;
    for (let poll = 1; poll <= maxPolls; poll++) {
      last = await this.getDeferredTaskStatus(taskId);
      if (last.status === 'SUCCESS') {
        if (!last.cardId) {
          throw new RampResponseError(
            'GET',
            `${API_PREFIX}/cards/deferred/status/${taskId}`,
            'status SUCCESS without data.card_id',
          );
        }
        return { taskId, cardId: last.cardId };
      }
      if (last.status === 'ERROR') {
        throw new RampDeferredTaskError(taskId, last.status, 'failed', last.error ?? 'no reason given');
      }
      if (poll < maxPolls) await sleep(intervalMs);
    }
    throw new RampDeferredTaskError(
      taskId,
      last?.status ?? 'unknown',
      'timed-out',
      `${maxPolls} polls ${intervalMs} ms apart`,
    );
  }

  private async collect<T>(path: string, query: Query, item: z.ZodType<T>, options: PageOptions): Promise<Listing<T>> {
    const items: T[] = [];
    let pagesFetched = 0;
    let nextUrl: string | null = null;
    for await (const page of this.pages(path, query, item, options)) {
      items.push(...page.items);
      pagesFetched++;
      nextUrl = page.next;
    }
    return { items, pagesFetched, hasMore: nextUrl !== null, nextUrl };
  }

  /** Yields page after page: the first from `path` + `query`, then each `page.next` as Ramp gave it. */
  private async *pages<T>(
    path: string,
    query: Query,
    item: z.ZodType<T>,
    options: PageOptions,
  ): AsyncGenerator<{ items: T[]; next: string | null }> {
    const maxPages = positiveInteger(options.maxPages ?? DEFAULT_MAX_PAGES, 'maxPages');
    const schema = listWire(item);
    let url = path;
    let params: Query | undefined = { ...query, page_size: options.pageSize ?? DEFAULT_PAGE_SIZE };
    for (let fetched = 0; fetched < maxPages; fetched++) {
      const response = await this.send('GET', url, { params });
      const page = this.parse(response, 'GET', pathOf(url), schema);
      const next = page.page?.next ?? null;
      yield { items: page.data, next };
      if (next === null || next === '') return;
      url = this.sameOrigin(next, pathOf(url));
      // `next` is a full URL that already carries the cursor and every filter.
      params = undefined;
    }
  }

  /**
   * `page.next` is an absolute URL on the provider's host. The axios instance attaches credentials to
   * whatever it is asked to fetch, so a `next` pointing anywhere else is refused rather than followed.
   */
  private sameOrigin(next: string, fromPath: string): string {
    const base = this.http.defaults.baseURL;
    let nextUrl: URL;
    try {
      nextUrl = base ? new URL(next, base) : new URL(next);
    } catch {
      throw new RampResponseError('GET', fromPath, `page.next is not a URL: ${next}`);
    }
    if (base && nextUrl.origin !== new URL(base).origin) {
      throw new RampResponseError(
        'GET',
        fromPath,
        `page.next points to another host (${nextUrl.origin}); not following it`,
      );
    }
    return nextUrl.toString();
  }

  private async get<T>(path: string, schema: z.ZodType<T>): Promise<T> {
    return this.parse(await this.send('GET', path, {}), 'GET', path, schema);
  }

  private async send(
    method: 'GET' | 'POST',
    url: string,
    extra: { params?: Query | undefined; data?: unknown },
  ): Promise<AxiosResponse> {
    let response: AxiosResponse;
    try {
      response = await this.http.request({ method, url, params: extra.params, data: extra.data });
    } catch (error) {
      throw toRampError(error, method, pathOf(url));
    }
    // An instance built with a permissive validateStatus resolves non-2xx responses; they are still errors.
    if (response.status < 200 || response.status >= 300) {
      throw errorFromResponse(response, method, pathOf(url));
    }
    return response;
  }

  private parse<T>(response: AxiosResponse, method: string, path: string, schema: z.ZodType<T>): T {
    const result = schema.safeParse(response.data);
    if (!result.success) throw new RampResponseError(method, path, describeIssue(result.error));
    return result.data;
  }
}

function transactionQuery(filters: TransactionFilters): Query {
  const query: Query = {};
  const map: Array<[keyof TransactionFilters, string]> = [
    ['fromDate', 'from_date'],
    ['toDate', 'to_date'],
    ['state', 'state'],
    ['userId', 'user_id'],
    ['cardId', 'card_id'],
    ['departmentId', 'department_id'],
    ['minAmount', 'min_amount'],
    ['maxAmount', 'max_amount'],
  ];
  for (const [key, param] of map) {
    const value = filters[key];
    if (value !== undefined) query[param] = value;
  }
  return query;
}

/** The path of a relative or absolute URL, without its query: what errors name. */
function pathOf(url: string): string {
  try {
    return new URL(url, 'http://placeholder.invalid').pathname;
  } catch {
    return url.split('?')[0] ?? url;
  }
}

function positiveInteger(value: number, name: string): number {
  if (!Number.isInteger(value) || value < 1) throw new RangeError(`${name} must be a positive integer, got ${value}`);
  return value;
}
