import type { DriftSummary, ReportedFinding } from './findings';

/**
 * The stable JSON output of `npm run drift -- --format json` (documented in docs/drift.md).
 * `schemaVersion` changes only when a field changes meaning; new fields may be added.
 */
export interface DriftJson {
  schemaVersion: 1;
  /** File or URL of the baseline document. */
  base: string;
  /** File or URL of the document compared with it. */
  revision: string;
  findings: DriftJsonFinding[];
  summary: DriftSummary;
}

export interface DriftJsonFinding {
  id: string;
  level: ReportedFinding['level'];
  operation: string | null;
  location: ReportedFinding['location'];
  message: string;
  args: Record<string, unknown>;
  ignored?: { reason: string; expires?: string };
  ignoreExpired?: { reason: string; expires?: string };
}

export interface DriftRenderInput {
  base: string;
  revision: string;
  findings: readonly ReportedFinding[];
  summary: DriftSummary;
}

export function toDriftJson(input: DriftRenderInput): DriftJson {
  return {
    schemaVersion: 1,
    base: input.base,
    revision: input.revision,
    // Keys are written in a fixed order so the output diffs cleanly between runs.
    findings: input.findings.map((f) => {
      const out: DriftJsonFinding = {
        id: f.id,
        level: f.level,
        operation: f.operation,
        location: f.location,
        message: f.message,
        args: f.args,
      };
      if (f.ignored) out.ignored = f.ignored;
      if (f.ignoreExpired) out.ignoreExpired = f.ignoreExpired;
      return out;
    }),
    summary: {
      error: input.summary.error,
      warning: input.summary.warning,
      info: input.summary.info,
      ignored: input.summary.ignored,
      failOn: input.summary.failOn,
      failed: input.summary.failed,
    },
  };
}

export function renderDriftJson(input: DriftRenderInput): string {
  return `${JSON.stringify(toDriftJson(input), null, 2)}\n`;
}
