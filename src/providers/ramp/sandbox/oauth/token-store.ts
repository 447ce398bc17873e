import { randomBytes } from 'node:crypto';
import { registerToken } from '../../../../log/redact';

export interface IssuedToken {
  clientId: string;
  scopes: ReadonlySet<string>;
  expiresAt: number;
  revoked: boolean;
}

export type TokenCheck = { ok: true; token: IssuedToken } | { ok: false; reason: 'unknown' | 'expired' | 'revoked' };

/** Options of `TokenStore`. */
export interface TokenStoreOptions {
  /** Live tokens one client may hold; minting one more drops its oldest. @default 1000 */
  maxLivePerClient?: number;
  /** How long an expired or revoked token is still recognised as such (not `unknown`). @default 60000 */
  graceMs?: number;
  /** Least time between two sweeps of expired tokens. @default 1000 */
  sweepIntervalMs?: number;
}

/**
 * Opaque tokens, their client, scopes and expiry. Scopes are fixed at issue, as Ramp's are.
 *
 * Bounded, so a token flood cannot grow it for ever: expired tokens are swept (at most once per
 * `sweepIntervalMs`, on issue and check) once they are `graceMs` past expiry, and a client holding
 * `maxLivePerClient` live tokens loses its oldest when it mints another (it then reads as `unknown`).
 */
export class TokenStore {
  private readonly tokens = new Map<string, IssuedToken>();
  /** Per client, its token values in issue order (oldest first). */
  private readonly byClient = new Map<string, Set<string>>();
  private readonly maxLivePerClient: number;
  private readonly graceMs: number;
  private readonly sweepIntervalMs: number;
  private lastSweep = Number.NEGATIVE_INFINITY;

  constructor(
    private readonly ttlSeconds: number,
    private readonly now: () => number = Date.now,
    options: TokenStoreOptions = {},
  ) {
    this.maxLivePerClient = Math.max(1, options.maxLivePerClient ?? 1000);
    this.graceMs = Math.max(0, options.graceMs ?? 60_000);
    this.sweepIntervalMs = Math.max(0, options.sweepIntervalMs ?? 1000);
  }

  get lifetimeSeconds(): number {
    return this.ttlSeconds;
  }

  /** Tokens held, live or within their grace (for memory checks). */
  get size(): number {
    return this.tokens.size;
  }

  issue(clientId: string, scopes: readonly string[], ttlSeconds: number = this.ttlSeconds): string {
    this.sweep();
    const value = `ramp_tok_${randomBytes(30).toString('base64url')}`;
    registerToken(value);
    const own = this.byClient.get(clientId) ?? new Set<string>();
    this.byClient.set(clientId, own);
    while (own.size >= this.maxLivePerClient) {
      const oldest = own.values().next().value;
      if (oldest === undefined) break;
      this.forget(oldest);
    }
    this.tokens.set(value, {
      clientId,
      scopes: new Set(scopes),
      expiresAt: this.now() + ttlSeconds * 1000,
      revoked: false,
    });
    own.add(value);
    return value;
  }

  check(value: string): TokenCheck {
    this.sweep();
    const token = this.tokens.get(value);
    if (!token) return { ok: false, reason: 'unknown' };
    if (token.revoked) return { ok: false, reason: 'revoked' };
    if (this.now() >= token.expiresAt) return { ok: false, reason: 'expired' };
    return { ok: true, token };
  }

  /** RFC 7009: only the client the token was issued to can revoke it; anything else is silently ignored. */
  revoke(value: string, clientId: string): void {
    const token = this.tokens.get(value);
    if (token && token.clientId === clientId) token.revoked = true;
  }

  private forget(value: string): void {
    const token = this.tokens.get(value);
    if (!token) return;
    this.tokens.delete(value);
    const own = this.byClient.get(token.clientId);
    own?.delete(value);
    if (own?.size === 0) this.byClient.delete(token.clientId);
  }

  /** Drops every token more than `graceMs` past its expiry; a full pass at most once per interval. */
  private sweep(): void {
    const now = this.now();
    if (now - this.lastSweep < this.sweepIntervalMs) return;
    this.lastSweep = now;
    const horizon = now - this.graceMs;
    for (const [value, token] of this.tokens) if (token.expiresAt < horizon) this.forget(value);
  }
}
