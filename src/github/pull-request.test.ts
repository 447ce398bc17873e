import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ConfigError, UsageError } from '../errors';
import { readGitHubEnv } from './github-env';
import { resolvePullRequest } from './pull-request';

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'rampart-pr-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

async function file(name: string, content: string): Promise<string> {
  const path = join(dir, name);
  await writeFile(path, content);
  return path;
}

describe('resolvePullRequest', () => {
  test('--pr wins and must be a number', async () => {
    expect(await resolvePullRequest({ explicit: '17' })).toEqual({
      number: 17,
      source: 'argument',
      expectedHeadSha: null,
    });
    await expect(resolvePullRequest({ explicit: '17; rm -rf' })).rejects.toThrow(
      new UsageError('--pr must be a pull request number, got "17; rm -rf"'),
    );
  });

  test('a pull_request event names its own number', async () => {
    const eventPath = await file('event.json', JSON.stringify({ pull_request: { number: 4 } }));
    expect(await resolvePullRequest({ eventPath })).toEqual({ number: 4, source: 'event', expectedHeadSha: null });
  });

  test("a workflow_run event uses the run's listed PR, else the artifact file checked against the head SHA", async () => {
    const listed = await file(
      'listed.json',
      JSON.stringify({ workflow_run: { head_sha: 'abc', pull_requests: [{ number: 9 }] } }),
    );
    expect(await resolvePullRequest({ eventPath: listed, numberFile: join(dir, 'missing.txt') })).toEqual({
      number: 9,
      source: 'workflow-run',
      expectedHeadSha: null,
    });
    const fork = await file('fork.json', JSON.stringify({ workflow_run: { head_sha: 'abc', pull_requests: [] } }));
    const numberFile = await file('pr-number.txt', ' 12 \n');
    expect(await resolvePullRequest({ eventPath: fork, numberFile })).toEqual({
      number: 12,
      source: 'file',
      expectedHeadSha: 'abc',
    });
  });

  test('a malformed artifact file or payload is one clear line', async () => {
    const fork = await file('fork.json', JSON.stringify({ workflow_run: { head_sha: 'abc', pull_requests: [] } }));
    const numberFile = await file('pr-number.txt', '../../etc');
    await expect(resolvePullRequest({ eventPath: fork, numberFile })).rejects.toThrow(
      `${numberFile} must hold a pull request number, got "../../etc"`,
    );
    const broken = await file('broken.json', '{nope');
    const error = await resolvePullRequest({ eventPath: broken }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ConfigError);
    expect((error as ConfigError).variable).toBe('GITHUB_EVENT_PATH');
  });

  test('nothing to go on is a usage error saying what to pass', async () => {
    const push = await file('push.json', JSON.stringify({ ref: 'refs/heads/main' }));
    await expect(resolvePullRequest({ eventPath: push })).rejects.toThrow(
      'no pull request to comment on: pass --pr N, or run on a pull_request or workflow_run event',
    );
  });
});

describe('readGitHubEnv', () => {
  test('names the missing variable', () => {
    expect(() => readGitHubEnv({ GITHUB_REPOSITORY: 'a/b' })).toThrow(
      expect.objectContaining({ name: 'ConfigError', variable: 'GITHUB_TOKEN' }),
    );
    expect(() => readGitHubEnv({ GITHUB_TOKEN: 'ghs_x123456' })).toThrow(
      expect.objectContaining({ variable: 'GITHUB_REPOSITORY' }),
    );
    expect(() =>
      readGitHubEnv({
        GITHUB_TOKEN: 'ghs_x123456',
        GITHUB_REPOSITORY: 'a/b',
        GITHUB_API_URL: 'https://bot:pa55-canary@ghe.example',
      }),
    ).toThrow(
      'GITHUB_API_URL must not contain a user name or password; the token goes in GITHUB_TOKEN (environment variable GITHUB_API_URL)',
    );
    expect(() =>
      readGitHubEnv({ GITHUB_TOKEN: 'ghs_x123456', GITHUB_REPOSITORY: 'a/b', GITHUB_API_URL: 'ftp://x' }),
    ).toThrow(expect.objectContaining({ variable: 'GITHUB_API_URL' }));
  });

  test('defaults to api.github.com and reads the run facts', () => {
    expect(
      readGitHubEnv({ GITHUB_TOKEN: 'ghs_x123456', GITHUB_REPOSITORY: 'acme/payments', GITHUB_RUN_ID: '5' }),
    ).toEqual({
      apiUrl: 'https://api.github.com',
      token: 'ghs_x123456',
      repository: 'acme/payments',
      eventPath: null,
      serverUrl: 'https://github.com',
      runId: '5',
    });
  });
});
