import { HttpError } from '../errors';
import { GitHubApi, type GitHubApiOptions } from './github-api';
import { parseRepository } from './github-env';

export interface SpecPullRequestOptions extends GitHubApiOptions {
  /** `owner/name`. */
  repository: string;
  /** The baseline's path in the repository. */
  path: string;
  /** The baseline as committed (the default branch's file). */
  baseline: string;
  /** The provider's published document, in the baseline's canonical form. */
  published: string;
  /** The pull request's description: the drift report, consumer impact first. */
  description: string;
  /** The branch the proposal lives on. @default 'rampart/spec-watch' */
  branch?: string;
  /** @default 'spec-drift' */
  label?: string;
}

export interface SpecPullRequestResult {
  /** `opened`/`updated` a proposal, `closed` it (the document is back), or `none` to do. */
  action: 'opened' | 'updated' | 'closed' | 'none';
  number: number | null;
  url: string | null;
}

interface Pull {
  number: number;
  html_url?: string;
  body?: string | null;
  head?: { ref?: string; label?: string };
}

export const SPEC_WATCH_TITLE = "Spec watch: the provider's published OpenAPI document changed";

/**
 * Keeps at most ONE open pull request proposing the provider's published document as the new baseline:
 * opens it when the document differs, updates its branch and description when it changes again, and
 * closes it with a note when the document is back to the baseline. Only a pull request from this
 * repository's own branch counts: one from a fork with the same branch name is never touched.
 */
export async function syncSpecPullRequest(options: SpecPullRequestOptions): Promise<SpecPullRequestResult> {
  const { owner, name } = parseRepository(options.repository);
  const repo = `repos/${encodeURIComponent(owner)}/${encodeURIComponent(name)}`;
  const branch = options.branch ?? 'rampart/spec-watch';
  const label = options.label ?? 'spec-drift';
  const api = new GitHubApi(options);

  const listing = await api.paginate<Pull>(`${repo}/pulls`, { state: 'open', head: `${owner}:${branch}` });
  // The API filters by head; filtering again keeps a fork's pull request out even from a looser server.
  const open = listing.items.filter((p) => p.head?.label === `${owner}:${branch}` && p.head.ref === branch);
  const [current, ...extra] = open;

  if (options.published === options.baseline) {
    if (!current) return { action: 'none', number: null, url: null };
    for (const pull of open) {
      await api.post(`${repo}/issues/${pull.number}/comments`, {
        body: `The published document is back to the committed baseline \`${options.path}\`: nothing to accept any more, closing.`,
      });
      await api.patch(`${repo}/pulls/${pull.number}`, { state: 'closed' });
    }
    return { action: 'closed', number: current.number, url: current.html_url ?? null };
  }

  const { default_branch: base } = await api.get<{ default_branch: string }>(repo);
  const head = await api.get<{ object: { sha: string } }>(`${repo}/git/ref/heads/${encodeURIComponent(base)}`);
  if (!current) await resetBranch(api, repo, branch, head.object.sha);
  await writeFile(api, repo, branch, options.path, options.published);

  const body = options.description;
  if (current) {
    await api.patch(`${repo}/pulls/${current.number}`, { body });
    // Never more than one: any other open proposal is a leftover, closed in favour of this one.
    for (const pull of extra) await api.patch(`${repo}/pulls/${pull.number}`, { state: 'closed' });
    return { action: 'updated', number: current.number, url: current.html_url ?? null };
  }
  const created = await api.post<Pull>(`${repo}/pulls`, {
    title: SPEC_WATCH_TITLE,
    head: branch,
    base,
    body,
    maintainer_can_modify: true,
  });
  await api.post(`${repo}/issues/${created.number}/labels`, { labels: [label] });
  return { action: 'opened', number: created.number, url: created.html_url ?? null };
}

/** The proposal branch starts again from the default branch, so it holds only the new baseline. */
async function resetBranch(api: GitHubApi, repo: string, branch: string, sha: string): Promise<void> {
  try {
    await api.post(`${repo}/git/refs`, { ref: `refs/heads/${branch}`, sha });
  } catch (error) {
    if (!(error instanceof HttpError) || error.status !== 422) throw error;
    await api.patch(`${repo}/git/refs/heads/${encodeURIComponent(branch)}`, { sha, force: true });
  }
}

async function writeFile(api: GitHubApi, repo: string, branch: string, path: string, content: string): Promise<void> {
  const url = `${repo}/contents/${path.split('/').map(encodeURIComponent).join('/')}`;
  const existing = await api.find<{ sha: string; content?: string }>(url, { ref: branch });
  if (existing?.content !== undefined && Buffer.from(existing.content, 'base64').toString('utf8') === content) return;
  await api.put(url, {
    message: `Accept the provider's published OpenAPI document as ${path}`,
    content: Buffer.from(content, 'utf8').toString('base64'),
    branch,
    ...(existing ? { sha: existing.sha } : {}),
  });
}
