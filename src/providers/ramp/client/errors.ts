import { RampartError } from '../../../errors/index';
import { redact } from '../../../log/redact';

/** Field name → messages, as Ramp reports validation problems (`error_v2.additional_info` or `error`). */
export type FieldErrors = Readonly<Record<string, readonly string[]>>;

/** What every Ramp API error carries. Never a token: only the operation, the status and Ramp's own codes. */
export interface RampApiErrorDetails {
  /** HTTP method, upper case. */
  method: string;
  /** Request path (no host, no query), e.g. `/developer/v1/cards/3f0c…`. */
  path: string;
  status: number;
  /** `error_v2.error_code`, e.g. `DEVELOPER_7001`, when Ramp sent one. */
  errorCode?: string | undefined;
  /** `error_v2.message`, when Ramp sent one. */
  rampMessage?: string | undefined;
  /** The `x-trace-id` response header: quote it to Ramp support. */
  traceId?: string | undefined;
}

/**
 * A Ramp API call answered with a non-2xx status. The subclasses name the statuses a caller reacts to
 * differently; anything else (400, 5xx after the HTTP layer's retries) is a plain `RampApiError`.
 */
export class RampApiError extends RampartError {
  override readonly name: string = 'RampApiError';
  readonly method: string;
  readonly path: string;
  readonly status: number;
  readonly errorCode: string | undefined;
  readonly rampMessage: string | undefined;
  readonly traceId: string | undefined;

  constructor(details: RampApiErrorDetails, summary = 'failed') {
    super(describe(details, summary));
    this.method = details.method;
    this.path = details.path;
    this.status = details.status;
    this.errorCode = details.errorCode;
    this.rampMessage = details.rampMessage;
    this.traceId = details.traceId;
  }

  get isRampApiError(): true {
    return true;
  }
}

/** 401: the token is missing, malformed, expired or revoked. Mint a new one; do not retry with the same. */
export class RampUnauthorizedError extends RampApiError {
  override readonly name = 'RampUnauthorizedError' as const;

  constructor(details: RampApiErrorDetails) {
    super(details, 'was refused: the access token is missing, expired or revoked');
  }
}

/** 403: the token is valid but lacks a scope (Ramp: `DEVELOPER_7100`). */
export class RampForbiddenError extends RampApiError {
  override readonly name = 'RampForbiddenError' as const;
  /** The scope the provider asked for in `WWW-Authenticate: Bearer error="insufficient_scope", scope="…"`. */
  readonly requiredScope: string | undefined;

  constructor(details: RampApiErrorDetails & { requiredScope?: string | undefined }) {
    super(
      details,
      details.requiredScope
        ? `was forbidden: the token lacks the ${details.requiredScope} scope`
        : 'was forbidden: the token lacks a required scope',
    );
    this.requiredScope = details.requiredScope;
  }
}

/** 404: no such resource (or no such id visible to this token). */
export class RampNotFoundError extends RampApiError {
  override readonly name = 'RampNotFoundError' as const;

  constructor(details: RampApiErrorDetails) {
    super(details, 'found nothing');
  }
}

/** 422: Ramp rejected the request's values; `fieldErrors` says which and why. */
export class RampValidationError extends RampApiError {
  override readonly name = 'RampValidationError' as const;
  readonly fieldErrors: FieldErrors;

  constructor(details: RampApiErrorDetails & { fieldErrors: FieldErrors }) {
    const fields = Object.keys(details.fieldErrors);
    super(details, fields.length > 0 ? `was rejected: invalid ${fields.join(', ')}` : 'was rejected as invalid');
    this.fieldErrors = details.fieldErrors;
  }
}

/** 429: over Ramp's rate limit (200 requests per rolling 10 s). The HTTP layer already waited and retried. */
export class RampRateLimitedError extends RampApiError {
  override readonly name = 'RampRateLimitedError' as const;
  /** From `Retry-After` (seconds or HTTP-date), when the provider sent it. */
  readonly retryAfterSeconds: number | undefined;

  constructor(details: RampApiErrorDetails & { retryAfterSeconds?: number | undefined }) {
    super(
      details,
      details.retryAfterSeconds === undefined
        ? 'was rate limited'
        : `was rate limited: retry after ${details.retryAfterSeconds} s`,
    );
    this.retryAfterSeconds = details.retryAfterSeconds;
  }
}

/** The provider answered 2xx with something the client cannot use (wrong shape, a `next` URL on another host). */
export class RampResponseError extends RampartError {
  override readonly name = 'RampResponseError' as const;
  readonly method: string;
  readonly path: string;

  constructor(method: string, path: string, problem: string) {
    super(redact(`Ramp API ${method} ${path} returned an unusable response: ${problem}`));
    this.method = method;
    this.path = path;
  }
}

/** A deferred task (e.g. a virtual card request) ended in `ERROR`, or did not finish within the polls allowed. */
export class RampDeferredTaskError extends RampartError {
  override readonly name = 'RampDeferredTaskError' as const;
  readonly taskId: string;
  /** The last status seen. */
  readonly status: string;
  readonly reason: 'failed' | 'timed-out';

  constructor(taskId: string, status: string, reason: 'failed' | 'timed-out', detail: string) {
    super(
      reason === 'failed'
        ? `Ramp deferred task ${taskId} failed with status ${status}: ${detail}`
        : `Ramp deferred task ${taskId} still ${status} after ${detail}`,
    );
    this.taskId = taskId;
    this.status = status;
    this.reason = reason;
  }
}

export function isRampApiError(error: unknown): error is RampApiError {
  return (
    error instanceof RampApiError ||
    (error instanceof Error && (error as Partial<RampApiError>).isRampApiError === true)
  );
}

function describe(details: RampApiErrorDetails, summary: string): string {
  const code = details.errorCode ? ` ${details.errorCode}` : '';
  const said = details.rampMessage ? `: ${oneLine(details.rampMessage)}` : '';
  const trace = details.traceId ? ` (trace ${details.traceId})` : '';
  return redact(`Ramp API ${details.method} ${details.path} ${summary} (HTTP ${details.status}${code})${said}${trace}`);
}

function oneLine(text: string): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  return flat.length > 200 ? `${flat.slice(0, 197)}...` : flat;
}
