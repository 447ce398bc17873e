import type { RunReport, StepResult } from '../../report/model';
import { buildRunReport } from '../../report/run-report';

/** The formats drift renders through the shared report renderers (`src/report`, `src/github`). */
export const REPORT_FORMATS = ['markdown', 'junit', 'github'] as const;
export type ReportFormat = (typeof REPORT_FORMATS)[number];

/** One renderer per report format; the implementations live in `src/report` and `src/github`. */
export type ReportRenderers = Record<ReportFormat, (report: RunReport) => string>;

export interface DriftReportMeta {
  /** The document diffed against the baseline: a URL or file. */
  revision: string;
  /** `sandbox` when the embedded sandbox served the revision. */
  targetKind: 'sandbox' | 'staging';
  specRevision?: string;
  startedAt: Date;
  finishedAt: Date;
}

/** A whole-run report holding just the drift step, for the shared renderers. */
export function buildDriftReport(step: StepResult, meta: DriftReportMeta): RunReport {
  const target: RunReport['target'] = { kind: meta.targetKind, baseUrl: meta.revision };
  if (meta.specRevision) target.specRevision = meta.specRevision;
  return buildRunReport({ startedAt: meta.startedAt, finishedAt: meta.finishedAt, target, steps: [step] });
}
