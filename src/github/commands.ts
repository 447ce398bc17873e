import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { UsageError } from '../errors';
import { redact } from '../log/redact';
import { parseRunReport, renderMarkdown, REPORT_MARKER } from '../report';
import { escapeData, renderAnnotations } from './annotations';
import { GitHubApi } from './github-api';
import { readGitHubEnv } from './github-env';
import { pullRequestHeadIs, resolvePullRequest } from './pull-request';
import { DEFAULT_COMMENT_AUTHOR, upsertStickyComment, type IssueComment } from './sticky-comment';
import { writeStepSummary } from './step-summary';
import { syncTrackingIssue } from './tracking-issue';

type Env = Readonly<Record<string, string | undefined>>;

export interface CommentCommandOptions {
  /** Post this Markdown file as it is. @default null: render `report` instead */
  body?: string | null;
  /** The run's `verify.json`, rendered against the comment already there (for the "resolved" state). @default reports/verify.json */
  report?: string;
  /** The pull request number. @default from the event payload, else `prNumberFile` */
  pr?: string | null;
  /** Written by the pull-request workflow into its artifact. @default reports/pr-number.txt */
  prNumberFile?: string;
  /** Link for the full report. @default the run that produced the report */
  artifactUrl?: string | null;
  /** The bot login whose comment is the sticky one. @default RAMPART_COMMENT_AUTHOR, else github-actions[bot] */
  author?: string | null;
  /** @default process.env */
  env?: Env;
  /** @default a line on stdout */
  log?: (line: string) => void;
}

/** `npm run comment`: creates or updates the sticky report comment on the pull request. Returns the exit code. */
export async function runComment(options: CommentCommandOptions = {}): Promise<number> {
  const log = options.log ?? ((line: string) => process.stdout.write(`${redact(line)}\n`));
  const env = options.env ?? process.env;
  const gh = readGitHubEnv(env);
  const author = options.author?.trim() || env['RAMPART_COMMENT_AUTHOR']?.trim() || DEFAULT_COMMENT_AUTHOR;
  const event = gh.eventPath ? await readJson(gh.eventPath) : null;
  const pr = await resolvePullRequest({
    explicit: options.pr ?? null,
    eventPath: gh.eventPath,
    numberFile: options.prNumberFile ?? 'reports/pr-number.txt',
  });
  const api = new GitHubApi({ apiUrl: gh.apiUrl, token: gh.token });

  if (pr.expectedHeadSha && !(await pullRequestHeadIs(api, gh.repository, pr.number, pr.expectedHeadSha))) {
    log(
      `rampart: not commenting: pull request #${pr.number}'s head is no longer ${pr.expectedHeadSha.slice(0, 12)}, the commit this report is about`,
    );
    return 0;
  }

  const artifactUrl = options.artifactUrl ?? runPageOf(event, gh);
  const body = await bodyFor(options, artifactUrl);
  const result = await upsertStickyComment({
    apiUrl: gh.apiUrl,
    token: gh.token,
    repository: gh.repository,
    issueNumber: pr.number,
    body,
    marker: REPORT_MARKER,
    author,
  });
  log(
    `rampart: ${result.action} the report comment on pull request #${pr.number}${result.url ? `: ${result.url}` : ''}`,
  );
  return 0;
}

async function bodyFor(
  options: CommentCommandOptions,
  artifactUrl: string | null,
): Promise<string | ((existing: IssueComment | null) => string)> {
  if (options.body) return readText(options.body, '--body');
  const reportFile = options.report ?? 'reports/verify.json';
  if (!existsSync(reportFile)) {
    if (existsSync('reports/verify.md') && options.report === undefined) return readText('reports/verify.md', '--body');
    // The run stopped before it could report (install or tests failed): say so rather than stay silent.
    const where = artifactUrl ? ` [See the run](${artifactUrl}).` : '';
    return `${REPORT_MARKER}\n### ⚠️ rampart wrote no report\n\nThe run stopped before \`npm run verify\` could report: nothing can be said about the contract.${where}\n`;
  }
  const report = parseRunReport(await readText(reportFile, '--report'), reportFile);
  return (existing) => renderMarkdown(report, { previousBody: existing?.body ?? null, artifactUrl });
}

export interface NightlyIssueOptions {
  outcome: string;
  /** The night's Markdown report, folded into the issue. @default reports/verify.md when present */
  report?: string | null;
  /** @default the current run, from GITHUB_SERVER_URL, GITHUB_REPOSITORY and GITHUB_RUN_ID */
  runUrl?: string | null;
  env?: Env;
  log?: (line: string) => void;
}

/** The nightly workflow's last step: open, comment on or close the tracking issue. Returns the exit code. */
export async function runNightlyIssue(options: NightlyIssueOptions): Promise<number> {
  const log = options.log ?? ((line: string) => process.stdout.write(`${redact(line)}\n`));
  if (options.outcome !== 'success' && options.outcome !== 'failure') {
    throw new UsageError(`--outcome must be success or failure, got "${options.outcome}"`);
  }
  const gh = readGitHubEnv(options.env ?? process.env);
  const reportFile = options.report === undefined ? 'reports/verify.md' : options.report;
  const report = reportFile && existsSync(reportFile) ? await readText(reportFile, '--report') : null;
  const runUrl = options.runUrl ?? (gh.runId ? `${gh.serverUrl}/${gh.repository}/actions/runs/${gh.runId}` : null);
  const result = await syncTrackingIssue({
    apiUrl: gh.apiUrl,
    token: gh.token,
    repository: gh.repository,
    outcome: options.outcome,
    runUrl,
    report,
  });
  const what = {
    opened: 'opened tracking issue',
    commented: 'commented on tracking issue',
    closed: 'closed tracking issue',
    none: 'no tracking issue to close',
  }[result.action];
  log(`rampart: ${what}${result.issueNumber ? ` #${result.issueNumber}` : ''}${result.url ? `: ${result.url}` : ''}`);
  return 0;
}

function runPageOf(event: unknown, gh: { serverUrl: string; repository: string; runId: string | null }): string | null {
  const run = (event as { workflow_run?: { html_url?: unknown } } | null)?.workflow_run;
  if (typeof run?.html_url === 'string' && /^https?:\/\//.test(run.html_url)) return run.html_url;
  return gh.runId ? `${gh.serverUrl}/${gh.repository}/actions/runs/${gh.runId}` : null;
}

async function readText(file: string, flag: string): Promise<string> {
  try {
    return await readFile(file, 'utf8');
  } catch {
    throw new UsageError(`cannot read ${file} (${flag})`);
  }
}

async function readJson(file: string): Promise<unknown> {
  try {
    return JSON.parse(await readFile(file, 'utf8')) as unknown;
  } catch {
    return null; // resolvePullRequest reports an unreadable payload with the variable's name
  }
}

export interface GitHubSummaryOptions {
  /** @default reports/verify.json */
  report?: string;
  env?: Env;
  /** Where annotations go. @default a line on stdout, which is where the runner reads workflow commands */
  out?: (line: string) => void;
}

/**
 * In a workflow step after verify: the report goes to the job summary and its findings become
 * annotations. A missing report is itself an error annotation: a run that wrote nothing is not green.
 */
export async function runGitHubSummary(options: GitHubSummaryOptions = {}): Promise<number> {
  const out = options.out ?? ((line: string) => process.stdout.write(`${redact(line)}\n`));
  const env = options.env ?? process.env;
  const reportFile = options.report ?? 'reports/verify.json';
  if (!existsSync(reportFile)) {
    const message = `${reportFile} was not written: the run stopped before it could report`;
    out(`::error title=rampart::${escapeData(message)}`);
    await writeStepSummary(`${REPORT_MARKER}\n### ⚠️ rampart wrote no report\n\n${message}.\n`, env);
    return 0;
  }
  const report = parseRunReport(await readText(reportFile, '--report'), reportFile);
  const runId = env['GITHUB_RUN_ID']?.trim();
  const repository = env['GITHUB_REPOSITORY']?.trim();
  const artifactUrl =
    runId && repository
      ? `${(env['GITHUB_SERVER_URL'] ?? 'https://github.com').replace(/\/+$/, '')}/${repository}/actions/runs/${runId}`
      : null;
  await writeStepSummary(renderMarkdown(report, { artifactUrl }), env);
  for (const line of renderAnnotations(report)) out(line);
  return 0;
}
