import type { RunningSandbox, SandboxClient } from './types';

/** Helpers for tests that talk to a sandbox over real HTTP (loopback only). */

export function basicAuth(client: Pick<SandboxClient, 'clientId' | 'clientSecret'>): string {
  return `Basic ${Buffer.from(`${client.clientId}:${client.clientSecret}`).toString('base64')}`;
}

/** A Ramp object (user, card, transaction, department, task…): its id and the JSON fields a test reads by name. */
export interface RampObject {
  id: string;
  [field: string]: unknown;
}

/**
 * The sandbox's JSON replies as one shape over Ramp's kinds (list page, object, deferred task, error, token):
 * a reply carries the fields of its kind, and the test's request says which kind it reads.
 */
export interface Body extends RampObject {
  data: RampObject[];
  page: { next: string | null };
  error_v2: { error_code: string; message: string; additional_info: Record<string, unknown> };
  access_token: string;
  scope: string;
  expires_in: number;
}

/** A deferred card task (`GET /cards/deferred/status/{id}`): its card once the task succeeded. */
export interface DeferredTask {
  id: string;
  status: string;
  data: { card_id: string };
}

/** The item at `index`, failing the test when the list is shorter. */
export function nth<T>(items: readonly T[], index: number): T {
  const item = items[index];
  if (item === undefined) throw new Error(`expected an item at index ${index}, the list has ${items.length}`);
  return item;
}

export interface Reply {
  status: number;
  headers: Headers;
  /** Parsed JSON when the response is JSON, else the text ('' for no body). */
  body: Body;
  text: string;
}

export async function call(url: string, init: RequestInit = {}): Promise<Reply> {
  const response = await fetch(url, { ...init, signal: AbortSignal.timeout(10_000) });
  const text = await response.text();
  const isJson = (response.headers.get('content-type') ?? '').includes('json');
  return {
    status: response.status,
    headers: response.headers,
    text,
    body: (isJson && text ? JSON.parse(text) : text) as Body,
  };
}

export async function requestToken(
  sandbox: RunningSandbox,
  client: Pick<SandboxClient, 'clientId' | 'clientSecret'>,
  scopes: readonly string[],
): Promise<Reply> {
  return call(sandbox.tokenUrl, {
    method: 'POST',
    headers: { authorization: basicAuth(client), 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ grant_type: 'client_credentials', scope: scopes.join(' ') }).toString(),
  });
}

export async function mintToken(
  sandbox: RunningSandbox,
  client: Pick<SandboxClient, 'clientId' | 'clientSecret'>,
  scopes: readonly string[],
): Promise<string> {
  const reply = await requestToken(sandbox, client, scopes);
  if (reply.status !== 200) throw new Error(`token request failed with ${reply.status}: ${reply.text}`);
  return reply.body.access_token;
}

/** An API call with a bearer token; `path` is relative to the base URL (e.g. `/developer/v1/cards`). */
export function api(
  sandbox: RunningSandbox,
  token: string | null,
  path: string,
  init: RequestInit & { json?: unknown } = {},
): Promise<Reply> {
  const headers = new Headers(init.headers);
  if (token !== null) headers.set('authorization', `Bearer ${token}`);
  const { json, ...rest } = init;
  if (json !== undefined) headers.set('content-type', 'application/json');
  return call(path.startsWith('http') ? path : `${sandbox.baseUrl}${path}`, {
    ...rest,
    headers,
    ...(json !== undefined && { body: JSON.stringify(json) }),
  });
}
