import type { DriftSummary, Level, ReportedFinding } from './findings';
import { describeLocation, levelRank } from './findings';
import type { DriftRenderInput } from './json';
// The file, not the module index: the index brings Ajv and the pact comparator, which text output never needs.
import { interactionLabel } from '../../contracts/interaction-label';

const DOCUMENT_GROUP = '(whole document)';
const MARK: Record<Level, string> = { error: '✗', warning: '!', info: '·' };

/** Which findings the text lists; all are counted in the summary whatever this says. */
export const SHOW_CHOICES = ['breaking', 'warnings', 'info', 'all'] as const;
export type Show = (typeof SHOW_CHOICES)[number];

export interface TextOptions {
  /** `breaking`; `warnings` (and breaking); `info` (and both); `all` (and ignored ones). @default 'warnings' */
  show?: Show;
  /** ANSI colour. @default false: the caller decides (a terminal without NO_COLOR) */
  color?: boolean;
}

const ANSI = {
  red: '\u001b[31m',
  yellow: '\u001b[33m',
  green: '\u001b[32m',
  dim: '\u001b[2m',
  bold: '\u001b[1m',
  reset: '\u001b[0m',
} as const;
type Paint = (colour: keyof typeof ANSI, text: string) => string;

/**
 * Terminal output, verdict first: the summary (counts by level, how many touch our interactions, what
 * is hidden) in the first lines, then the breaking findings, then the warnings, each grouped by
 * operation; info and ignored findings only when asked for with `show`.
 */
export function renderDriftText(input: DriftRenderInput, options: TextOptions = {}): string {
  const show = options.show ?? 'warnings';
  const paint: Paint = options.color
    ? (colour, text) => `${ANSI[colour]}${text}${ANSI.reset}`
    : (_colour, text) => text;
  const counting = input.findings.filter((f) => !f.ignored);
  const sections: Array<{ title: string; colour: keyof typeof ANSI; findings: ReportedFinding[]; shown: boolean }> = [
    { title: 'Breaking', colour: 'red', findings: counting.filter((f) => f.level === 'error'), shown: true },
    {
      title: 'Warnings',
      colour: 'yellow',
      findings: counting.filter((f) => f.level === 'warning'),
      shown: show !== 'breaking',
    },
    {
      title: 'Info',
      colour: 'dim',
      findings: counting.filter((f) => f.level === 'info'),
      shown: show === 'info' || show === 'all',
    },
    { title: 'Ignored', colour: 'dim', findings: input.findings.filter((f) => f.ignored), shown: show === 'all' },
  ];
  const summary = summaryLine(input.summary);
  const lines: string[] = [
    `drift: ${input.base} → ${input.revision}`,
    paint(input.summary.failed ? 'red' : 'green', summary),
    // No finding: nothing to match to interactions, and nothing to say about it.
    ...(input.findings.length > 0 ? [`  ${impactCount(input.findings)}`] : []),
  ];
  const hidden = sections
    .filter((s) => !s.shown && s.findings.length > 0)
    .map((s) => `${s.findings.length} ${s.title.toLowerCase()}`);
  if (hidden.length > 0)
    lines.push(
      `  not listed: ${hidden.join(', ')} (--show ${show === 'breaking' ? 'warnings, ' : ''}info or all to list them)`,
    );
  for (const section of sections) {
    if (!section.shown || section.findings.length === 0) continue;
    lines.push('', paint('bold', paint(section.colour, `${section.title} (${section.findings.length})`)));
    for (const group of groupByOperation(section.findings)) {
      lines.push(group.operation ?? DOCUMENT_GROUP);
      for (const finding of group.findings) lines.push(...findingLines(finding, paint));
    }
  }
  return `${lines.join('\n')}\n`;
}

/** `8 of 13 findings touch our interactions`, or why nobody knows. */
function impactCount(findings: readonly ReportedFinding[]): string {
  const counting = findings.filter((f) => !f.ignored);
  if (!findings.some((f) => f.affectedInteractions !== undefined))
    return 'not matched to pact interactions (no pacts given)';
  const touching = counting.filter((f) => (f.affectedInteractions?.length ?? 0) > 0).length;
  return `${touching} of ${counting.length} ${counting.length === 1 ? 'finding touches' : 'findings touch'} our interactions`;
}

function findingLines(finding: ReportedFinding, paint: Paint): string[] {
  const symbol = finding.ignored ? '-' : MARK[finding.level];
  const mark = finding.ignored
    ? symbol
    : paint(finding.level === 'error' ? 'red' : finding.level === 'warning' ? 'yellow' : 'dim', symbol);
  const level = finding.ignored ? `${finding.level}, ignored` : finding.level;
  const where = describeLocation(finding);
  const lines = [`  ${mark} ${finding.id} (${level}): ${finding.message}`];
  if (where) lines.push(`      at ${where}`);
  if (finding.ignored)
    lines.push(
      `      ignored: ${finding.ignored.reason}${finding.ignored.expires ? ` (until ${finding.ignored.expires})` : ''}`,
    );
  if (finding.ignoreExpired) {
    lines.push(
      `      counts again: its ignore expired on ${finding.ignoreExpired.expires ?? '?'} (${finding.ignoreExpired.reason})`,
    );
  }
  lines.push(...impactLines(finding));
  return lines;
}

/**
 * The consumer interactions a finding touches, one per line. A breaking finding `breaks:` them; a
 * warning or info finding only `affects:` them (a new enum value does not break a pact by itself).
 */
function impactLines(finding: ReportedFinding): string[] {
  const affected = finding.affectedInteractions;
  if (affected === undefined) return [];
  if (affected.length === 0) return ['      no consumer interaction touches this'];
  const lines: string[] = [];
  if (finding.raisedFrom !== undefined) {
    const reasons = [...new Set(affected.map((a) => a.reason))];
    lines.push(`      raised from ${finding.raisedFrom}: ${reasons.join('; ')}`);
  }
  const verb = finding.level === 'error' ? 'breaks' : 'affects';
  for (const a of affected) lines.push(`      ${verb}: ${interactionLabel(a.consumer, a.description)} (${a.reason})`);
  return lines;
}

interface OperationGroup {
  operation: string | null;
  findings: ReportedFinding[];
  /** Most severe level among findings that count; -1 when all are ignored. */
  worst: number;
}

/** Groups in first-seen order, then stably sorted: most severe first, fully-ignored groups last. */
export function groupByOperation(findings: readonly ReportedFinding[]): OperationGroup[] {
  const groups = new Map<string | null, OperationGroup>();
  for (const finding of findings) {
    let group = groups.get(finding.operation);
    if (!group) {
      group = { operation: finding.operation, findings: [], worst: -1 };
      groups.set(finding.operation, group);
    }
    group.findings.push(finding);
    if (!finding.ignored) group.worst = Math.max(group.worst, levelRank(finding.level));
  }
  const severity = (f: ReportedFinding) => (f.ignored ? -1 : levelRank(f.level));
  for (const group of groups.values()) group.findings.sort((a, b) => severity(b) - severity(a));
  return [...groups.values()].sort((a, b) => b.worst - a.worst);
}

/**
 * `✗ 3 breaking, 2 warnings, 5 info (1 ignored) — fails on error`; ✗ when the run fails, ✓ when not.
 * With the pacts checked: `✗ 4 breaking, 3 warnings, 5 info; 3 breaking affect our interactions, 1 unaffected — fails on error`.
 */
export function summaryLine(summary: DriftSummary): string {
  const counts = `${summary.error} breaking, ${summary.warning} ${summary.warning === 1 ? 'warning' : 'warnings'}, ${summary.info} info`;
  const ignored = summary.ignored > 0 ? ` (${summary.ignored} ignored)` : '';
  const impact = summary.impact
    ? `; ${summary.impact.breakingAffected} breaking affect our interactions, ${summary.impact.breakingUnaffected} unaffected`
    : '';
  return `${summary.failed ? '✗' : '✓'} ${counts}${ignored}${impact} — fails on ${summary.failOn}`;
}
