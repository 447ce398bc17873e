import { HttpError } from '../errors';
import { redact } from '../log/redact';
import { GITHUB_COMMENT_LIMIT, REPORT_MARKER } from '../report';
import { GitHubApi, type GitHubApiOptions } from './github-api';
import { parseRepository } from './github-env';

export interface IssueComment {
  id: number;
  body?: string | null;
  html_url?: string;
  user?: { login?: string } | null;
}

export interface StickyCommentOptions extends GitHubApiOptions {
  /** `GITHUB_REPOSITORY`: `owner/name`. */
  repository: string;
  /** The pull request (or issue) number. */
  issueNumber: number;
  /**
   * The comment body, or a function of the comment already there (null when there is none): how the
   * caller renders a "resolved" state against what it reported before.
   */
  body: string | ((existing: IssueComment | null) => string);
  /** Hidden text that identifies the comment. Added to the body when missing. @default REPORT_MARKER */
  marker?: string;
  /**
   * Prefer a marked comment written by this login, when several carry the marker.
   * @default 'github-actions[bot]', the author of comments made with GITHUB_TOKEN
   */
  author?: string | null;
}

export interface StickyCommentResult {
  action: 'created' | 'updated';
  id: number;
  url: string | null;
}

/**
 * Creates or updates THE comment of a pull request: the first one carrying the marker (by `author`
 * first) is edited in place, otherwise one is created. Never a second one.
 */
export async function upsertStickyComment(options: StickyCommentOptions): Promise<StickyCommentResult> {
  const { owner, name } = parseRepository(options.repository);
  const marker = options.marker ?? REPORT_MARKER;
  const api = new GitHubApi(options);
  const base = `repos/${encodeURIComponent(owner)}/${encodeURIComponent(name)}/issues`;

  const listing = await api.paginate<IssueComment>(`${base}/${options.issueNumber}/comments`);
  const existing = pickComment(listing.items, marker, options.author === undefined ? 'github-actions[bot]' : options.author);
  if (!existing && listing.truncated) {
    throw new HttpError(
      `GitHub API: pull request #${options.issueNumber} has more comments than rampart reads; not posting, so as not to duplicate its report`,
      { method: 'GET', url: `${base}/${options.issueNumber}/comments` },
    );
  }
  const body = fitComment(withMarker(typeof options.body === 'function' ? options.body(existing) : options.body, marker));

  if (existing) {
    const updated = await api.patch<IssueComment>(`${base}/comments/${existing.id}`, { body });
    return { action: 'updated', id: updated.id ?? existing.id, url: updated.html_url ?? existing.html_url ?? null };
  }
  const created = await api.post<IssueComment>(`${base}/${options.issueNumber}/comments`, { body });
  return { action: 'created', id: created.id, url: created.html_url ?? null };
}

export function pickComment(comments: readonly IssueComment[], marker: string, author: string | null): IssueComment | null {
  const marked = comments.filter((c) => typeof c.body === 'string' && c.body.includes(marker));
  return (author ? marked.find((c) => c.user?.login === author) : undefined) ?? marked[0] ?? null;
}

function withMarker(body: string, marker: string): string {
  return redact(body.includes(marker) ? body : `${marker}\n${body}`);
}

/** The renderer keeps under the limit; a body from elsewhere is cut here rather than rejected by GitHub. */
function fitComment(body: string): string {
  if (body.length <= GITHUB_COMMENT_LIMIT) return body;
  const note = '\n\n> [!NOTE]\n> Truncated: the report is longer than a PR comment holds; read the full report in the run\'s artifacts.\n';
  return `${body.slice(0, GITHUB_COMMENT_LIMIT - note.length - 1)}${note}`;
}
