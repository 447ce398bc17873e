import { redact } from '../log/redact';
import type { CaseResult, DeprecatedCall, RunReport, StepResult } from './model';

/**
 * `reports/verify.json`: the RunReport with every object's keys in a fixed, documented order
 * (docs/reports.md), 2-space indent, trailing newline. The same report always renders to the same bytes,
 * so the file diffs cleanly and tools can rely on the order.
 */
export function renderJson(report: RunReport): string {
  const ordered = {
    schemaVersion: report.schemaVersion,
    tool: { name: report.tool.name, version: report.tool.version },
    startedAt: report.startedAt,
    finishedAt: report.finishedAt,
    target: omitUndefined({
      kind: report.target.kind,
      baseUrl: report.target.baseUrl,
      specRevision: report.target.specRevision,
    }),
    verdict: report.verdict,
    exitCode: report.exitCode,
    totals: {
      passed: report.totals.passed,
      failed: report.totals.failed,
      error: report.totals.error,
      skipped: report.totals.skipped,
    },
    tokens: { requests: report.tokens.requests, scopeSets: report.tokens.scopeSets },
    ...(report.audit ? { audit: orderAudit(report.audit) } : {}),
    steps: report.steps.map(orderStep),
    deprecatedCalls: report.deprecatedCalls.map(orderDeprecatedCall),
  };
  // Redact the values first (so escaping cannot hide a secret), then the text as the last line of defence.
  return `${redact(JSON.stringify(redactStrings(ordered), null, 2))}\n`;
}

function orderAudit(audit: NonNullable<RunReport['audit']>): Record<string, unknown> {
  return { session: audit.session, records: audit.records, finalHash: audit.finalHash, keyed: audit.keyed };
}

function orderStep(step: StepResult): Record<string, unknown> {
  return omitUndefined({
    id: step.id,
    title: step.title,
    error: step.error,
    summary: step.summary === undefined ? undefined : sortKeys(step.summary),
    cases: step.cases.map(orderCase),
  });
}

function orderCase(c: CaseResult): Record<string, unknown> {
  return omitUndefined({
    suite: c.suite,
    name: c.name,
    outcome: c.outcome,
    severity: c.severity,
    durationMs: c.durationMs,
    providerState: c.providerState,
    message: c.message,
    detail: c.detail,
    rerun: c.rerun,
    data: c.data === undefined ? undefined : sortKeys(c.data),
  });
}

function orderDeprecatedCall(d: DeprecatedCall): Record<string, unknown> {
  return { operation: d.operation, calls: d.calls, deprecation: d.deprecation, sunset: d.sunset };
}

function omitUndefined(object: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(object).filter(([, value]) => value !== undefined));
}

/** Free-form objects (`data`, `summary`) have no documented order: their keys are sorted, recursively. */
export function sortKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortKeys);
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(
      Object.keys(value)
        .sort()
        .map((key) => [key, sortKeys((value as Record<string, unknown>)[key])]),
    );
  }
  return value;
}

/** Every string value and key, redacted before JSON escaping could hide a secret from the text pass. */
function redactStrings(value: unknown): unknown {
  if (typeof value === 'string') return redact(value);
  if (Array.isArray(value)) return value.map(redactStrings);
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([key, v]) => [redact(key), redactStrings(v)]));
  }
  return value;
}
