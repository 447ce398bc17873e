import { interactionLabel } from '../../contracts/interaction-label';
import type { CaseResult, DriftFindingData, StepResult } from '../../report/model';
import type { Finding, IgnoreMark, Level, ReportedInteraction } from './findings';
import { describeLocation, isAssessed, reaches, summarize } from './findings';

export const DRIFT_STEP_ID = 'drift';
export const DRIFT_SUITE = 'spec drift';

/** A finding as `driftStep` accepts it: from the engine, marked by the ignore config, or assessed for impact. */
export type StepFinding = Finding & {
  ignored?: IgnoreMark;
  ignoreExpired?: IgnoreMark;
  affectedInteractions?: ReportedInteraction[];
  unaffected?: boolean;
  raisedFrom?: Level;
};

/**
 * Drift findings as a step of the shared result model: one case per finding. A finding at or above
 * `failOn` fails; below it passes with its level as severity; an ignored one is skipped with the reason.
 * When the findings were matched to the pacts (`assessed`, by default when any finding carries
 * `affectedInteractions`), each case's `data` carries `affectedInteractions` (`spend-sync › a request
 * for a transaction`), `unaffected: true` when no interaction touches it, and `raisedFrom`.
 */
export function driftStep(
  findings: readonly StepFinding[],
  failOn: Level = 'error',
  assessed = findings.some(isAssessed),
): StepResult {
  if (!assessed) {
    const summary = summarize(findings, failOn);
    return {
      id: DRIFT_STEP_ID,
      title: 'Spec drift',
      cases: findings.map((f) => toCase(f, failOn)),
      summary: { ...summary },
    };
  }
  const impacted = findings.map((f) => ({
    ...f,
    affectedInteractions: f.affectedInteractions ?? [],
    unaffected: f.unaffected ?? (f.affectedInteractions ?? []).length === 0,
  }));
  const summary = summarize(impacted, failOn);
  const affected = impacted.filter((f) => !f.unaffected).length;
  return {
    id: DRIFT_STEP_ID,
    title: 'Spec drift',
    cases: impacted.map((f) => withImpact(toCase(f, failOn), f)),
    summary: {
      ...summary,
      affected,
      unaffected: impacted.length - affected,
      unaffectedBreaking: impacted.filter((f) => f.unaffected && f.level === 'error').length,
      raised: impacted.filter((f) => f.raisedFrom !== undefined).length,
    },
  };
}

function driftDataOf(finding: Finding): DriftFindingData {
  return { ruleId: finding.id, level: finding.level, operation: finding.operation, location: finding.location };
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
    data: driftDataOf(finding),
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

/** One drift case with the impact of its finding. */
type Assessed = StepFinding & { affectedInteractions: ReportedInteraction[]; unaffected: boolean };

function withImpact(c: CaseResult, finding: Assessed): CaseResult {
  const labels = finding.affectedInteractions.map((a) => interactionLabel(a.consumer, a.description));
  const data: DriftFindingData = { ...driftDataOf(finding), affectedInteractions: labels };
  if (finding.unaffected) data.unaffected = true;
  if (finding.raisedFrom !== undefined) data.raisedFrom = finding.raisedFrom;
  if (finding.affectedInteractions.length > 0) {
    data.impact = finding.affectedInteractions.map(({ consumer, description, reason }) => ({
      consumer,
      description,
      reason,
    }));
  }
  const lines = finding.affectedInteractions.map((a) => `${interactionLabel(a.consumer, a.description)}: ${a.reason}`);
  const raised =
    finding.raisedFrom !== undefined
      ? `Raised from ${finding.raisedFrom} to ${finding.level}: our interactions depend on what changed.`
      : null;
  const impactText = finding.unaffected
    ? 'No consumer interaction of ours touches this change.'
    : [raised, 'Consumer interactions affected:', ...lines.map((l) => `- ${l}`)]
        .filter((l): l is string => l !== null)
        .join('\n');
  return { ...c, data, detail: c.detail ? `${c.detail}\n${impactText}` : impactText };
}
