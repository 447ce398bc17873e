import { setTimeout as delay } from 'node:timers/promises';
import axios, {
  AxiosError,
  AxiosHeaders,
  type AxiosAdapter,
  type AxiosInstance,
  type AxiosResponse,
  type InternalAxiosRequestConfig,
} from 'axios';
import { tokenFingerprint, type AuditEntry } from '../audit';
import type { AccessToken, TokenProvider } from '../auth';
import { HttpError, OriginRefusedError } from '../errors';
import { MASK, redact } from '../log/redact';
import type { CallRecorder } from './call-recorder';
import {
  backoffDelayMs,
  isIdempotent,
  isRetryableStatus,
  isTransientNetworkError,
  parseRetryAfterMs,
  type RetryOptions,
} from './retry-policy';
import { isLoopbackHost, redactUrl } from './url';
import { assertRequestAllowed } from './write-guard';

declare module 'axios' {
  interface AxiosRequestConfig {
    /**
     * The operation this request performs, e.g. `GET /v1/users/{id}`: how reports name it
     * (deprecated calls). Without it the path with ids replaced by `{id}` is used.
     */
    operation?: string;
  }
}

/** Options of `createHttpClient`. */
export interface HttpClientOptions {
  /** Base URL requests are relative to, e.g. `https://api.example.com`. */
  baseUrl: string;
  /** Supplies `Authorization: Bearer ...`. `null`/absent: requests go as the caller built them. */
  tokenProvider?: TokenProvider | null;
  /** Scopes of the token this client uses. @default the provider's own */
  scopes?: readonly string[];
  /** Hosts (`host` or `host:port`) that may receive POST, PUT, PATCH and DELETE. */
  writeAllowedHosts: readonly string[];
  /** Per attempt: how long the connection may stay silent. @default 10000 */
  timeoutMs?: number;
  /**
   * Per attempt: the whole answer must have arrived within this many ms, however steadily it drips.
   * @default 60000 (RAMPART_HTTP_DEADLINE_MS)
   */
  deadlineMs?: number;
  /**
   * Largest answer body accepted, in bytes; a bigger one ends the request.
   * @default 52428800 (RAMPART_HTTP_MAX_BYTES)
   */
  maxResponseBytes?: number;
  /**
   * Origins besides `baseUrl`'s (`https://docs.example.com`) that requests carrying a token may reach.
   * Any other origin is refused before a byte is sent (a `page.next` elsewhere, an absolute URL).
   * @default none
   */
  allowedOrigins?: readonly string[];
  /** @default { maxAttempts: 4, maxRetryTimeMs: 30000 } */
  retry?: RetryOptions;
  /** Receives every response and failed attempt. */
  recorder?: CallRecorder;
  /** Receives one record per attempt (an `AuditTrail`, or a collector a worker sends to its parent). */
  audit?: AuditSink;
  /**
   * On a 401 whose `WWW-Authenticate` says `invalid_token`, drop the token, mint once and replay once.
   * Only when the token came from `tokenProvider`. @default true
   */
  replayOnInvalidToken?: boolean;
  /** Headers sent with every request. */
  headers?: Record<string, string>;
  /** For tests. @default Date.now */
  now?: () => number;
  /** For tests. @default setTimeout-based */
  sleep?: (ms: number) => Promise<void>;
  /** For tests: the jitter source, in [0, 1). @default Math.random */
  random?: () => number;
}

/** Where the client's audit records go. */
export interface AuditSink {
  record(entry: AuditEntry): unknown;
}

export const DEFAULT_DEADLINE_MS = 60_000;
export const DEFAULT_MAX_RESPONSE_BYTES = 50 * 1024 * 1024;

const DEFAULT_RETRY: Required<RetryOptions> = {
  maxAttempts: 4,
  maxRetryTimeMs: 30_000,
  baseDelayMs: 250,
  maxDelayMs: 8_000,
};

/**
 * The one axios factory every caller uses. Each request:
 * 1. is refused before a byte is sent when `assertRequestAllowed` says so (writes off the allow-list,
 *    plain http off loopback);
 * 2. carries a bearer token from the provider (fetched per attempt, so a retry never sends a stale one);
 * 3. is retried: 429 for any method, honouring `Retry-After` (the server did not process it); 5xx
 *    (not 501/505) and transient network errors for idempotent methods only, with exponential backoff
 *    and full jitter; all within `maxAttempts` and `maxRetryTimeMs` of waiting;
 * 4. is replayed once with a fresh token after a 401 `invalid_token`; a second 401 goes to the caller;
 * 5. is recorded (method, redacted URL, status, duration, trace id, Deprecation/Sunset) and audited;
 * 6. carrying a token, goes only to the origin of `baseUrl` (or one of `allowedOrigins`): anything else is
 *    refused with an `OriginRefusedError`, audited, before a byte is sent;
 * 7. ends, per attempt, within `deadlineMs` and `maxResponseBytes` (an `HttpError`, not retried).
 *
 * Non-2xx responses resolve or reject as axios does, with the body for the caller; rejections carry a
 * redacted message and no credentials in `config` or `request`. A request that gets no response
 * after its retries rejects with an `HttpError` naming method and redacted URL.
 */
export function createHttpClient(options: HttpClientOptions): AxiosInstance {
  const timeoutMs = options.timeoutMs ?? 10_000;
  const instance = axios.create({
    baseURL: options.baseUrl,
    timeout: timeoutMs,
    // A redirect would carry the bearer token to wherever it points, past the write guard: callers see 3xx instead.
    maxRedirects: 0,
    ...(URL.canParse(options.baseUrl) && isLoopbackHost(new URL(options.baseUrl).hostname)
      ? { proxy: false as const }
      : {}),
    maxContentLength: options.maxResponseBytes ?? DEFAULT_MAX_RESPONSE_BYTES,
    ...(options.headers ? { headers: options.headers } : {}),
  });
  instance.defaults.adapter = retryingAdapter(instance, options);
  instance.interceptors.response.use(
    (response) => response,
    (error: unknown) => {
      throw maskError(error, instance);
    },
  );
  return instance;
}

function retryingAdapter(instance: AxiosInstance, options: HttpClientOptions): AxiosAdapter {
  const transport = axios.getAdapter('http');
  const retry = { ...DEFAULT_RETRY, ...options.retry };
  const maxAttempts = Math.max(1, Math.floor(retry.maxAttempts));
  const now = options.now ?? Date.now;
  const sleep = options.sleep ?? ((ms: number) => delay(ms));
  const random = options.random ?? Math.random;
  const provider = options.tokenProvider ?? null;
  const replayAllowed = options.replayOnInvalidToken ?? true;
  const deadlineMs = options.deadlineMs ?? DEFAULT_DEADLINE_MS;
  const maxBytes = options.maxResponseBytes ?? DEFAULT_MAX_RESPONSE_BYTES;
  const tokenOrigins = [originOf(options.baseUrl), ...(options.allowedOrigins ?? []).map(originOf)].filter(
    (o): o is string => o !== null,
  );

  return async (config: InternalAxiosRequestConfig) => {
    const method = (config.method ?? 'get').toUpperCase();
    const fullUrl = instance.getUri(config);
    const safeUrl = redactUrl(fullUrl);
    assertRequestAllowed(method, fullUrl, options.writeAllowedHosts);

    const callerAuth = AxiosHeaders.from(config.headers).get('Authorization');
    const useProvider = provider !== null && (callerAuth === undefined || callerAuth === null || callerAuth === '');
    const carriesToken = useProvider || (typeof callerAuth === 'string' && callerAuth !== '');
    const origin = originOf(fullUrl);
    if (carriesToken && (origin === null || !tokenOrigins.includes(origin))) {
      const fingerprint = fingerprintOf(callerAuth);
      options.audit?.record({
        kind: 'api',
        method,
        url: safeUrl,
        status: null,
        durationMs: 0,
        traceId: null,
        tokenFingerprint: fingerprint,
        error: 'ORIGIN_REFUSED',
      });
      throw new OriginRefusedError(method, origin !== null ? redact(origin) : safeUrl, tokenOrigins);
    }
    let attempt = 0;
    let retriesUsed = 0;
    let waitedMs = 0;
    let replayed = false;

    // Bounded: at most maxAttempts tries plus the one replay.
    for (;;) {
      attempt += 1;
      // A copy: the token must never land on the config callers get back.
      const headers = new AxiosHeaders(config.headers);
      let token: AccessToken | null = null;
      if (useProvider) {
        token = await provider.getToken(options.scopes ? { scopes: options.scopes } : {});
        headers.set('Authorization', `Bearer ${token.value}`);
      }
      const fingerprint = token?.fingerprint ?? fingerprintOf(headers.get('Authorization'));
      const startedAt = now();
      let response: AxiosResponse;
      const bounded = boundedSignal(deadlineMs, config.signal as AbortSignal | undefined);
      try {
        response = await transport({ ...config, headers, validateStatus: () => true, signal: bounded.signal });
      } catch (error) {
        const code = bounded.expired() ? 'ERR_DEADLINE' : isTooLarge(error) ? 'ERR_TOO_LARGE' : errorCode(error);
        const durationMs = now() - startedAt;
        options.recorder?.record({
          method,
          url: safeUrl,
          ...operationOf(config),
          status: null,
          durationMs,
          traceId: null,
          deprecation: null,
          sunset: null,
          attempt,
          error: code,
        });
        options.audit?.record({
          kind: 'api',
          method,
          url: safeUrl,
          status: null,
          durationMs,
          traceId: null,
          tokenFingerprint: fingerprint,
          error: code,
        });
        if (code === 'ERR_CANCELED') throw maskError(error, instance);
        if (code === 'ERR_DEADLINE' || code === 'ERR_TOO_LARGE') {
          const what =
            code === 'ERR_DEADLINE'
              ? `no complete answer within ${deadlineMs} ms (RAMPART_HTTP_DEADLINE_MS)`
              : `the answer is larger than ${maxBytes} bytes (RAMPART_HTTP_MAX_BYTES)`;
          throw new HttpError(`${method} ${safeUrl}: ${what}`, { method, url: safeUrl });
        }
        const retryable = isTransientNetworkError(code) && isIdempotent(method);
        const delay =
          retryable && retriesUsed + 1 < maxAttempts
            ? nextDelay(retriesUsed + 1, retry.maxRetryTimeMs - waitedMs)
            : null;
        if (delay === null) {
          const why = !isTransientNetworkError(code)
            ? ''
            : !isIdempotent(method)
              ? ` (${method} is not retried: it may have been processed)`
              : '';
          throw new HttpError(
            `${method} ${safeUrl} failed after ${attempt} attempt${attempt === 1 ? '' : 's'}: ${describeCode(code, config.timeout)}${why}`,
            { method, url: safeUrl },
          );
        }
        retriesUsed += 1;
        waitedMs += delay;
        await sleep(delay);
        continue;
      } finally {
        bounded.dispose();
      }

      const durationMs = now() - startedAt;
      const status = response.status;
      const traceId = header(response, 'x-trace-id');
      options.recorder?.record({
        method,
        url: safeUrl,
        ...operationOf(config),
        status,
        durationMs,
        traceId,
        deprecation: header(response, 'deprecation'),
        sunset: header(response, 'sunset'),
        attempt,
      });
      options.audit?.record({
        kind: 'api',
        method,
        url: safeUrl,
        status,
        durationMs,
        traceId,
        tokenFingerprint: fingerprint,
      });
      scrubRequest(response.request);

      if (
        status === 401 &&
        token !== null &&
        provider !== null &&
        replayAllowed &&
        !replayed &&
        /invalid_token/i.test(header(response, 'www-authenticate') ?? '')
      ) {
        replayed = true;
        provider.invalidate(token);
        continue;
      }

      const retryableStatus = status === 429 || (isRetryableStatus(status) && isIdempotent(method));
      if (retryableStatus && retriesUsed + 1 < maxAttempts) {
        const remaining = retry.maxRetryTimeMs - waitedMs;
        const retryAfter = parseRetryAfterMs(header(response, 'retry-after'), header(response, 'date'), now());
        if (retryAfter !== null && retryAfter > remaining) {
          throw new HttpError(
            `${method} ${safeUrl} answered HTTP ${status} with Retry-After ${formatSeconds(retryAfter)}, more than the ${formatSeconds(Math.max(0, remaining))} left of the retry budget (RAMPART_HTTP_MAX_RETRY_MS); giving up`,
            { method, url: safeUrl, status },
          );
        }
        const delay = retryAfter ?? nextDelay(retriesUsed + 1, remaining);
        if (delay !== null) {
          retriesUsed += 1;
          waitedMs += delay;
          await sleep(delay);
          continue;
        }
      }
      return settle({ ...response, config }, config);
    }
  };

  /** Backoff for this retry, cut to what is left of the budget; null when nothing is left. */
  function nextDelay(retryNumber: number, remainingMs: number): number | null {
    if (remainingMs <= 0) return null;
    return Math.min(backoffDelayMs(retryNumber, retry, random), remainingMs);
  }
}

/** The origin (`scheme://host:port`) of an absolute URL, or null. */
function originOf(url: string): string | null {
  return URL.canParse(url) ? new URL(url).origin : null;
}

/**
 * A signal that aborts when `deadlineMs` passes or the caller's own signal aborts. The socket timeout
 * of axios only measures silence; this bounds an answer that drips a byte at a time.
 */
function boundedSignal(
  deadlineMs: number,
  callerSignal: AbortSignal | undefined,
): { signal: AbortSignal; expired(): boolean; dispose(): void } {
  const controller = new AbortController();
  let expired = false;
  const timer = setTimeout(() => {
    expired = true;
    controller.abort();
  }, deadlineMs);
  const onCallerAbort = () => controller.abort();
  if (callerSignal?.aborted) controller.abort();
  else callerSignal?.addEventListener?.('abort', onCallerAbort, { once: true });
  return {
    signal: controller.signal,
    expired: () => expired,
    dispose: () => {
      clearTimeout(timer);
      callerSignal?.removeEventListener?.('abort', onCallerAbort);
    },
  };
}

function isTooLarge(error: unknown): boolean {
  const message = (error as { message?: unknown }).message;
  return typeof message === 'string' && /maxContentLength size of \d+ exceeded/.test(message);
}

/** Resolves or rejects as axios's own `settle` would, with the caller's config (no token in it). */
function settle(response: AxiosResponse, config: InternalAxiosRequestConfig): AxiosResponse {
  const validate = config.validateStatus;
  if (!validate || validate(response.status)) return response;
  throw new AxiosError(
    `Request failed with status code ${response.status}`,
    response.status >= 500 ? AxiosError.ERR_BAD_RESPONSE : AxiosError.ERR_BAD_REQUEST,
    config,
    response.request,
    response,
  );
}

/** Masks credentials in an axios error before any caller can print it. Other errors pass through. */
function maskError(error: unknown, instance: AxiosInstance): unknown {
  if (!axios.isAxiosError(error)) return error;
  const config = error.config;
  if (config) {
    const headers = config.headers as HeaderBag | undefined;
    if (headers && typeof headers.get === 'function') {
      if (headers.get('Authorization')) headers.set('Authorization', MASK);
    } else if (headers && typeof headers === 'object' && 'Authorization' in headers) {
      (headers as Record<string, unknown>).Authorization = MASK;
    }
    if (config.auth) config.auth = { username: config.auth.username, password: MASK };
    if (typeof config.data === 'string') config.data = redact(config.data);
  }
  scrubRequest(error.request);
  if (error.response) scrubRequest(error.response.request);
  const where = config ? ` (${(config.method ?? 'get').toUpperCase()} ${redactUrl(safeUri(instance, config))})` : '';
  error.message = redact(`${error.message}${where}`);
  if (error.stack) error.stack = redact(error.stack);
  return error;
}

/**
 * Node's ClientRequest keeps what it sent: the header block as text (`_header`) and the header map
 * under a symbol (`kOutHeaders`), both shown by `util.inspect`. Mask the credentials in both.
 */
function scrubRequest(request: unknown): void {
  if (!request || typeof request !== 'object') return;
  const r = request as { _header?: unknown } & Record<symbol, unknown>;
  if (typeof r._header === 'string') r._header = redact(r._header.replace(/^(authorization:\s*).*$/gim, `$1${MASK}`));
  for (const symbol of Object.getOwnPropertySymbols(r)) {
    if (symbol.description !== 'kOutHeaders') continue;
    const outHeaders = r[symbol] as Record<string, [string, unknown]> | null | undefined;
    const entry = outHeaders?.authorization;
    if (entry) entry[1] = MASK;
  }
}

function safeUri(instance: AxiosInstance, config: InternalAxiosRequestConfig): string {
  try {
    return instance.getUri(config);
  } catch {
    return String(config.url ?? '');
  }
}

function header(response: AxiosResponse, name: string): string | null {
  const headers = response.headers as HeaderBag | Record<string, unknown>;
  const value =
    typeof (headers as HeaderBag).get === 'function'
      ? (headers as HeaderBag).get(name)
      : (headers as Record<string, unknown>)[name];
  if (value === undefined || value === null || value === false) return null;
  if (Array.isArray(value)) return value.join(', ');
  return typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean' ? String(value) : null;
}

function fingerprintOf(authorization: unknown): string | null {
  if (typeof authorization !== 'string') return null;
  const bearer = /^Bearer\s+(.+)$/i.exec(authorization.trim());
  return bearer?.[1] ? tokenFingerprint(bearer[1]) : null;
}

function operationOf(config: InternalAxiosRequestConfig): { operation?: string } {
  return typeof config.operation === 'string' ? { operation: config.operation } : {};
}

function errorCode(error: unknown): string {
  const code = (error as { code?: unknown }).code;
  return typeof code === 'string' && code.length > 0 ? code : 'ERR_NETWORK';
}

function describeCode(code: string, timeoutMs: number | undefined): string {
  if (code === 'ECONNABORTED' || code === 'ETIMEDOUT') return `no response within ${timeoutMs ?? '?'} ms (${code})`;
  if (code === 'ECONNREFUSED') return 'connection refused (ECONNREFUSED)';
  if (code === 'ECONNRESET') return 'connection reset (ECONNRESET)';
  if (code === 'ENOTFOUND') return 'host not found (ENOTFOUND)';
  return code;
}

function formatSeconds(ms: number): string {
  return `${Math.round(ms / 100) / 10} s`;
}

type HeaderBag = InstanceType<typeof AxiosHeaders>;
