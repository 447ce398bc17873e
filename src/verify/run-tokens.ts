import { TokenProvider, type TokenProviderOptions } from '../auth';
import type { TokenKind } from './request-filter';

/** The run's client; `scopes` are those of the standard token. */
export type RunTokensOptions = Pick<
  TokenProviderOptions,
  'tokenUrl' | 'clientId' | 'clientSecret' | 'scopes' | 'timeoutMs' | 'deadlineMs' | 'audit'
>;

/** The scope a state's token is minted without. */
export const WITHOUT_CARDS_READ_SCOPE = 'cards:read';

/**
 * The run's real tokens, minted once in the parent process: one grant per scope set the pacts need
 * (`standard`; the standard scopes without `cards:read`; and, for the expired-token state, one more
 * grant whose token is revoked at once). Workers receive the values by IPC; they never mint.
 */
export class RunTokens {
  private readonly main: TokenProvider;
  /** Separate provider: its one token is revoked as soon as it is minted. */
  private readonly revoking: TokenProvider;
  private readonly values = new Map<TokenKind, string>();
  private readonly fingerprints = new Map<TokenKind, string>();
  private readonly options: RunTokensOptions;

  constructor(options: RunTokensOptions) {
    this.options = options;
    const common = {
      tokenUrl: options.tokenUrl,
      clientId: options.clientId,
      clientSecret: options.clientSecret,
      scopes: options.scopes,
      timeoutMs: options.timeoutMs,
      deadlineMs: options.deadlineMs,
      audit: options.audit,
    };
    this.main = new TokenProvider(common);
    this.revoking = new TokenProvider(common);
  }

  /** Mints the token of each kind not minted yet. @throws TokenError (exit 2) */
  async mint(kinds: Iterable<TokenKind>): Promise<Partial<Record<TokenKind, string>>> {
    for (const kind of new Set(kinds)) {
      if (this.values.has(kind)) continue;
      if (kind === 'standard') this.keep(kind, await this.main.getToken());
      else if (kind === 'without-cards-read') {
        this.keep(
          kind,
          await this.main.getToken({ scopes: this.options.scopes.filter((s) => s !== WITHOUT_CARDS_READ_SCOPE) }),
        );
      } else {
        const token = await this.revoking.getToken();
        const revocation = await this.revoking.revokeAll();
        if (revocation.revoked !== 1) {
          throw new Error(
            `could not revoke the token for the expired-token state: ${revocation.errors.join('; ') || 'the provider did not confirm'}`,
          );
        }
        this.keep(kind, token);
      }
    }
    return this.tokens();
  }

  tokens(): Partial<Record<TokenKind, string>> {
    return Object.fromEntries(this.values);
  }

  fingerprintOf(kind: TokenKind): string | null {
    return this.fingerprints.get(kind) ?? null;
  }

  /** The standard token provider (for probes, drift and the state handlers' lookups in-process). */
  get provider(): TokenProvider {
    return this.main;
  }

  get tokenRequests(): number {
    return this.main.tokenRequests + this.revoking.tokenRequests;
  }

  /**
   * Distinct scope sets granted (the revoked token counts as its own set: it is a separate grant);
   * a run that only used the standard provider (the guardrails) counts the sets it granted.
   */
  get scopeSets(): number {
    return Math.max(this.values.size, this.main.scopeDrift().length);
  }

  async revokeAll(): Promise<string[]> {
    const result = await this.main.revokeAll();
    return [...result.errors];
  }

  private keep(kind: TokenKind, token: { value: string; fingerprint: string }): void {
    this.values.set(kind, token.value);
    this.fingerprints.set(kind, token.fingerprint);
  }
}
