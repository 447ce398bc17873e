import type { Level } from '../drift';
import { driftStep, type StepFinding } from '../drift/format';
import type { CaseResult, StepResult } from '../report/model';
import type { ImpactedFinding } from './assess-impact';
import { interactionLabel } from './interaction-facts';

/**
 * The drift step with consumer impact: `driftStep` of `src/drift/format` over the impacted findings
 * (raised levels count), each case's `data` carrying `affectedInteractions` (`spend-sync › a request
 * for a transaction`), `unaffected: true` when no interaction touches it, and `raisedFrom`.
 */
export function impactStep(impacted: readonly ImpactedFinding<StepFinding>[], failOn: Level = 'error'): StepResult {
  const step = driftStep(impacted, failOn);
  return decorateDriftStep(step, impacted);
}

/**
 * Adds impact to a drift step already built by `driftStep` from the same findings in the same order
 * (one case per finding). Throws when the counts differ: zipping unrelated lists would misreport.
 */
export function decorateDriftStep(step: StepResult, impacted: readonly ImpactedFinding[]): StepResult {
  if (step.cases.length !== impacted.length) {
    throw new Error(`impact: the drift step has ${step.cases.length} cases but ${impacted.length} findings were assessed`);
  }
  const cases = step.cases.map((c, i) => decorateDriftCase(c, impacted[i] as ImpactedFinding));
  const affected = impacted.filter((f) => !f.unaffected).length;
  return {
    ...step,
    cases,
    summary: {
      ...step.summary,
      affected,
      unaffected: impacted.length - affected,
      unaffectedBreaking: impacted.filter((f) => f.unaffected && f.level === 'error').length,
      raised: impacted.filter((f) => f.raisedFrom !== undefined).length,
    },
  };
}

/** One drift case with the impact of its finding. */
export function decorateDriftCase(c: CaseResult, finding: ImpactedFinding): CaseResult {
  const labels = finding.affectedInteractions.map((a) => interactionLabel(a.consumer, a.description));
  const data: Record<string, unknown> = { ...c.data, affectedInteractions: labels };
  if (finding.unaffected) data['unaffected'] = true;
  if (finding.raisedFrom !== undefined) data['raisedFrom'] = finding.raisedFrom;
  if (finding.affectedInteractions.length > 0) {
    data['impact'] = finding.affectedInteractions.map(({ consumer, description, reason }) => ({ consumer, description, reason }));
  }
  const lines = finding.affectedInteractions.map((a) => `${interactionLabel(a.consumer, a.description)}: ${a.reason}`);
  const raised = finding.raisedFrom !== undefined ? `Raised from ${finding.raisedFrom} to ${finding.level}: our interactions depend on what changed.` : null;
  const impactText = finding.unaffected
    ? 'No consumer interaction of ours touches this change.'
    : [raised, 'Consumer interactions affected:', ...lines.map((l) => `- ${l}`)].filter((l): l is string => l !== null).join('\n');
  return { ...c, data, detail: c.detail ? `${c.detail}\n${impactText}` : impactText };
}
