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
   * The only login whose comment is ever edited: a marker in anyone else's comment is ignored, so
   * nobody can make rampart edit (and so own) a comment they can change afterwards.
   * @default 'github-actions[bot]', the author of comments made with GITHUB_TOKEN
   */
  author?: string;
}

export interface StickyCommentResult {
  action: 'created' | 'updated';
  id: number;
  url: string | null;
}

/** The login of comments made with a workflow's GITHUB_TOKEN. */
export const DEFAULT_COMMENT_AUTHOR = 'github-actions[bot]';

/**
 * Creates or updates THE comment of a pull request: the first one `author` wrote carrying the marker
 * is edited in place, otherwise one is created. Never a second one.
 */
export async function upsertStickyComment(options: StickyCommentOptions): Promise<StickyCommentResult> {
  const { owner, name } = parseRepository(options.repository);
  const marker = options.marker ?? REPORT_MARKER;
  const api = new GitHubApi(options);
  const base = `repos/${encodeURIComponent(owner)}/${encodeURIComponent(name)}/issues`;

  const listing = await api.paginate<IssueComment>(`${base}/${options.issueNumber}/comments`);
  const existing = pickComment(listing.items, marker, options.author ?? DEFAULT_COMMENT_AUTHOR);
  if (!existing && listing.truncated) {
    throw new HttpError(
      `GitHub API: pull request #${options.issueNumber} has more comments than rampart reads; not posting, so as not to duplicate its report`,
      { method: 'GET', url: `${base}/${options.issueNumber}/comments` },
    );
  }
  const body = fitComment(
    withMarker(typeof options.body === 'function' ? options.body(existing) : options.body, marker),
  );

  if (existing) {
    const updated = await api.patch<IssueComment>(`${base}/comments/${existing.id}`, { body });
    return { action: 'updated', id: updated.id ?? existing.id, url: updated.html_url ?? existing.html_url ?? null };
  }
  const created = await api.post<IssueComment>(`${base}/${options.issueNumber}/comments`, { body });
  return { action: 'created', id: created.id, url: created.html_url ?? null };
}

/** The first comment `author` wrote that carries the marker; anyone else's is never picked. */
export function pickComment(comments: readonly IssueComment[], marker: string, author: string): IssueComment | null {
  return (
    comments.find((c) => c.user?.login === author && typeof c.body === 'string' && c.body.includes(marker)) ?? null
  );
}

function withMarker(body: string, marker: string): string {
  return redact(body.includes(marker) ? body : `${marker}\n${body}`);
}

/** The renderer keeps under the limit; a body from elsewhere is cut here rather than rejected by GitHub. */
function fitComment(body: string): string {
  if (body.length <= GITHUB_COMMENT_LIMIT) return body;
  const note =
    "\n\n> [!NOTE]\n> Truncated: the report is longer than a PR comment holds; read the full report in the run's artifacts.\n";
  return `${body.slice(0, GITHUB_COMMENT_LIMIT - note.length - 1)}${note}`;
}
