import type { DriftSummary, ImpactSummary, ReportedFinding, ReportedInteraction } from './findings';

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
  summary: DriftJsonSummary;
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
  /** The consumer interactions the finding touches; present when the run checked the pacts. */
  affectedInteractions?: ReportedInteraction[];
  /** Present with `affectedInteractions`: true when no interaction of ours touches the finding. */
  unaffected?: boolean;
  /** The rules' level before our interactions' dependence raised it to `level`. */
  raisedFrom?: ReportedFinding['level'];
}

export interface DriftJsonSummary extends Omit<DriftSummary, 'impact'> {
  /** Present when the run checked the pacts. */
  impact?: ImpactSummary;
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
      if (f.affectedInteractions) {
        out.affectedInteractions = f.affectedInteractions.map(({ consumer, description, reason }) => ({
          consumer,
          description,
          reason,
        }));
        out.unaffected = f.affectedInteractions.length === 0;
        if (f.raisedFrom !== undefined) out.raisedFrom = f.raisedFrom;
      }
      return out;
    }),
    summary: toJsonSummary(input.summary),
  };
}

function toJsonSummary(summary: DriftSummary): DriftJsonSummary {
  const out: DriftJsonSummary = {
    error: summary.error,
    warning: summary.warning,
    info: summary.info,
    ignored: summary.ignored,
    failOn: summary.failOn,
    failed: summary.failed,
  };
  if (summary.impact) {
    const { breakingAffected, breakingUnaffected, raised } = summary.impact;
    out.impact = { breakingAffected, breakingUnaffected, raised };
  }
  return out;
}

export function renderDriftJson(input: DriftRenderInput): string {
  return `${JSON.stringify(toDriftJson(input), null, 2)}\n`;
}
