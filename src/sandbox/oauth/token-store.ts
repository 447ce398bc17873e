import { randomBytes } from 'node:crypto';
import { registerSecret } from '../../log/redact';

export interface IssuedToken {
  clientId: string;
  scopes: ReadonlySet<string>;
  expiresAt: number;
  revoked: boolean;
}

export type TokenCheck =
  | { ok: true; token: IssuedToken }
  | { ok: false; reason: 'unknown' | 'expired' | 'revoked' };

/** Opaque tokens, their client, scopes and expiry. Scopes are fixed at issue, as Ramp's are. */
export class TokenStore {
  private readonly tokens = new Map<string, IssuedToken>();

  constructor(
    private readonly ttlSeconds: number,
    private readonly now: () => number = Date.now,
  ) {}

  get lifetimeSeconds(): number {
    return this.ttlSeconds;
  }

  issue(clientId: string, scopes: readonly string[], ttlSeconds: number = this.ttlSeconds): string {
    this.forgetExpired();
    const value = `ramp_tok_${randomBytes(30).toString('base64url')}`;
    registerSecret(value);
    this.tokens.set(value, { clientId, scopes: new Set(scopes), expiresAt: this.now() + ttlSeconds * 1000, revoked: false });
    return value;
  }

  check(value: string): TokenCheck {
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

  /** Keeps memory bounded on long runs; revoked and expired tokens stay recognisable for a while. */
  private forgetExpired(): void {
    if (this.tokens.size < 10_000) return;
    const horizon = this.now() - 3_600_000;
    for (const [value, token] of this.tokens) if (token.expiresAt < horizon) this.tokens.delete(value);
  }
}
