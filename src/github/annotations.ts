import { redact } from '../log/redact';
import { affectedInteractionsOf, groupOf, oneLine, operationOf, ruleOf } from '../report/case-facts';
import type { CaseResult, RunReport } from '../report/model';

type Level = 'error' | 'warning' | 'notice';

/**
 * Workflow commands that turn findings into annotations on the run (and on the PR's checks):
 * failed and error cases and steps that could not run → `::error`, warnings → `::warning`, info →
 * `::notice`. Title = the rule or check. One line each, escaped per the Actions toolkit.
 */
export function renderAnnotations(report: RunReport): string[] {
  const lines: string[] = [];
  for (const step of report.steps) {
    if (step.error) lines.push(command('error', `${step.title}: could not run`, step.error));
    for (const c of step.cases) {
      const level = levelOf(c);
      if (level) lines.push(command(level, ruleOf(c), messageOf(c)));
    }
  }
  return lines;
}

function levelOf(c: CaseResult): Level | null {
  if (c.outcome === 'failed' || c.outcome === 'error') return 'error';
  const group = groupOf(c);
  if (group === 'breaking') return 'error';
  if (group === 'warning') return 'warning';
  if (group === 'info') return 'notice';
  return null;
}

function messageOf(c: CaseResult): string {
  const operation = operationOf(c);
  const affected = affectedInteractionsOf(c) ?? [];
  const parts = [
    operation ? `${operation}:` : `${c.suite} · ${c.name}:`,
    c.message ?? c.name,
    affected.length > 0 ? `(affects ${affected.join(', ')})` : null,
    c.rerun ? `Rerun: ${c.rerun}` : null,
  ];
  return parts.filter((p): p is string => p !== null).join(' ');
}

function command(level: Level, title: string, message: string): string {
  return `::${level} title=${escapeProperty(redact(oneLine(title)))}::${escapeData(redact(message))}`;
}

/**
 * Message text: `%`, CR and LF are escaped (the runner would end the command at a line break); other
 * control characters (ANSI escapes, vertical tab, NEL, line and paragraph separators) are written as
 * `%XX` too, so nothing in a provider's text can move the rest onto a line of its own.
 */
export function escapeData(value: string): string {
  return (
    value
      .replace(/%/g, '%25')
      .replace(/\r/g, '%0D')
      .replace(/\n/g, '%0A')
      // eslint-disable-next-line no-control-regex
      .replace(/[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u2028\u2029]/g, (ch) => `%${hex(ch)}`)
  );
}

function hex(ch: string): string {
  return ch.charCodeAt(0).toString(16).toUpperCase().padStart(2, '0');
}

/** Property values additionally escape `:` and `,`, which separate properties. */
export function escapeProperty(value: string): string {
  return escapeData(value).replace(/:/g, '%3A').replace(/,/g, '%2C');
}
