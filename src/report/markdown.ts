import { redact } from '../log/redact';
import {
  affectedInteractionsOf,
  groupOf,
  isInteraction,
  oneLine,
  operationOf,
  problemsOf,
  ruleOf,
  stripAnsi,
  type Group,
} from './case-facts';
import { countOutcomes, type CaseResult, type RunReport, type StepResult } from './model';

/** First line of every report body: how the sticky PR comment is found again. */
export const REPORT_MARKER = '<!-- rampart:report -->';
/** GitHub rejects issue and pull-request comment bodies longer than this. */
export const GITHUB_COMMENT_LIMIT = 65_536;

const PROBLEMS_PREFIX = '<!-- rampart:problems ';
const MAX_PROBLEMS_FOOTER = 8_000;
const MAX_DETAIL = 3_000;
const MAX_RESOLVED_LISTED = 50;

export interface MarkdownOptions {
  /**
   * Where the full report lives (the run's artifacts page). Linked from the truncation note.
   * @default null: the note names `reports/verify.md` in the run's artifacts
   */
  artifactUrl?: string | null;
  /** The report an earlier run produced: problems it had that are gone now are listed as resolved. */
  previous?: RunReport | null;
  /** Or the earlier comment's body: its hidden problem list serves the same purpose. */
  previousBody?: string | null;
  /**
   * Longest body to produce, in UTF-16 code units (never fewer than GitHub counts).
   * @default 65_000, a margin under GitHub's 65,536
   */
  maxLength?: number;
  /** Tables with more rows than this fold into `<details>`. @default 10 */
  foldAfter?: number;
}

/** A part of the body that can be cut between items when the whole would be too long. */
interface Section {
  head: string;
  items: string[];
  tail: string;
  /** The line standing in for items that did not fit. */
  more: (left: number) => string;
}

/**
 * The Markdown report: the PR comment, the job summary and `reports/verify.md`. Deterministic (the same
 * report renders to the same text), redacted, and never longer than `maxLength`.
 */
export function renderMarkdown(report: RunReport, options: MarkdownOptions = {}): string {
  const maxLength = Math.min(options.maxLength ?? 65_000, GITHUB_COMMENT_LIMIT);
  const foldAfter = options.foldAfter ?? 10;

  const problems = problemsOf(report);
  const previousProblems = options.previous
    ? problemsOf(options.previous)
    : options.previousBody
      ? readProblems(options.previousBody)
      : [];
  const current = new Set(problems);
  const resolved = previousProblems.filter((p) => !current.has(p));
  const allResolved = previousProblems.length > 0 && problems.length === 0 && report.verdict === 'passed';

  const header = [REPORT_MARKER, `### ${verdictLine(report, allResolved)}`, '', targetLine(report), '', ...stepsTable(report.steps), ''].join('\n');
  const footer = problemsFooter(problems);
  const sections = [
    resolvedSection(resolved, allResolved),
    errorsSection(report.steps),
    ...severitySections(report.steps, foldAfter),
    interactionsSection(report.steps),
    deprecatedSection(report),
    skippedSection(report.steps),
  ].filter((s): s is Section => s !== null);

  const full = `${header}${sections.map(renderSection).join('')}${footer}`;
  if (full.length <= maxLength) return redact(full);
  return redact(truncate(header, sections, footer, full.length, maxLength, options.artifactUrl ?? null));
}

function truncate(header: string, sections: Section[], footer: string, fullLength: number, maxLength: number, artifactUrl: string | null): string {
  const where = artifactUrl ? `[the full report](${artifactUrl})` : '`reports/verify.md` in the run\'s artifacts';
  const note = `\n> [!NOTE]\n> Truncated: the full report is ${fullLength.toLocaleString('en-US')} characters, more than a PR comment holds. Read ${where}.\n`;
  let budget = maxLength - header.length - footer.length - note.length;
  const parts: string[] = [];
  for (const section of sections) {
    const whole = renderSection(section);
    if (whole.length <= budget) {
      parts.push(whole);
      budget -= whole.length;
      continue;
    }
    // Cut inside this section, keeping its closing tags, then drop every later section.
    let used = section.head.length + section.tail.length + section.more(section.items.length).length;
    if (used > budget) break;
    const kept: string[] = [];
    for (const item of section.items) {
      if (used + item.length > budget) break;
      kept.push(item);
      used += item.length;
    }
    parts.push(`${section.head}${kept.join('')}${section.more(section.items.length - kept.length)}${section.tail}`);
    break;
  }
  const out = `${header}${parts.join('')}${note}${footer}`;
  // Only a pathological header (thousands of steps) gets here: cut it too rather than exceed the limit.
  return out.length <= maxLength ? out : `${header.slice(0, Math.max(0, maxLength - note.length - footer.length))}${note}${footer}`.slice(0, maxLength);
}

function renderSection(section: Section): string {
  return `${section.head}${section.items.join('')}${section.tail}`;
}

function verdictLine(report: RunReport, allResolved: boolean): string {
  const totals = countOutcomes(report.steps.flatMap((s) => s.cases));
  const warnings = report.steps.flatMap((s) => s.cases).filter((c) => c.outcome === 'passed' && groupOf(c) === 'warning').length;
  const stepErrors = report.steps.filter((s) => s.error).length;
  const counts = [
    totals.error + stepErrors > 0 ? plural(totals.error + stepErrors, 'error') : null,
    totals.failed > 0 ? `${totals.failed} failed` : null,
    `${totals.passed} passed`,
    warnings > 0 ? plural(warnings, 'warning') : null,
    totals.skipped > 0 ? `${totals.skipped} skipped` : null,
  ]
    .filter((p): p is string => p !== null)
    .join(', ');
  if (report.verdict === 'error') return `⚠️ rampart could not check everything: ${counts}`;
  if (report.verdict === 'failed') return `❌ Contract broken: ${counts}`;
  if (allResolved) return `✅ Resolved: the drift reported earlier is gone (${counts})`;
  return `✅ Every contract holds: ${counts}`;
}

function targetLine(report: RunReport): string {
  const revision = report.target.specRevision ? ` (spec revision \`${report.target.specRevision}\`)` : '';
  return `Target: **${report.target.kind}** \`${report.target.baseUrl}\`${revision} · ${report.tool.name} ${report.tool.version} · finished ${report.finishedAt}`;
}

function stepsTable(steps: readonly StepResult[]): string[] {
  if (steps.length === 0) return ['_No step ran._'];
  const rows = steps.map((step) => {
    const t = countOutcomes(step.cases);
    const title = step.error ? `${step.title} ⚠️ could not run` : step.title;
    return `| ${cell(title)} | ${t.passed} | ${t.failed} | ${t.error + (step.error ? 1 : 0)} | ${t.skipped} |`;
  });
  return ['| Step | Passed | Failed | Errors | Skipped |', '|---|---:|---:|---:|---:|', ...rows];
}

function resolvedSection(resolved: string[], allResolved: boolean): Section | null {
  if (resolved.length === 0) return null;
  const listed = resolved.slice(0, MAX_RESOLVED_LISTED);
  const lead = allResolved ? 'Every problem the previous report listed is gone:\n\n' : 'No longer reported:\n\n';
  return {
    head: `\n#### ✅ Resolved since the previous report (${resolved.length})\n\n${lead}`,
    items: listed.map((label) => `- ~~${inline(label)}~~\n`),
    tail: resolved.length > listed.length ? `- … and ${resolved.length - listed.length} more\n` : '',
    more: (left) => (left > 0 ? `- … and ${left} more\n` : ''),
  };
}

function errorsSection(steps: readonly StepResult[]): Section | null {
  const items: string[] = [];
  for (const step of steps) {
    if (step.error) items.push(`- **${inline(step.title)}** could not run: ${inline(step.error)}\n`);
    for (const c of step.cases) {
      if (c.outcome !== 'error') continue;
      const rerun = c.rerun ? ` Rerun: \`${code(c.rerun)}\`` : '';
      items.push(`- **${inline(c.suite)}** · ${inline(c.name)}: ${inline(c.message ?? 'error')}${rerun}\n`);
    }
  }
  if (items.length === 0) return null;
  return {
    head: `\n#### ⚠️ Errors: what could not be checked (${items.length})\n\nNothing can be said about these contracts until the tool or the environment works again.\n\n`,
    items,
    tail: '',
    more: (left) => (left > 0 ? `- … and ${left} more\n` : ''),
  };
}

const GROUP_TITLES: Record<Group, string> = { breaking: '🔴 Breaking', warning: '🟡 Warnings', info: '🔵 Info' };
const TABLE_HEAD = '| Rule / check | Operation | What changed | Consumer interactions affected |\n|---|---|---|---|\n';

function severitySections(steps: readonly StepResult[], foldAfter: number): Section[] {
  const byGroup: Record<Group, CaseResult[]> = { breaking: [], warning: [], info: [] };
  for (const step of steps) {
    for (const c of step.cases) {
      const group = groupOf(c);
      if (group === null) continue;
      if (c.outcome === 'failed' && isInteraction(c, step)) continue; // reported with expected vs actual below
      byGroup[group].push(c);
    }
  }
  const sections: Section[] = [];
  for (const group of ['breaking', 'warning', 'info'] as const) {
    const cases = byGroup[group];
    if (cases.length === 0) continue;
    if (group === 'breaking') {
      const touched = cases.filter((c) => affectedInteractionsOf(c)?.length !== 0);
      const untouched = cases.filter((c) => affectedInteractionsOf(c)?.length === 0);
      const title = `\n#### ${GROUP_TITLES[group]} (${cases.length})\n\n`;
      if (touched.length > 0) {
        sections.push(table(title, touched, foldAfter, ['breaking change', 'breaking changes']));
      }
      if (untouched.length > 0) {
        const subtitle = `${touched.length > 0 ? '\n' : title}Breaking for the provider's other clients, but **no consumer interaction of ours touches it**:\n\n`;
        sections.push(table(subtitle, untouched, 0, ['breaking change no interaction touches', 'breaking changes no interaction touches']));
      }
      continue;
    }
    sections.push(table(`\n#### ${GROUP_TITLES[group]} (${cases.length})\n\n`, cases, group === 'info' ? 0 : foldAfter, group === 'info' ? ['info finding', 'info findings'] : ['warning', 'warnings']));
  }
  return sections;
}

function table(title: string, cases: CaseResult[], foldAfter: number, [one, many]: [string, string]): Section {
  const fold = cases.length > foldAfter;
  return {
    head: `${title}${fold ? `<details><summary>${cases.length} ${cases.length === 1 ? one : many}</summary>\n\n` : ''}${TABLE_HEAD}`,
    items: cases.map(row),
    tail: fold ? '\n</details>\n' : '',
    more: (left) => (left > 0 ? `| … | | ${left} more in the full report | |\n` : ''),
  };
}

function row(c: CaseResult): string {
  const operation = operationOf(c);
  const changed = c.message ?? c.name;
  return `| ${cell(ruleOf(c))} | ${operation ? `\`${code(operation)}\`` : '—'} | ${cell(changed)} | ${affectedCell(c)} |\n`;
}

function affectedCell(c: CaseResult): string {
  const affected = affectedInteractionsOf(c);
  if (affected === undefined) return '—';
  if (affected.length === 0) return '_none_';
  const list = affected.map(cell).join('<br>');
  return affected.length <= 3 ? list : `<details><summary>${affected.length} interactions</summary>${list}</details>`;
}

function interactionsSection(steps: readonly StepResult[]): Section | null {
  const failed = steps.flatMap((step) => step.cases.filter((c) => c.outcome === 'failed' && isInteraction(c, step)));
  if (failed.length === 0) return null;
  return {
    head: `\n#### ❌ Failed interactions (${failed.length})\n`,
    items: failed.map(interactionEntry),
    tail: '',
    more: (left) => (left > 0 ? `\n… and ${left} more failed interactions in the full report.\n` : ''),
  };
}

function interactionEntry(c: CaseResult): string {
  const lines = [`\n**${inline(c.name)}** · ${inline(c.suite)}\n`];
  if (c.providerState) lines.push(`- Provider state: \`${code(c.providerState)}\``);
  if (c.message) lines.push(`- ${inline(c.message)}`);
  if (c.rerun) lines.push(`- Rerun just this one: \`${code(c.rerun)}\``);
  if (c.detail) lines.push('', fenced(c.detail));
  return `${lines.join('\n')}\n`;
}

function deprecatedSection(report: RunReport): Section | null {
  if (report.deprecatedCalls.length === 0) return null;
  const calls = [...report.deprecatedCalls].sort((a, b) => a.operation.localeCompare(b.operation));
  return {
    head: `\n#### 🕰️ Deprecated operations the integration still calls (${calls.length})\n\n| Operation | Calls | Deprecation | Sunset |\n|---|---:|---|---|\n`,
    items: calls.map((d) => `| \`${code(d.operation)}\` | ${d.calls} | ${cell(d.deprecation ?? '—')} | ${cell(d.sunset ?? '—')} |\n`),
    tail: '',
    more: (left) => (left > 0 ? `| … ${left} more | | | |\n` : ''),
  };
}

function skippedSection(steps: readonly StepResult[]): Section | null {
  const skipped = steps.flatMap((s) => s.cases.filter((c) => c.outcome === 'skipped'));
  if (skipped.length === 0) return null;
  return {
    head: `\n<details><summary>Skipped (${skipped.length})</summary>\n\n`,
    items: skipped.map((c) => `- ${inline(c.suite)} · ${inline(c.name)}${c.message ? `: ${inline(c.message)}` : ''}\n`),
    tail: '\n</details>\n',
    more: (left) => (left > 0 ? `- … and ${left} more\n` : ''),
  };
}

/**
 * The problems of this report, hidden at the end of the body, so the next run can say which are gone
 * even when all it has is the previous comment. Base64url keeps `-->` out of the HTML comment.
 */
function problemsFooter(problems: string[]): string {
  const kept: string[] = [];
  let size = 0;
  for (const p of problems) {
    const label = p.length > 200 ? `${p.slice(0, 199)}…` : p;
    size += label.length + 4;
    if (size > MAX_PROBLEMS_FOOTER * 0.7) break;
    kept.push(label);
  }
  return `\n${PROBLEMS_PREFIX}${Buffer.from(JSON.stringify(kept), 'utf8').toString('base64url')} -->\n`;
}

/** The problem labels hidden in an earlier body; none when there is no readable list. */
export function readProblems(body: string): string[] {
  const start = body.lastIndexOf(PROBLEMS_PREFIX);
  if (start < 0) return [];
  const end = body.indexOf(' -->', start);
  if (end < 0) return [];
  try {
    const parsed: unknown = JSON.parse(Buffer.from(body.slice(start + PROBLEMS_PREFIX.length, end), 'base64url').toString('utf8'));
    return Array.isArray(parsed) ? parsed.filter((p): p is string => typeof p === 'string') : [];
  } catch {
    return [];
  }
}

function plural(n: number, noun: string): string {
  return `${n} ${noun}${n === 1 ? '' : 's'}`;
}

/** Text inside a sentence: one line, no HTML, no accidental table or mention syntax. */
function inline(text: string): string {
  return oneLine(text).replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/@(?=\w)/g, '@\u200b');
}

function cell(text: string): string {
  return inline(text).replace(/\|/g, '\\|');
}

/** Inline code cannot be escaped; backticks become quotes instead. */
function code(text: string): string {
  return oneLine(text).replace(/`/g, "'").replace(/\|/g, '\\|');
}

function fenced(detail: string): string {
  let body = stripAnsi(detail);
  if (body.length > MAX_DETAIL) body = `${body.slice(0, MAX_DETAIL)}\n… (${body.length - MAX_DETAIL} more characters in the full report)`;
  const longestRun = Math.max(2, ...Array.from(body.matchAll(/`+/g), (m) => m[0].length));
  const fence = '`'.repeat(longestRun + 1);
  return `${fence}text\n${body.replace(/\s+$/, '')}\n${fence}`;
}
