import { isAxiosError } from 'axios';
import { HttpError, isRampartError } from '../../../errors/index';
import { redact } from '../../../log/redact';
import {
  type FieldErrors,
  RampApiError,
  type RampApiErrorDetails,
  RampForbiddenError,
  RampNotFoundError,
  RampRateLimitedError,
  RampUnauthorizedError,
  RampValidationError,
} from './errors';
import { errorWire } from './wire-format';

/**
 * Turns whatever a request threw into one of our typed errors. Axios errors are never passed on: they
 * carry the request config, and with it the Authorization header.
 */
export function toRampError(error: unknown, method: string, path: string): Error {
  if (isRampartError(error)) return error;
  if (!isAxiosError(error)) return error instanceof Error ? error : new Error(String(error));
  const response = error.response;
  if (!response) {
    return new HttpError(redact(`Ramp API ${method} ${path} got no response: ${error.code ?? error.message}`), {
      method,
      url: path,
    });
  }
  return errorFromResponse(response, method, path);
}

/** The typed error for a non-2xx response. */
export function errorFromResponse(
  response: { status: number; headers: unknown; data: unknown },
  method: string,
  path: string,
): RampApiError {
  const headers = (response.headers ?? {}) as Record<string, unknown>;
  const body = errorWire.parse(response.data);
  const details: RampApiErrorDetails = {
    method,
    path,
    status: response.status,
    errorCode: body.error_v2?.error_code,
    rampMessage: body.error_v2?.message === undefined ? undefined : redact(body.error_v2.message),
    traceId: headerValue(headers['x-trace-id']),
  };

  switch (response.status) {
    case 401:
      return new RampUnauthorizedError(details);
    case 403:
      return new RampForbiddenError({
        ...details,
        requiredScope: requiredScope(headerValue(headers['www-authenticate'])),
      });
    case 404:
      return new RampNotFoundError(details);
    case 422:
      return new RampValidationError({
        ...details,
        fieldErrors: { ...fieldErrorsOf(body.error), ...fieldErrorsOf(body.error_v2?.additional_info) },
      });
    case 429:
      return new RampRateLimitedError({
        ...details,
        retryAfterSeconds: retryAfterSeconds(headerValue(headers['retry-after'])),
      });
    default:
      return new RampApiError(details);
  }
}

/** `Bearer error="insufficient_scope", scope="cards:read"` → `cards:read` (RFC 6750 §3). */
export function requiredScope(wwwAuthenticate: string | undefined): string | undefined {
  if (!wwwAuthenticate || !/insufficient_scope/i.test(wwwAuthenticate)) return undefined;
  const match = /\bscope="([^"]*)"/i.exec(wwwAuthenticate);
  const scope = match?.[1]?.trim();
  return scope ? scope : undefined;
}

/** `Retry-After` is either delay-seconds or an HTTP-date (RFC 9110 §10.2.3). */
export function retryAfterSeconds(header: string | undefined, now: number = Date.now()): number | undefined {
  if (header === undefined || header.trim() === '') return undefined;
  const trimmed = header.trim();
  if (/^\d+$/.test(trimmed)) return Number(trimmed);
  const at = Date.parse(trimmed);
  if (Number.isNaN(at)) return undefined;
  return Math.max(0, Math.ceil((at - now) / 1000));
}

/** Ramp's field errors come as `{field: [messages]}` (sometimes a single string); anything else is ignored. */
export function fieldErrorsOf(value: unknown): FieldErrors {
  if (!value || typeof value !== 'object' || Array.isArray(value)) return {};
  const out: Record<string, string[]> = {};
  for (const [field, messages] of Object.entries(value)) {
    if (typeof messages === 'string') out[field] = [messages];
    else if (Array.isArray(messages)) out[field] = messages.filter((m): m is string => typeof m === 'string');
  }
  return out;
}

function headerValue(value: unknown): string | undefined {
  if (typeof value === 'string') return value;
  if (Array.isArray(value) && typeof value[0] === 'string') return value.join(', ');
  return undefined;
}
