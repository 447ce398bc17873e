import type { DriftSummary, Level, ReportedFinding } from './findings';
import { describeLocation, levelRank } from './findings';
import type { DriftRenderInput } from './json';
// The file, not the module index: the index brings Ajv and the pact comparator, which text output never needs.
import { interactionLabel } from '../../contracts/interaction-label';

const DOCUMENT_GROUP = '(whole document)';
const MARK: Record<Level, string> = { error: '✗', warning: '!', info: '·' };

/**
 * Terminal output: one block per operation, the operations with breaking changes first, then a
 * one-line summary. Plain text, no colour or cursor codes, so it reads the same in CI logs.
 */
export function renderDriftText(input: DriftRenderInput): string {
  const lines: string[] = [`drift: ${input.base} → ${input.revision}`, ''];
  for (const group of groupByOperation(input.findings)) {
    lines.push(group.operation ?? DOCUMENT_GROUP);
    for (const finding of group.findings) lines.push(...findingLines(finding));
    lines.push('');
  }
  lines.push(summaryLine(input.summary));
  return `${lines.join('\n')}\n`;
}

function findingLines(finding: ReportedFinding): string[] {
  const mark = finding.ignored ? '-' : MARK[finding.level];
  const level = finding.ignored ? `${finding.level}, ignored` : finding.level;
  const where = describeLocation(finding);
  const lines = [`  ${mark} ${finding.id} (${level}): ${finding.message}`];
  if (where) lines.push(`      at ${where}`);
  if (finding.ignored) lines.push(`      ignored: ${finding.ignored.reason}${finding.ignored.expires ? ` (until ${finding.ignored.expires})` : ''}`);
  if (finding.ignoreExpired) {
    lines.push(`      counts again: its ignore expired on ${finding.ignoreExpired.expires ?? '?'} (${finding.ignoreExpired.reason})`);
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
  const impact = summary.impact ? `; ${summary.impact.breakingAffected} breaking affect our interactions, ${summary.impact.breakingUnaffected} unaffected` : '';
  return `${summary.failed ? '✗' : '✓'} ${counts}${ignored}${impact} — fails on ${summary.failOn}`;
}
