import type { DeprecatedCall } from '../report/model';
import { pathTemplate } from './url';

/** One response (or failed attempt) the HTTP client saw. */
export interface RecordedCall {
  method: string;
  /** Redacted; secret query values masked. */
  url: string;
  /** The caller's operation name (`config.operation`), e.g. `GET /v1/users/{id}`. */
  operation?: string;
  /** `null` when no response came back. */
  status: number | null;
  durationMs: number;
  /** `x-trace-id`, to quote when asking the provider about a call. */
  traceId: string | null;
  /** `Deprecation` header as sent (RFC 9745: `@<epoch seconds>`). */
  deprecation: string | null;
  /** `Sunset` header as sent (RFC 8594: an HTTP-date). */
  sunset: string | null;
  /** 1 for the first attempt; retries and the 401 replay count up. */
  attempt: number;
  /** Network error code when no response came back. */
  error?: string;
}

/**
 * Keeps every call the run made, so reports can list the deprecated operations the integration still
 * calls and anyone can find a call by its trace id.
 */
export class CallRecorder {
  private readonly recorded: RecordedCall[] = [];

  record(call: RecordedCall): void {
    this.recorded.push(Object.freeze({ ...call }));
  }

  calls(): RecordedCall[] {
    return [...this.recorded];
  }

  /** Calls answered with `Deprecation` or `Sunset`, grouped by operation (or method and templated path). */
  deprecatedCalls(): DeprecatedCall[] {
    const byOperation = new Map<string, DeprecatedCall>();
    for (const call of this.recorded) {
      if (call.deprecation === null && call.sunset === null) continue;
      const operation = call.operation ?? `${call.method} ${pathTemplate(call.url)}`;
      const seen = byOperation.get(operation);
      if (seen) {
        seen.calls += 1;
        seen.deprecation = call.deprecation ?? seen.deprecation;
        seen.sunset = call.sunset ?? seen.sunset;
      } else {
        byOperation.set(operation, { operation, deprecation: call.deprecation, sunset: call.sunset, calls: 1 });
      }
    }
    return [...byOperation.values()].sort((a, b) => a.operation.localeCompare(b.operation));
  }
}
