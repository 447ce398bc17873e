import { caseData } from './case-data';
import type { CaseResult, RunReport, Severity, StepResult } from './model';

/**
 * What every renderer needs to know about a case beyond the model's fields: how bad it is, which rule
 * or check produced it, which operation and consumer interactions it concerns. Read once, here, so the
 * Markdown, JUnit, terminal and annotation renderers never disagree.
 */

export type Group = 'breaking' | 'warning' | 'info';

/** The case's severity: its own, else the drift level in `data.level`, else `error` for a failure. */
export function severityOf(c: CaseResult): Severity | null {
  if (c.severity) return c.severity;
  const level = caseData(c).level;
  if (level) return level;
  return c.outcome === 'failed' ? 'error' : null;
}

/** The severity table a case belongs in, or null when it is neither a problem nor worth a mention. */
export function groupOf(c: CaseResult): Group | null {
  if (c.outcome === 'skipped' || c.outcome === 'error') return null;
  if (c.outcome === 'failed') return 'breaking';
  const severity = severityOf(c);
  if (severity === 'error') return 'breaking';
  if (severity === 'warning') return 'warning';
  if (severity === 'info') return 'info';
  return null;
}

/** A pact interaction: reported with its provider state, expected vs actual and rerun command. */
export function isInteraction(c: CaseResult, step?: StepResult): boolean {
  return c.providerState !== undefined || c.suite.startsWith('pact ') || step?.id === 'pacts';
}

export function ruleOf(c: CaseResult): string {
  const data = caseData(c);
  return data.kind === 'rule-finding' ? data.ruleId : c.name;
}

export function operationOf(c: CaseResult): string | null {
  return caseData(c).operation;
}

/**
 * The consumer interactions a finding touches: `undefined` when nobody matched findings to interactions,
 * an empty list when they did and none is affected.
 */
export function affectedInteractionsOf(c: CaseResult): string[] | undefined {
  const data = caseData(c);
  return data.kind === 'rule-finding' ? data.affectedInteractions : undefined;
}

/**
 * A short, stable label naming one problem; two runs reporting the same problem produce the same label,
 * which is how the "resolved" state finds what went away.
 */
export function problemLabel(c: CaseResult): string {
  const data = caseData(c);
  if (data.kind === 'rule-finding') {
    // A finding is identified by what it says about the spec, not by its display name.
    const parts = [c.suite, data.ruleId, data.operation, data.location?.label ?? null];
    return oneLine(parts.filter((p): p is string => p !== null && p !== '').join(' · '));
  }
  // A replayed interaction is named as everywhere else in the reports: consumer › interaction.
  const consumer = /^pact (.+?) -> /.exec(c.suite)?.[1];
  if (consumer) return oneLine(`replay · ${consumer} › ${c.name}`);
  return oneLine(`${c.suite} · ${c.name}`);
}

/** The problems a report holds: failed and error cases, warnings, step errors. Sorted, without duplicates. */
export function problemsOf(report: RunReport): string[] {
  const labels = new Set<string>();
  for (const step of report.steps) {
    if (step.error) labels.add(oneLine(`${step.title} · could not run`));
    for (const c of step.cases) {
      const severity = severityOf(c);
      if (
        c.outcome === 'failed' ||
        c.outcome === 'error' ||
        (c.outcome === 'passed' && (severity === 'warning' || severity === 'error'))
      ) {
        labels.add(problemLabel(c));
      }
    }
  }
  return [...labels].sort();
}

// eslint-disable-next-line no-control-regex
const ANSI = /\u001b\[[0-9;?]*[ -/]*[@-~]|\u001b\][^\u0007\u001b]*(?:\u0007|\u001b\\)/g;

export function stripAnsi(text: string): string {
  return text.replace(ANSI, '');
}

export function oneLine(text: string): string {
  return stripAnsi(text)
    .replace(/\s*[\r\n]+\s*/g, ' ')
    .trim();
}

export function formatSeconds(ms: number): string {
  return (Math.max(0, Number.isFinite(ms) ? ms : 0) / 1000).toFixed(3);
}
