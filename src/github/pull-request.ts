import { readFile } from 'node:fs/promises';
import { ConfigError, UsageError } from '../errors';
import type { GitHubApi } from './github-api';
import { parseRepository } from './github-env';

export interface PullRequestSources {
  /** `--pr N`, trusted as given. */
  explicit?: string | number | null;
  /** `GITHUB_EVENT_PATH`: the event payload Actions wrote. */
  eventPath?: string | null;
  /** The `pr-number.txt` the pull-request workflow saved into its artifact. @default null */
  numberFile?: string | null;
}

export interface ResolvedPullRequest {
  number: number;
  source: 'argument' | 'event' | 'workflow-run' | 'file';
  /**
   * The commit the reporting run tested, when the number came from an artifact file: an artifact of a
   * fork's run is the fork's to write, so the number is only trusted if that PR's head is this commit.
   */
  expectedHeadSha: string | null;
}

interface EventPayload {
  pull_request?: { number?: unknown };
  issue?: { number?: unknown; pull_request?: unknown };
  workflow_run?: { head_sha?: unknown; pull_requests?: Array<{ number?: unknown }> };
}

/**
 * Which pull request to comment on: `--pr`, else the event's own pull request, else (for a
 * `workflow_run` event) the run's pull request as GitHub lists it, else the artifact's `pr-number.txt`.
 */
export async function resolvePullRequest(sources: PullRequestSources): Promise<ResolvedPullRequest> {
  if (sources.explicit !== undefined && sources.explicit !== null && sources.explicit !== '') {
    const number = toNumber(sources.explicit);
    if (number === null) throw new UsageError(`--pr must be a pull request number, got "${String(sources.explicit)}"`);
    return { number, source: 'argument', expectedHeadSha: null };
  }

  const event = sources.eventPath ? await readEvent(sources.eventPath) : null;
  const direct =
    toNumber(event?.pull_request?.number) ?? (event?.issue?.pull_request ? toNumber(event.issue.number) : null);
  if (direct !== null) return { number: direct, source: 'event', expectedHeadSha: null };

  const run = event?.workflow_run;
  const listed = toNumber(run?.pull_requests?.[0]?.number);
  if (listed !== null) return { number: listed, source: 'workflow-run', expectedHeadSha: null };

  if (sources.numberFile) {
    const fromFile = await readNumberFile(sources.numberFile);
    if (fromFile !== null) {
      return {
        number: fromFile,
        source: 'file',
        expectedHeadSha: typeof run?.head_sha === 'string' ? run.head_sha : null,
      };
    }
  }
  throw new UsageError(
    `no pull request to comment on: pass --pr N, or run on a pull_request or workflow_run event${sources.numberFile ? ` with ${sources.numberFile} present` : ''}`,
  );
}

/** True when pull request `number`'s head is still `sha`. */
export async function pullRequestHeadIs(
  api: GitHubApi,
  repository: string,
  number: number,
  sha: string,
): Promise<boolean> {
  const { owner, name } = parseRepository(repository);
  const pull = await api.get<{ head?: { sha?: string } }>(
    `repos/${encodeURIComponent(owner)}/${encodeURIComponent(name)}/pulls/${number}`,
  );
  return pull.head?.sha === sha;
}

async function readEvent(path: string): Promise<EventPayload> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    throw new ConfigError(`cannot read the event payload ${path} (environment variable GITHUB_EVENT_PATH)`, {
      variable: 'GITHUB_EVENT_PATH',
      cause: error,
    });
  }
  try {
    const parsed: unknown = JSON.parse(text);
    return parsed !== null && typeof parsed === 'object' ? parsed : {};
  } catch (error) {
    throw new ConfigError(`the event payload ${path} is not JSON (environment variable GITHUB_EVENT_PATH)`, {
      variable: 'GITHUB_EVENT_PATH',
      cause: error,
    });
  }
}

async function readNumberFile(file: string): Promise<number | null> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch {
    return null;
  }
  const number = toNumber(text.trim());
  if (number === null)
    throw new UsageError(`${file} must hold a pull request number, got "${text.trim().slice(0, 40)}"`);
  return number;
}

function toNumber(value: unknown): number | null {
  const text = typeof value === 'number' ? String(value) : typeof value === 'string' ? value.trim() : '';
  if (!/^[1-9]\d{0,9}$/.test(text)) return null;
  return Number(text);
}
