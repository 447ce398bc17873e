import { redact } from '../log/redact';
import { caseData } from './case-data';
import { groupOf, oneLine, operationOf, problemsOf, ruleOf, stripAnsi } from './case-facts';
import { humanDate } from './human-date';
import { countOutcomes, type CaseResult, type RunReport, type StepResult } from './model';
import { rootCausesOf, type RootCause, type Sighting } from './root-causes';

/** First line of every report body: how the sticky PR comment is found again. */
export const REPORT_MARKER = '<!-- rampart:report -->';
/** GitHub rejects issue and pull-request comment bodies longer than this. */
export const GITHUB_COMMENT_LIMIT = 65_536;

const PROBLEMS_PREFIX = '<!-- rampart:problems ';
const MAX_PROBLEMS_FOOTER = 8_000;
const MAX_DETAIL = 1_500;
const MAX_RESOLVED_LISTED = 50;
const MAX_INTERACTIONS_LISTED = 12;
const MAX_SIGHTINGS_LISTED = 20;
/** Longest line of a fenced block: wider than about this many monospace characters scrolls in a 760 px comment. */
const FENCE_WIDTH = 88;

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

  const problems = problemsOf(report);
  const previousProblems = options.previous
    ? problemsOf(options.previous)
    : options.previousBody
      ? readProblems(options.previousBody)
      : [];
  const current = new Set(problems);
  const resolved = previousProblems.filter((p) => !current.has(p));
  const allResolved = previousProblems.length > 0 && problems.length === 0 && report.verdict === 'passed';

  const header = [
    REPORT_MARKER,
    `### ${verdictLine(report, allResolved)}`,
    '',
    targetLine(report),
    '',
    ...stepsTable(report.steps),
    '',
  ].join('\n');
  const footer = problemsFooter(problems);
  const causes = rootCausesOf(report);
  // In order of importance: when the body is cut, what is cut is the end.
  const sections = [
    resolvedSection(resolved, allResolved),
    errorsSection(report.steps),
    ...causesSections(report, causes),
    guardrailsSection(report, causes),
    deprecatedSection(report),
    infoSection(report.steps),
    skippedSection(report.steps),
  ].filter((s): s is Section => s !== null);

  const full = `${header}${sections.map(renderSection).join('')}${footer}`;
  if (full.length <= maxLength) return redact(full);
  return redact(truncate(header, sections, footer, full.length, maxLength, options.artifactUrl ?? null));
}

function truncate(
  header: string,
  sections: Section[],
  footer: string,
  fullLength: number,
  maxLength: number,
  artifactUrl: string | null,
): string {
  const where = artifactUrl ? `[the full report](${artifactUrl})` : "`reports/verify.md` in the run's artifacts";
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
  return out.length <= maxLength
    ? out
    : `${header.slice(0, Math.max(0, maxLength - note.length - footer.length))}${note}${footer}`.slice(0, maxLength);
}

function renderSection(section: Section): string {
  return `${section.head}${section.items.join('')}${section.tail}`;
}

function verdictLine(report: RunReport, allResolved: boolean): string {
  const totals = countOutcomes(report.steps.flatMap((s) => s.cases));
  const warnings = report.steps
    .flatMap((s) => s.cases)
    .filter((c) => c.outcome === 'passed' && groupOf(c) === 'warning').length;
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

/** Every field escaped: the report may come from an untrusted run (a forged `verify.json`). */
function targetLine(report: RunReport): string {
  const revision = report.target.specRevision ? ` (spec revision \`${code(report.target.specRevision)}\`)` : '';
  const tool = `${inline(report.tool.name)} ${inline(report.tool.version)}`;
  return `Target: **${inline(report.target.kind)}** \`${code(report.target.baseUrl)}\`${revision} · ${tool} · finished ${inline(humanDateTime(report.finishedAt))}`;
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

function causesSections(report: RunReport, causes: RootCause[]): Section[] {
  const confirmed = causes.filter((c) => c.level === 'breaking' && c.confirmed);
  const unconfirmed = causes.filter((c) => c.level === 'breaking' && !c.confirmed && c.interactions.length > 0);
  const untouched = causes.filter((c) => c.level === 'breaking' && !c.confirmed && c.interactions.length === 0);
  const warnings = causes.filter((c) => c.level === 'warning');
  const numbers = new Map(causes.map((c, i) => [c, i + 1]));
  const sections: Section[] = [];
  const more = (left: number) => (left > 0 ? `\n… and ${left} more in the full report.\n` : '');
  // A drift-only report (`npm run drift`, the spec watch) ran no check that could confirm a change.
  const driftOnly = report.steps.length > 0 && report.steps.every((s) => s.id === 'drift');
  if (confirmed.length > 0) {
    sections.push({
      head: `\n#### 🔴 Breaking: ${plural(confirmed.length, 'root cause')}\n\nEach is one change or failure, with every check it showed up in and the interactions it breaks.\n`,
      items: confirmed.map((c) => causeEntry(c, numbers.get(c) ?? 0, 'Breaks')),
      tail: '',
      more,
    });
  }
  if (unconfirmed.length > 0) {
    const head = driftOnly
      ? `\n#### 🔴 Breaking: ${plural(unconfirmed.length, 'change')} our interactions use\n\nEach is one change, with every finding it showed up in and the consumer interactions it breaks.\n`
      : `\n#### 🟠 Breaking in the spec, no check failing yet (${unconfirmed.length})\n\nOur interactions touch these changes, but no replay or pact check failed because of them.\n`;
    sections.push({
      head,
      items: unconfirmed.map((c) => causeEntry(c, numbers.get(c) ?? 0, driftOnly ? 'Breaks' : 'Touches')),
      tail: '',
      more,
    });
  }
  if (warnings.length > 0) {
    sections.push({
      head: `\n#### 🟡 Warnings (${warnings.length})\n\n`,
      items: warnings.map((c) => `- ${warningLine(c)}\n`),
      tail: '',
      more: (left) => (left > 0 ? `- … and ${left} more in the full report\n` : ''),
    });
  }
  if (untouched.length > 0) {
    sections.push({
      head: `\n<details><summary>Breaking for the provider's other clients, but no consumer interaction of ours touches it (${untouched.length})</summary>\n\n`,
      items: untouched.map((c) => `- ${findingList(c)}\n`),
      tail: '\n</details>\n',
      more: (left) => (left > 0 ? `- … and ${left} more in the full report\n` : ''),
    });
  }
  return sections;
}

/** One root cause: what changed, what it breaks, where it showed up, the command that reproduces it. */
function causeEntry(cause: RootCause, n: number, verb: 'Breaks' | 'Touches'): string {
  const lines = [`\n**${n}. ${inline(cause.title)}**\n`];
  lines.push(`- **${verb}** ${listOf(cause.interactions, MAX_INTERACTIONS_LISTED)}`);
  lines.push(`- **Seen in** ${placesOf(cause)}`);
  if (cause.operations.length > 0)
    lines.push(
      `- **Operations** ${cause.operations
        .slice(0, 5)
        .map((o) => `\`${code(o)}\``)
        .join(', ')}${cause.operations.length > 5 ? `, … ${cause.operations.length - 5} more` : ''}`,
    );
  if (cause.rerun) lines.push(`- **Reproduce** \`${code(cause.rerun)}\``);
  const shown = cause.sightings.slice(0, MAX_SIGHTINGS_LISTED);
  lines.push('', `<details><summary>Where it showed up (${cause.sightings.length})</summary>`, '');
  for (const s of shown) lines.push(sightingLine(s));
  if (cause.sightings.length > shown.length)
    lines.push(`- … and ${cause.sightings.length - shown.length} more in the full report`);
  const evidence =
    cause.sightings.find((s) => s.place === 'replay' && s.case.detail) ?? cause.sightings.find((s) => s.case.detail);
  if (evidence?.case.detail) {
    const what = evidence.place === 'replay' ? 'Expected vs actual' : 'Details';
    lines.push(
      '',
      `${what} (${inline(evidence.place)} of ${inline(evidence.interactions[0] ?? evidence.case.name)}):`,
      '',
      fenced(evidence.case.detail),
    );
  }
  lines.push('', '</details>');
  return `${lines.join('\n')}\n`;
}

function sightingLine(s: Sighting): string {
  const c = s.case;
  const mark = c.outcome === 'failed' ? '❌' : groupOf(c) === 'warning' ? '🟡' : '•';
  if (s.place === 'drift finding') {
    const operation = operationOf(c);
    return `- ${mark} drift finding \`${code(ruleOf(c))}\`${operation ? ` on \`${code(operation)}\`` : ''}: ${inline(c.message ?? c.name)}`;
  }
  const who = s.interactions[0] ?? c.name;
  const state = c.providerState ? ` (provider state \`${code(c.providerState)}\`)` : '';
  const what =
    s.place === 'guardrail'
      ? `${inline(c.name)}: ${inline(c.message ?? '')}`
      : `${inline(who)}${state}: ${inline(c.message ?? c.outcome)}`;
  return `- ${mark} ${s.place} · ${what}`;
}

function placesOf(cause: RootCause): string {
  const counts = new Map<string, number>();
  for (const s of cause.sightings) counts.set(s.place, (counts.get(s.place) ?? 0) + 1);
  return [...counts].map(([place, n]) => (n === 1 ? place : `${place} ×${n}`)).join(', ');
}

function warningLine(cause: RootCause): string {
  const affects =
    cause.interactions.length > 0 ? ` Affects ${listOf(cause.interactions, MAX_INTERACTIONS_LISTED)}.` : '';
  return `**${inline(cause.title)}** (${placesOf(cause)}).${affects}`;
}

function findingList(cause: RootCause): string {
  const rules = [...new Set(cause.sightings.map((s) => ruleOf(s.case)))].map((r) => `\`${code(r)}\``).join(', ');
  const operations =
    cause.operations.length > 0
      ? ` on ${cause.operations
          .slice(0, 3)
          .map((o) => `\`${code(o)}\``)
          .join(', ')}`
      : '';
  return `${inline(cause.title)} (${rules}${operations})`;
}

function listOf(items: readonly string[], max: number): string {
  if (items.length === 0) return '_no interaction of ours_';
  const shown = items.slice(0, max).map(inline).join(' · ');
  return items.length > max ? `${shown} · … ${items.length - max} more` : shown;
}

/** Guardrail failures and step-up rehearsals: about the integration's credentials and policy, not the spec. */
function guardrailsSection(report: RunReport, causes: RootCause[]): Section | null {
  const numbers = new Map<CaseResult, number>();
  causes.forEach((cause, i) => cause.sightings.forEach((s) => numbers.set(s.case, i + 1)));
  const items: string[] = [];
  for (const step of report.steps) {
    if (step.id !== 'guardrails') continue;
    for (const c of step.cases) {
      const group = groupOf(c);
      if (group !== 'breaking' && group !== 'warning') continue;
      const mark = group === 'breaking' ? '❌' : '🟡';
      const cause = numbers.get(c);
      const see = cause ? ` (root cause ${cause} above)` : '';
      const data = caseData(c);
      const remedy = data.kind === 'guardrail' && data.remedy !== null ? ` Remedy: ${inline(data.remedy)}.` : '';
      const rerun = c.rerun ? ` Rerun: \`${code(c.rerun)}\`` : '';
      items.push(`- ${mark} **${inline(c.name)}**: ${inline(c.message ?? c.outcome)}${see}.${remedy}${rerun}\n`);
    }
  }
  if (items.length === 0) return null;
  return {
    head: `\n#### 🛡️ Guardrails (${items.length})\n\n`,
    items,
    tail: '',
    more: (left) => (left > 0 ? `- … and ${left} more in the full report\n` : ''),
  };
}

function infoSection(steps: readonly StepResult[]): Section | null {
  const info = steps.flatMap((s) => s.cases.filter((c) => groupOf(c) === 'info' && c.outcome !== 'skipped'));
  if (info.length === 0) return null;
  return {
    head: `\n<details><summary>🔵 Info (${info.length})</summary>\n\n`,
    items: info.map((c) => {
      const operation = operationOf(c);
      const where = operation ? ` on \`${code(operation)}\`` : '';
      return `- \`${code(ruleOf(c))}\`${where}: ${inline(c.message ?? c.name)}\n`;
    }),
    tail: '\n</details>\n',
    more: (left) => (left > 0 ? `- … and ${left} more in the full report\n` : ''),
  };
}

function deprecatedSection(report: RunReport): Section | null {
  if (report.deprecatedCalls.length === 0) return null;
  const calls = [...report.deprecatedCalls].sort((a, b) => a.operation.localeCompare(b.operation));
  return {
    head: `\n#### 🕰️ Deprecated operations the integration still calls (${calls.length})\n\n| Operation | Calls | Deprecated → sunset |\n|---|---:|---|\n`,
    items: calls.map(
      (d) =>
        `| \`${code(d.operation)}\` | ${d.calls} | ${cell(humanDate(d.deprecation))} → ${cell(humanDate(d.sunset))} |\n`,
    ),
    tail: '',
    more: (left) => (left > 0 ? `| … ${left} more | | |\n` : ''),
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
    const parsed: unknown = JSON.parse(
      Buffer.from(body.slice(start + PROBLEMS_PREFIX.length, end), 'base64url').toString('utf8'),
    );
    return Array.isArray(parsed) ? parsed.filter((p): p is string => typeof p === 'string') : [];
  } catch {
    return [];
  }
}

function plural(n: number, noun: string): string {
  return `${n} ${noun}${n === 1 ? '' : 's'}`;
}

/**
 * Text inside a sentence, shown as it is: one line, no HTML, no Markdown (emphasis, links, code, tables),
 * no @mention. Provider answers and a forged report alike stay inert.
 */
function inline(text: string): string {
  return oneLine(text)
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/[\\`*[\]~|]|(?<![A-Za-z0-9])_|_(?![A-Za-z0-9])/g, (ch) => `\\${ch}`)
    .replace(/@(?=\w)/g, '@\u200b');
}

function cell(text: string): string {
  return inline(text);
}

/** Inline code cannot be escaped; backticks become quotes instead. */
function code(text: string): string {
  return oneLine(text).replace(/`/g, "'").replace(/\|/g, '\\|');
}

function fenced(detail: string): string {
  let body = stripAnsi(detail);
  if (body.length > MAX_DETAIL)
    body = `${body.slice(0, MAX_DETAIL)}\n… (${body.length - MAX_DETAIL} more characters in the full report)`;
  body = body.split(/\r?\n/).flatMap(wrapLine).join('\n');
  const longestRun = Math.max(2, ...Array.from(body.matchAll(/`+/g), (m) => m[0].length));
  const fence = '`'.repeat(longestRun + 1);
  return `${fence}text\n${body.replace(/\s+$/, '')}\n${fence}`;
}

/** Long lines break (after a comma or space where possible), continuation indented, so no block scrolls sideways. */
function wrapLine(line: string): string[] {
  const indent = /^\s*/.exec(line)?.[0] ?? '';
  const out: string[] = [];
  let rest = line;
  while (rest.length > FENCE_WIDTH) {
    const window = rest.slice(0, FENCE_WIDTH);
    const at = Math.max(window.lastIndexOf(',') + 1, window.lastIndexOf(' ') + 1);
    const cut = at > indent.length + 20 ? at : FENCE_WIDTH;
    out.push(rest.slice(0, cut).trimEnd());
    rest = `${indent}    ${rest.slice(cut).trimStart()}`;
  }
  out.push(rest);
  return out;
}

function humanDateTime(value: string): string {
  const time = Date.parse(value);
  if (!Number.isFinite(time) || !/^\d{4}-\d{2}-\d{2}T/.test(value)) return value;
  return `${humanDate(value)} ${new Date(time).toISOString().slice(11, 16)} UTC`;
}
