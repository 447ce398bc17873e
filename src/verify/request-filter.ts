import type { NextFunction, Request, RequestHandler, Response } from 'express';

/**
 * Which of the run's real tokens an interaction's API request carries. The provider state decides:
 * `revoked` for the expired-token state, `without-cards-read` for the missing-scope state.
 */
export type TokenKind = 'standard' | 'without-cards-read' | 'revoked';

/** One API request the verifier replayed, for the audit trail (no header values, no token). */
export interface ReplayedCall {
  method: string;
  /** Path and query as the pact has them. */
  url: string;
  status: number;
  durationMs: number;
  traceId: string | null;
  tokenKind: TokenKind;
  /** `Deprecation` and `Sunset` response headers, when the provider sent them. */
  deprecation: string | null;
  sunset: string | null;
}

export interface TokenRequestFilterOptions {
  /** The token value for a kind; minted by the parent process, never by the filter. */
  tokenFor(kind: TokenKind): string | undefined;
  /** The kind the current interaction needs (set by its provider state, reset before each interaction). */
  currentKind(): TokenKind;
  /**
   * Writes may reach the target. When false a write is answered here with status
   * `WRITE_REFUSED_STATUS` and never forwarded (the plan skips such interactions beforehand; this
   * is the guard for pacts it could not plan, from a broker).
   */
  writesAllowed: boolean;
  /** Called once per replayed API request when its response has been sent back to the verifier. */
  onReplayed?(call: ReplayedCall): void;
}

/**
 * Pact's proxy runs `requestFilter` on EVERY request it receives, including its own state-change
 * calls (`POST /_pactSetup`, setup and teardown) and message transport (`/_messages`). Those are
 * between the verifier and this process and must not carry a token, so anything under `/_pact` or
 * `/_messages` passes through untouched.
 */
/** The status a refused write is answered with (outside HTTP's registered range: never a provider's). */
export const WRITE_REFUSED_STATUS = 599;
/** The status a request is answered with when the token its provider state needs was not minted (likewise). */
export const TOKEN_MISSING_STATUS = 598;
const WRITE_METHODS = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

export function isVerifierInternalPath(path: string): boolean {
  return path.startsWith('/_pact') || path.startsWith('/_messages');
}

export function createTokenRequestFilter(options: TokenRequestFilterOptions): RequestHandler {
  return (req: Request, res: Response, next: NextFunction) => {
    if (isVerifierInternalPath(req.path)) {
      next();
      return;
    }
    if (!options.writesAllowed && WRITE_METHODS.has(req.method.toUpperCase())) {
      res
        .status(WRITE_REFUSED_STATUS)
        .json({ rampart: 'write refused: the target host is not in RAMPART_WRITE_HOSTS' });
      return;
    }
    const kind = options.currentKind();
    const token = options.tokenFor(kind);
    if (token === undefined) {
      res.status(TOKEN_MISSING_STATUS).json({ rampart: `no ${kind} token was minted for this run` });
      return;
    }
    // The pact's Authorization is a fake example matched by regex; the real token replaces it.
    req.headers['authorization'] = `Bearer ${token}`;
    const started = performance.now();
    res.on('finish', () => {
      const header = (name: string) => {
        const value = res.getHeader(name);
        return typeof value === 'string' ? value : null;
      };
      options.onReplayed?.({
        method: req.method,
        url: req.originalUrl,
        status: res.statusCode,
        durationMs: Math.round(performance.now() - started),
        traceId: header('x-trace-id'),
        tokenKind: kind,
        deprecation: header('deprecation'),
        sunset: header('sunset'),
      });
    });
    next();
  };
}
