import type { CaseResult, StepResult } from '../../report/model';
import type { Finding, IgnoreMark, Level, ReportedFinding } from './findings';
import { describeLocation, reaches, summarize } from './findings';

export const DRIFT_STEP_ID = 'drift';
export const DRIFT_SUITE = 'spec drift';

/** A finding as `driftStep` accepts it: straight from the engine, or marked by the ignore config. */
export type StepFinding = Finding & { ignored?: IgnoreMark; ignoreExpired?: IgnoreMark };

/**
 * Drift findings as a step of the shared result model: one case per finding. A finding at or above
 * `failOn` fails; below it passes with its level as severity; an ignored one is skipped with the reason.
 */
export function driftStep(findings: readonly StepFinding[], failOn: Level = 'error'): StepResult {
  const cases = findings.map((finding) => toCase(finding, failOn));
  const summary = summarize(findings as readonly ReportedFinding[], failOn);
  return {
    id: DRIFT_STEP_ID,
    title: 'Spec drift',
    cases,
    summary: { ...summary },
  };
}

function toCase(finding: StepFinding, failOn: Level): CaseResult {
  const where = describeLocation(finding);
  const base: CaseResult = {
    suite: DRIFT_SUITE,
    name: `${finding.operation ?? '(whole document)'}: ${finding.id}${where ? ` at ${where}` : ''}`,
    outcome: 'passed',
    durationMs: 0,
    message: finding.message,
    severity: finding.level,
    data: { ruleId: finding.id, level: finding.level, operation: finding.operation, location: finding.location },
  };
  if (finding.ignored) {
    const until = finding.ignored.expires ? ` (until ${finding.ignored.expires})` : '';
    return { ...base, outcome: 'skipped', message: `ignored: ${finding.ignored.reason}${until} — ${finding.message}` };
  }
  if (finding.ignoreExpired) {
    base.detail = `An ignore rule covered this finding until ${finding.ignoreExpired.expires ?? '?'} (${finding.ignoreExpired.reason}); it has expired, so the finding counts again.`;
  }
  return reaches(finding.level, failOn) ? { ...base, outcome: 'failed' } : base;
}
