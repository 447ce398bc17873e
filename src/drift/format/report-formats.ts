import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { RunReport, StepResult } from '../../report/model';
import { countOutcomes, verdictOf } from '../../report/model';

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
  return {
    schemaVersion: 1,
    tool: { name: 'rampart', version: toolVersion() },
    startedAt: meta.startedAt.toISOString(),
    finishedAt: meta.finishedAt.toISOString(),
    target,
    ...verdictOf([step]),
    steps: [step],
    deprecatedCalls: [],
    tokens: { requests: 0, scopeSets: 0 },
    totals: countOutcomes(step.cases),
  };
}

let cachedVersion: string | null = null;
function toolVersion(): string {
  if (cachedVersion === null) {
    try {
      cachedVersion = (JSON.parse(readFileSync(join(__dirname, '../../../package.json'), 'utf8')) as { version?: string }).version ?? '0.0.0';
    } catch {
      cachedVersion = '0.0.0';
    }
  }
  return cachedVersion;
}
