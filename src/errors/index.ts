/**
 * The typed error hierarchy. Every failure a user can cause or meet (bad config, an unreadable spec or
 * pact, a token endpoint that says no, an unreachable host) is one of these, with a one-line message
 * naming what failed and where. Anything else that escapes is a bug in rampart.
 *
 * Exit codes are decided in one place, `exitCodeFor`, never at the throw site.
 */

export const ExitCode = {
  /** Everything held. */
  Ok: 0,
  /** A contract is broken: a pact interaction failed, a probe disagreed, drift reached --fail-on. */
  ContractBroken: 1,
  /** The tool, its input or the environment failed; nothing can be said about the contract. */
  ToolFailure: 2,
} as const;
export type ExitCode = (typeof ExitCode)[keyof typeof ExitCode];

export abstract class RampartError extends Error {
  abstract override readonly name: string;
  /** The exit code a command ends with when this error reaches the top. */
  readonly exitCode: ExitCode = ExitCode.ToolFailure;

  get isRampartError(): true {
    return true;
  }
}

/** A missing or malformed configuration value (environment, `.env`, a config file). */
export class ConfigError extends RampartError {
  override readonly name = 'ConfigError' as const;
  /** The variable or config key at fault, e.g. `RAMP_CLIENT_ID`. */
  readonly variable: string | undefined;

  constructor(message: string, options: { variable?: string; cause?: unknown } = {}) {
    super(message, { cause: options.cause });
    this.variable = options.variable;
  }
}

/** Bad command-line usage: an unknown flag, a missing argument. */
export class UsageError extends RampartError {
  override readonly name = 'UsageError' as const;
}

/** An OpenAPI document that cannot be read, parsed or understood. */
export class SpecLoadError extends RampartError {
  override readonly name = 'SpecLoadError' as const;
  /** File path or URL of the document. */
  readonly source: string;
  /** Where in the document, as a JSON pointer or `line:column`, when known. */
  readonly where: string | undefined;

  constructor(source: string, problem: string, options: { where?: string; cause?: unknown } = {}) {
    super(`${source}${options.where ? ` at ${options.where}` : ''}: ${problem}`, { cause: options.cause });
    this.source = source;
    this.where = options.where;
  }
}

/** A pact file that cannot be read or is not a pact. */
export class PactLoadError extends RampartError {
  override readonly name = 'PactLoadError' as const;
  readonly file: string;

  constructor(file: string, problem: string, options: { cause?: unknown } = {}) {
    super(`${file}: ${problem}`, { cause: options.cause });
    this.file = file;
  }
}

/**
 * The token endpoint failed or refused. Carries the token URL, the HTTP status and the OAuth error
 * code only: never the client secret, never a token, never the response body.
 */
export class TokenError extends RampartError {
  override readonly name = 'TokenError' as const;
  readonly tokenUrl: string;
  readonly status: number | undefined;
  /** RFC 6749 error code from the response (`invalid_client`, `invalid_scope`, ...), when there is one. */
  readonly oauthError: string | undefined;

  constructor(message: string, options: { tokenUrl: string; status?: number; oauthError?: string; cause?: unknown }) {
    super(message, { cause: options.cause });
    this.tokenUrl = options.tokenUrl;
    this.status = options.status;
    this.oauthError = options.oauthError;
  }
}

/** A request that could not be completed: unreachable host, timeout, retries exhausted. */
export class HttpError extends RampartError {
  override readonly name = 'HttpError' as const;
  readonly method: string;
  /** The URL with credentials and secret query values already removed. */
  readonly url: string;
  readonly status: number | undefined;

  constructor(message: string, options: { method: string; url: string; status?: number; cause?: unknown }) {
    super(message, { cause: options.cause });
    this.method = options.method.toUpperCase();
    this.url = options.url;
    this.status = options.status;
  }
}

/** A write (POST, PUT, PATCH, DELETE) or plain-http request to a host that is not allowed to receive it. */
export class WriteRefusedError extends RampartError {
  override readonly name = 'WriteRefusedError' as const;
  readonly method: string;
  readonly host: string;

  constructor(method: string, host: string, reason: string) {
    super(`refused ${method.toUpperCase()} to ${host}: ${reason}`);
    this.method = method.toUpperCase();
    this.host = host;
  }
}

/**
 * A token-bearing request to an origin the token was not minted for (a `page.next` or spec URL on
 * another host). Refused before a byte is sent; `origin` is already redacted.
 */
export class OriginRefusedError extends RampartError {
  override readonly name = 'OriginRefusedError' as const;
  readonly method: string;
  readonly origin: string;

  constructor(method: string, origin: string, allowed: readonly string[]) {
    super(
      `refused ${method.toUpperCase()} to ${origin}: the run's token goes only to ${allowed.join(', ')}, the origin it was minted for` +
        ' (a spec host on another origin must be named in RAMP_SPEC_TOKEN_HOST)',
    );
    this.method = method.toUpperCase();
    this.origin = origin;
  }
}

/**
 * Ends a command with a chosen exit code after it has already reported why (a verification that
 * found broken contracts ends with `new ExitError(ExitCode.ContractBroken)`).
 */
export class ExitError extends RampartError {
  override readonly name = 'ExitError' as const;
  override readonly exitCode: ExitCode;

  constructor(code: ExitCode, message = `exited with code ${code}`) {
    super(message);
    this.exitCode = code;
  }
}

export function isRampartError(error: unknown): error is RampartError {
  return (
    error instanceof RampartError ||
    (error instanceof Error && (error as Partial<RampartError>).isRampartError === true)
  );
}

/** The one place that maps anything thrown to an exit code. */
export function exitCodeFor(error: unknown): ExitCode {
  return isRampartError(error) ? error.exitCode : ExitCode.ToolFailure;
}
