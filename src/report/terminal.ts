import { redact } from '../log/redact';
import { isInteraction, oneLine, stripAnsi } from './case-facts';
import { countOutcomes, type CaseResult, type Outcome, type RunReport } from './model';
import { rerunFor } from './root-causes';

const SYMBOLS: Record<Outcome, string> = { passed: '✓', failed: '✗', error: '!', skipped: '-' };
const COLOURS: Record<Outcome, string> = {
  passed: '\u001b[32m',
  failed: '\u001b[31m',
  error: '\u001b[33m',
  skipped: '\u001b[90m',
};
const RESET = '\u001b[0m';

export interface ProgressPrinterOptions {
  /** How many items the run will report; shown as "i of n". */
  total: number;
  /** What an item is called. @default 'interaction' */
  noun?: string;
  /** Where each line goes. @default a line on process.stdout */
  write?: (line: string) => void;
  /** Colour the symbols. @default stdout is a TTY and NO_COLOR is unset */
  color?: boolean;
}

/**
 * One plain line per finished item ("interaction 3 of 12 ✓ list transactions (41 ms)"). No cursor
 * movement, no rewriting of earlier lines: the output reads the same in a terminal and in a CI log.
 */
export class ProgressPrinter {
  private done = 0;
  private total: number;
  private readonly noun: string;
  private readonly write: (line: string) => void;
  private readonly color: boolean;

  constructor(options: ProgressPrinterOptions) {
    this.total = Math.max(0, options.total);
    this.noun = options.noun ?? 'interaction';
    this.write = options.write ?? ((line) => process.stdout.write(`${line}\n`));
    this.color = options.color ?? (process.stdout.isTTY === true && !process.env['NO_COLOR']);
  }

  /** When the count becomes known (or grows) after the printer was made. */
  setTotal(total: number): void {
    this.total = Math.max(0, total);
  }

  /** Prints and returns the line for one finished item. */
  record(item: Pick<CaseResult, 'name' | 'outcome'> & Partial<Pick<CaseResult, 'durationMs' | 'message'>>): string {
    this.done += 1;
    const total = Math.max(this.total, this.done);
    const symbol = this.color ? `${COLOURS[item.outcome]}${SYMBOLS[item.outcome]}${RESET}` : SYMBOLS[item.outcome];
    const duration = item.durationMs === undefined ? '' : ` (${Math.round(item.durationMs)} ms)`;
    const why = item.outcome !== 'passed' && item.message ? `: ${oneLine(item.message)}` : '';
    const line = redact(`${this.noun} ${this.done} of ${total} ${symbol} ${oneLine(item.name)}${duration}${why}`);
    this.write(line);
    return line;
  }
}

/**
 * The end-of-run summary for a terminal: a plain-text table of the steps, then every failure and error
 * with its expected vs actual and the command that reruns it, then the verdict.
 */
export function renderSummaryTable(report: RunReport): string {
  const header = ['step', 'passed', 'failed', 'errors', 'skipped'];
  const rows = report.steps.map((step) => {
    const t = countOutcomes(step.cases);
    return [
      step.error ? `${step.title} (could not run)` : step.title,
      String(t.passed),
      String(t.failed),
      String(t.error + (step.error ? 1 : 0)),
      String(t.skipped),
    ];
  });
  const all = countOutcomes(report.steps.flatMap((s) => s.cases));
  const stepErrors = report.steps.filter((s) => s.error).length;
  rows.push(['total', String(all.passed), String(all.failed), String(all.error + stepErrors), String(all.skipped)]);
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]?.length ?? 0)));
  const format = (cells: string[]) =>
    cells
      .map((c, i) => (i === 0 ? c.padEnd(widths[i] ?? 0) : c.padStart(widths[i] ?? 0)))
      .join('  ')
      .trimEnd();
  const rule = widths.map((w) => '-'.repeat(w)).join('  ');
  const lines = [format(header), rule, ...rows.slice(0, -1).map(format), rule, format(rows[rows.length - 1] ?? [])];

  const problems = renderProblems(report);
  if (problems.length > 0) lines.push('', 'Failures and errors:', ...problems);
  lines.push('', verdictLine(report));
  const timing = timingLine(report);
  if (timing) lines.push(timing);
  return redact(lines.join('\n'));
}

/** Every step error, failure and error of the run, with expected vs actual and its rerun command; [] when none. */
export function renderProblems(report: RunReport): string[] {
  const problems: string[] = [];
  for (const step of report.steps) {
    if (step.error) problems.push('', `! ${step.title} could not run: ${oneLine(step.error)}`);
    for (const c of step.cases) {
      if (c.outcome !== 'failed' && c.outcome !== 'error') continue;
      problems.push('', `${SYMBOLS[c.outcome]} ${c.suite} · ${oneLine(c.name)}`);
      if (isInteraction(c, step) && c.providerState) problems.push(`  provider state: ${c.providerState}`);
      if (c.message) problems.push(`  ${oneLine(c.message)}`);
      if (c.detail)
        problems.push(
          ...stripAnsi(c.detail)
            .replace(/\s+$/, '')
            .split(/\r?\n/)
            .map((l) => `    ${l}`),
        );
      const rerun = rerunFor(c, step, report);
      if (rerun) problems.push(`  rerun: ${rerun}`);
    }
  }
  return problems.map(redact);
}

export function verdictLine(report: RunReport): string {
  return report.verdict === 'passed'
    ? 'verdict: passed (exit 0)'
    : report.verdict === 'failed'
      ? 'verdict: contract broken (exit 1)'
      : 'verdict: the tool or the environment failed, nothing can be said about the contract (exit 2)';
}

/** `time: 12.3 s in all; slowest step: Token probes (3.1 s)`, from the report's clock and each step's duration. */
export function timingLine(report: RunReport): string | null {
  const total = Date.parse(report.finishedAt) - Date.parse(report.startedAt);
  if (!Number.isFinite(total) || total < 0) return null;
  let slowest: { title: string; ms: number } | null = null;
  for (const step of report.steps) {
    const ms = step.summary?.['durationMs'];
    if (typeof ms === 'number' && Number.isFinite(ms) && (slowest === null || ms > slowest.ms))
      slowest = { title: step.title, ms };
  }
  const seconds = (ms: number) => `${(ms / 1000).toFixed(1)} s`;
  return `time: ${seconds(total)} in all${slowest ? `; slowest step: ${slowest.title} (${seconds(slowest.ms)})` : ''}`;
}
