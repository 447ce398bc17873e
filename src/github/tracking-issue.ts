import { parseRepository } from './github-env';
import { GitHubApi, type GitHubApiOptions } from './github-api';

/** Hidden in the tracking issue's body: how the next night finds it again. */
export const NIGHTLY_MARKER = '<!-- rampart:nightly-tracking -->';

const MAX_BODY = 60_000;

export interface TrackingIssueOptions extends GitHubApiOptions {
  /** `owner/name`. */
  repository: string;
  /** How the night went. */
  outcome: 'failure' | 'success';
  /** Link to the run, quoted in the issue and its comments. */
  runUrl: string | null;
  /** The run's Markdown report, folded into the issue or comment. */
  report?: string | null;
  /** @default 'Nightly contract verification against staging is failing' */
  title?: string;
  /** @default NIGHTLY_MARKER */
  marker?: string;
}

export interface TrackingIssueResult {
  action: 'opened' | 'commented' | 'closed' | 'none';
  issueNumber: number | null;
  url: string | null;
}

interface Issue {
  number: number;
  body?: string | null;
  html_url?: string;
  pull_request?: unknown;
}

/**
 * One tracking issue for a failing nightly run: opened on the first red night, commented on while it
 * stays red, closed on the next green night. Found by its hidden marker, so nothing duplicates.
 */
export async function syncTrackingIssue(options: TrackingIssueOptions): Promise<TrackingIssueResult> {
  const { owner, name } = parseRepository(options.repository);
  const marker = options.marker ?? NIGHTLY_MARKER;
  const api = new GitHubApi(options);
  const base = `repos/${encodeURIComponent(owner)}/${encodeURIComponent(name)}/issues`;
  const open = await api.paginate<Issue>(base, { state: 'open', sort: 'created', direction: 'asc' });
  const issue =
    open.items.find((i) => !i.pull_request && typeof i.body === 'string' && i.body.includes(marker)) ?? null;
  const run = options.runUrl ? `[run](${options.runUrl})` : 'run';

  if (options.outcome === 'success') {
    if (!issue) return { action: 'none', issueNumber: null, url: null };
    await api.post(`${base}/${issue.number}/comments`, {
      body: `✅ Green again in this ${run}: every contract holds. Closing.`,
    });
    await api.patch(`${base}/${issue.number}`, { state: 'closed', state_reason: 'completed' });
    return { action: 'closed', issueNumber: issue.number, url: issue.html_url ?? null };
  }

  const report = folded(options.report ?? null);
  if (issue) {
    await api.post(`${base}/${issue.number}/comments`, { body: fit(`❌ Still failing in this ${run}.${report}`) });
    return { action: 'commented', issueNumber: issue.number, url: issue.html_url ?? null };
  }
  const created = await api.post<Issue>(base, {
    title: options.title ?? 'Nightly contract verification against staging is failing',
    body: fit(
      `${marker}\nThe nightly \`npm run verify\` / \`npm run drift\` against staging failed in this ${run}.\n\n` +
        'rampart comments here on every night it stays red and closes this issue on the next green night.' +
        report,
    ),
  });
  return { action: 'opened', issueNumber: created.number, url: created.html_url ?? null };
}

function folded(report: string | null): string {
  if (!report?.trim()) return '';
  return `\n\n<details><summary>Report</summary>\n\n${report.trim()}\n\n</details>`;
}

function fit(body: string): string {
  if (body.length <= MAX_BODY) return body;
  const note = "\n\n… (truncated; the full report is in the run's artifacts)\n\n</details>";
  return `${body.slice(0, MAX_BODY - note.length)}${note}`;
}
