import axios, { type AxiosInstance, type AxiosResponse } from 'axios';
import type { AuditTrail } from '../audit';
import { tokenFingerprint } from '../audit';
import { TokenError } from '../errors';
import { redact, registerSecret, registerToken } from '../log/redact';
import { isLoopbackHost, redactUrl } from '../http/url';
import { refreshBufferMs } from './refresh-buffer';
import type { AccessToken, RevocationResult, ScopeDrift } from './types';

/** Options of `TokenProvider`. */
export interface TokenProviderOptions {
  /** The OAuth2 token endpoint, e.g. `https://api.example.com/v1/token`. */
  tokenUrl: string;
  clientId: string;
  /** Registered with the redactor on construction. */
  clientSecret: string;
  /** Scopes requested when `getToken` is called without any. */
  scopes: readonly string[];
  /** Per token-endpoint request: how long the connection may stay silent. @default 10000 */
  timeoutMs?: number;
  /** Per token-endpoint request: the whole answer must arrive within this. @default 60000 */
  deadlineMs?: number;
  /** Largest token-endpoint answer accepted, in bytes. @default 1048576 (a token response is a few hundred) */
  maxResponseBytes?: number;
  /** Every grant and revocation is appended here. */
  audit?: AuditTrail;
  /** Clock, for tests. @default Date.now */
  now?: () => number;
  /** Revocation requests in flight at once. @default 4 */
  revokeConcurrency?: number;
  /**
   * Lifetime assumed when the token response has no `expires_in` (RFC 6749 only recommends it).
   * @default 3600
   */
  defaultLifetimeSeconds?: number;
}

interface CacheEntry {
  token: AccessToken;
}

/**
 * Client-credentials tokens as Ramp issues them: `POST tokenUrl` with HTTP Basic client
 * authentication and a form body `grant_type=client_credentials&scope=a b c`. There is no refresh
 * token in this grant (RFC 6749 §4.4.3), so a token near expiry is replaced by minting a new one.
 *
 * - Cached per (token URL, client id, sorted scope set); a token is reused until `refreshAt`
 *   (see `refreshBufferMs` for the buffer).
 * - Single flight: concurrent callers needing the same scope set share one grant request.
 * - Every token value, the client secret and the Basic credential are registered with the redactor
 *   the moment they are known.
 */
export class TokenProvider {
  private readonly tokenUrl: string;
  private readonly safeTokenUrl: string;
  private readonly clientId: string;
  private readonly basicCredential: string;
  private readonly scopes: readonly string[];
  private readonly audit: AuditTrail | undefined;
  private readonly now: () => number;
  private readonly revokeConcurrency: number;
  private readonly defaultLifetimeSeconds: number;
  private readonly http: AxiosInstance;
  private readonly deadlineMs: number;
  private readonly maxResponseBytes: number;

  private readonly cache = new Map<string, CacheEntry>();
  private readonly inFlight = new Map<string, Promise<AccessToken>>();
  private readonly minted: AccessToken[] = [];
  private readonly revoked = new Set<string>();
  private readonly drift = new Map<string, ScopeDrift>();
  private requests = 0;

  constructor(options: TokenProviderOptions) {
    registerSecret(options.clientSecret);
    this.tokenUrl = options.tokenUrl.replace(/\/+$/, '');
    this.safeTokenUrl = redactUrl(this.tokenUrl);
    assertTokenUrl(this.tokenUrl, this.safeTokenUrl);
    this.clientId = options.clientId;
    // RFC 6749 §2.3.1: id and secret are form-encoded before the Basic encoding (a no-op for the
    // letters, digits and `-._` that client ids and secrets are normally made of).
    this.basicCredential = Buffer.from(
      `${formEncode(options.clientId)}:${formEncode(options.clientSecret)}`,
      'utf8',
    ).toString('base64');
    registerSecret(this.basicCredential);
    registerSecret(formEncode(options.clientSecret));
    this.scopes = normalizeScopes(options.scopes);
    this.audit = options.audit;
    this.now = options.now ?? Date.now;
    this.revokeConcurrency = Math.max(1, options.revokeConcurrency ?? 4);
    this.defaultLifetimeSeconds = options.defaultLifetimeSeconds ?? 3600;
    this.deadlineMs = options.deadlineMs ?? 60_000;
    this.maxResponseBytes = options.maxResponseBytes ?? 1024 * 1024;
    this.http = axios.create({
      timeout: options.timeoutMs ?? 10_000,
      maxContentLength: this.maxResponseBytes,
      validateStatus: () => true,
      maxRedirects: 0,
      // A proxy from the environment has no business seeing a loopback token exchange.
      ...(isLoopbackHost(new URL(this.tokenUrl).hostname) ? { proxy: false as const } : {}),
      headers: { Accept: 'application/json' },
    });
  }

  /** Token-endpoint grant requests sent so far (failed ones included; revocations not). */
  get tokenRequests(): number {
    return this.requests;
  }

  /**
   * A token for `scopes` (default: the provider's), from the cache while it is before its
   * `refreshAt`, else from one grant request shared by every concurrent caller.
   * @throws TokenError when the endpoint refuses, fails or cannot be reached.
   */
  getToken(options: { scopes?: readonly string[] } = {}): Promise<AccessToken> {
    const scopes = options.scopes ? normalizeScopes(options.scopes) : this.scopes;
    const key = this.cacheKey(scopes);
    const cached = this.cache.get(key);
    if (cached && this.now() < cached.token.refreshAt) return Promise.resolve(cached.token);
    const pending = this.inFlight.get(key);
    if (pending) return pending;
    const grant = this.mint(scopes)
      .then((token) => {
        this.cache.set(key, { token });
        return token;
      })
      .finally(() => this.inFlight.delete(key));
    this.inFlight.set(key, grant);
    return grant;
  }

  /**
   * Drops a cached token the API rejected (401 `invalid_token`), so the next `getToken` mints.
   * A token already replaced in the cache is left alone: concurrent 401s on one old token cause one mint.
   */
  invalidate(token: AccessToken | string): void {
    const value = typeof token === 'string' ? token : token.value;
    for (const [key, entry] of this.cache) {
      if (entry.token.value === value) this.cache.delete(key);
    }
  }

  /**
   * Revokes every token this provider minted (RFC 7009, `POST ${tokenUrl}/revoke`, Basic auth, form
   * `token`), a few at a time. Failures are collected in the result, never thrown. Empties the cache.
   */
  async revokeAll(): Promise<RevocationResult> {
    const pending = this.minted.filter((token) => !this.revoked.has(token.value));
    this.cache.clear();
    const errors: string[] = [];
    let revoked = 0;
    let next = 0;
    const worker = async (): Promise<void> => {
      while (next < pending.length) {
        const token = pending[next++];
        if (!token) break;
        const problem = await this.revoke(token);
        if (problem === null) {
          revoked += 1;
          this.revoked.add(token.value);
        } else {
          errors.push(problem);
        }
      }
    };
    await Promise.all(Array.from({ length: Math.min(this.revokeConcurrency, pending.length) }, worker));
    return { attempted: pending.length, revoked, errors };
  }

  /** Requested versus granted scopes, one entry per scope set requested in this run. */
  scopeDrift(): ScopeDrift[] {
    return [...this.drift.values()];
  }

  private cacheKey(scopes: readonly string[]): string {
    return JSON.stringify([this.tokenUrl, this.clientId, scopes.join(' ')]);
  }

  private async mint(scopes: readonly string[]): Promise<AccessToken> {
    this.requests += 1;
    const sentAt = this.now();
    const body = new URLSearchParams({ grant_type: 'client_credentials', scope: scopes.join(' ') }).toString();
    let response: AxiosResponse<unknown>;
    const signal = AbortSignal.timeout(this.deadlineMs);
    try {
      response = await this.http.post(this.tokenUrl, body, {
        headers: {
          Authorization: `Basic ${this.basicCredential}`,
          'Content-Type': 'application/x-www-form-urlencoded',
        },
        responseType: 'json',
        signal,
      });
    } catch (error) {
      const reason = this.boundReason(error, signal) ?? networkReason(error);
      this.auditGrant({ status: null, sentAt, traceId: null, fingerprint: null, error: reason });
      throw new TokenError(`cannot reach the token endpoint ${this.safeTokenUrl}: ${reason}`, {
        tokenUrl: this.safeTokenUrl,
      });
    }

    const data = asRecord(response.data);
    const accessToken =
      typeof data?.access_token === 'string' && data.access_token.length > 0 ? data.access_token : null;
    // Registered before anything else can print the response.
    registerToken(accessToken);
    const traceId = headerValue(response.headers['x-trace-id']);
    const fingerprint = accessToken ? tokenFingerprint(accessToken) : null;
    this.auditGrant({ status: response.status, sentAt, traceId, fingerprint });

    if (response.status !== 200 || accessToken === null) {
      throw this.refusal(response.status, data, accessToken === null && response.status === 200);
    }
    const tokenType = typeof data?.token_type === 'string' ? data.token_type : 'Bearer';
    if (tokenType.toLowerCase() !== 'bearer') {
      throw new TokenError(
        `the token endpoint ${this.safeTokenUrl} issued a "${redact(tokenType)}" token; only Bearer is supported`,
        {
          tokenUrl: this.safeTokenUrl,
          status: response.status,
        },
      );
    }
    const expiresIn = Number(data?.expires_in);
    const lifetimeSeconds = Number.isFinite(expiresIn) && expiresIn > 0 ? expiresIn : this.defaultLifetimeSeconds;
    const expiresAt = sentAt + lifetimeSeconds * 1000;
    const grantedScopes = typeof data?.scope === 'string' ? normalizeScopes(data.scope.split(/[\s,]+/)) : null;
    const token: AccessToken = Object.freeze({
      value: accessToken,
      expiresAt,
      refreshAt: expiresAt - refreshBufferMs(lifetimeSeconds),
      lifetimeSeconds,
      requestedScopes: scopes,
      grantedScopes,
      fingerprint: tokenFingerprint(accessToken),
    });
    this.minted.push(token);
    this.noteDrift(scopes, grantedScopes);
    return token;
  }

  private refusal(status: number, data: Record<string, unknown> | null, noToken: boolean): TokenError {
    if (noToken) {
      return new TokenError(`the token endpoint ${this.safeTokenUrl} answered HTTP 200 without an access_token`, {
        tokenUrl: this.safeTokenUrl,
        status,
      });
    }
    // Only a well-formed RFC 6749 code is quoted; the rest of the body never is.
    const code = typeof data?.error === 'string' && /^[a-z_]{1,64}$/.test(data.error) ? data.error : undefined;
    const hint = code ? HINTS[code] : undefined;
    if (!code && (status === 404 || status === 405)) {
      return new TokenError(
        `the token URL ${this.safeTokenUrl} answered HTTP ${status}: no token endpoint there (check RAMP_TOKEN_URL, or STAGING_BASE_URL when it is unset)`,
        { tokenUrl: this.safeTokenUrl, status },
      );
    }
    return new TokenError(
      `the token endpoint ${this.safeTokenUrl} refused the grant: HTTP ${status}${code ? ` ${code}` : ''}${hint ? ` (${hint})` : ''}`,
      { tokenUrl: this.safeTokenUrl, status, ...(code ? { oauthError: code } : {}) },
    );
  }

  /** One revocation; a redacted problem line, or null when it worked. */
  private async revoke(token: AccessToken): Promise<string | null> {
    const url = `${this.tokenUrl}/revoke`;
    const sentAt = this.now();
    const signal = AbortSignal.timeout(this.deadlineMs);
    try {
      const response = await this.http.post(
        url,
        new URLSearchParams({ token: token.value, token_type_hint: 'access_token' }).toString(),
        {
          headers: {
            Authorization: `Basic ${this.basicCredential}`,
            'Content-Type': 'application/x-www-form-urlencoded',
          },
          signal,
        },
      );
      this.audit?.record({
        kind: 'revoke',
        method: 'POST',
        url: redactUrl(url),
        status: response.status,
        durationMs: this.now() - sentAt,
        traceId: headerValue(response.headers['x-trace-id']),
        tokenFingerprint: token.fingerprint,
      });
      return response.status >= 200 && response.status < 300
        ? null
        : `revoking token ${token.fingerprint} at ${redactUrl(url)}: HTTP ${response.status}`;
    } catch (error) {
      const reason = this.boundReason(error, signal) ?? networkReason(error);
      this.audit?.record({
        kind: 'revoke',
        method: 'POST',
        url: redactUrl(url),
        status: null,
        durationMs: this.now() - sentAt,
        traceId: null,
        tokenFingerprint: token.fingerprint,
        error: reason,
      });
      return `revoking token ${token.fingerprint} at ${redactUrl(url)}: ${reason}`;
    }
  }

  /** Why a request ended at one of the bounds (deadline, size cap), or null. */
  private boundReason(error: unknown, signal: AbortSignal): string | null {
    if (signal.aborted) return `no complete answer within ${this.deadlineMs} ms (RAMPART_HTTP_DEADLINE_MS)`;
    const message = (error as { message?: unknown }).message;
    if (typeof message === 'string' && /maxContentLength size of \d+ exceeded/.test(message)) {
      return `the answer is larger than ${this.maxResponseBytes} bytes (RAMPART_HTTP_MAX_BYTES)`;
    }
    return null;
  }

  private auditGrant(o: {
    status: number | null;
    sentAt: number;
    traceId: string | null;
    fingerprint: string | null;
    error?: string;
  }): void {
    this.audit?.record({
      kind: 'token',
      method: 'POST',
      url: this.safeTokenUrl,
      status: o.status,
      durationMs: this.now() - o.sentAt,
      traceId: o.traceId,
      tokenFingerprint: o.fingerprint,
      ...(o.error ? { error: o.error } : {}),
    });
  }

  private noteDrift(requested: readonly string[], granted: readonly string[] | null): void {
    const scopeSet = requested.join(' ');
    this.drift.set(scopeSet, {
      scopeSet,
      requested,
      granted,
      missing: granted ? requested.filter((s) => !granted.includes(s)) : [],
      extra: granted ? granted.filter((s) => !requested.includes(s)) : [],
      note: granted ? null : 'not reported by provider: the token response has no "scope"; the token probes decide',
    });
  }
}

const HINTS: Readonly<Record<string, string>> = {
  invalid_client: 'check RAMP_CLIENT_ID and RAMP_CLIENT_SECRET',
  invalid_scope: 'check RAMP_SCOPES against the scopes the app may request',
  unauthorized_client: 'enable the client_credentials grant for this app',
  unsupported_grant_type: 'the endpoint does not offer client_credentials',
};

export function normalizeScopes(scopes: readonly string[]): readonly string[] {
  return Object.freeze([...new Set(scopes.map((s) => s.trim()).filter(Boolean))].sort());
}

function assertTokenUrl(tokenUrl: string, safe: string): void {
  if (!URL.canParse(tokenUrl)) throw new TokenError(`the token URL ${safe} is not an absolute URL`, { tokenUrl: safe });
  const url = new URL(tokenUrl);
  if (url.protocol === 'https:') return;
  if (url.protocol === 'http:' && isLoopbackHost(url.hostname)) return;
  throw new TokenError(
    `refusing to send client credentials to ${safe}: the token URL must be https (plain http only to loopback)`,
    {
      tokenUrl: safe,
    },
  );
}

function formEncode(value: string): string {
  return new URLSearchParams({ v: value }).toString().slice(2);
}

function networkReason(error: unknown): string {
  const e = error as { code?: string; message?: string };
  if (e.code === 'ECONNABORTED' || e.code === 'ETIMEDOUT') return `timed out (${e.code})`;
  return e.code ?? redact(e.message ?? 'unknown network error');
}

function asRecord(value: unknown): Record<string, unknown> | null {
  if (typeof value === 'string') {
    try {
      return asRecord(JSON.parse(value));
    } catch {
      return null;
    }
  }
  return typeof value === 'object' && value !== null && !Array.isArray(value)
    ? (value as Record<string, unknown>)
    : null;
}

function headerValue(value: unknown): string | null {
  const first: unknown = Array.isArray(value) ? value[0] : value;
  return typeof first === 'string' || typeof first === 'number' || typeof first === 'boolean' ? String(first) : null;
}
