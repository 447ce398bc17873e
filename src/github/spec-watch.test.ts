import { join } from 'node:path';
import { loadConfig } from '../config';
import { HttpError } from '../errors';
import { clearRegisteredSecrets } from '../log/redact';
import { FakeGitHub } from './fake-github';
import { SPEC_WATCH_TITLE, syncSpecPullRequest } from './spec-watch';
import { runSpecWatch } from './spec-watch-command';

const TOKEN = 'ghs_fakeSpecWatchToken0123456789';
const PATH = 'specs/ramp/openapi.json';
const BASELINE = '{"openapi":"3.0.3","paths":{}}\n';
const CHANGED = '{"openapi":"3.0.3","paths":{"/limits":{}}}\n';
const CHANGED_AGAIN = '{"openapi":"3.0.3","paths":{"/limits":{},"/receipts":{}}}\n';
let github: FakeGitHub;

beforeEach(async () => {
  github = await new FakeGitHub({ token: TOKEN }).start();
  github.setFile('main', PATH, BASELINE);
});
afterEach(async () => {
  await github.close();
  clearRegisteredSecrets();
});

const sync = (published: string, description = `report for ${published.length}`) =>
  syncSpecPullRequest({
    apiUrl: github.url,
    token: TOKEN,
    repository: 'acme/payments',
    path: PATH,
    baseline: BASELINE,
    published,
    description,
  });
const open = () => github.pulls.filter((p) => p.state === 'open');

describe('the spec-watch pull request against a local GitHub API', () => {
  test('a changed document opens exactly one labelled pull request replacing the baseline', async () => {
    const result = await sync(CHANGED, '### the drift report');
    expect(result).toMatchObject({ action: 'opened', number: 1 });
    expect(open()).toHaveLength(1);
    expect(open()[0]).toMatchObject({
      title: SPEC_WATCH_TITLE,
      body: '### the drift report',
      head: { ref: 'rampart/spec-watch' },
      base: { ref: 'main' },
      labels: [{ name: 'spec-drift' }],
    });
    expect(github.branches.get('rampart/spec-watch')?.files.get(PATH)).toBe(CHANGED);
    expect(github.branches.get('main')?.files.get(PATH)).toBe(BASELINE);
  });

  test('the next change updates the open pull request (branch and description), never a second one', async () => {
    const first = await sync(CHANGED);
    const second = await sync(CHANGED_AGAIN, 'newer report');
    expect(second).toMatchObject({ action: 'updated', number: first.number });
    expect(open()).toHaveLength(1);
    expect(open()[0]!.body).toBe('newer report');
    expect(github.branches.get('rampart/spec-watch')?.files.get(PATH)).toBe(CHANGED_AGAIN);
    // The same document again: the branch is not committed to again.
    const puts = () => github.writes().filter((r) => r.method === 'PUT').length;
    const before = puts();
    expect((await sync(CHANGED_AGAIN, 'newer report')).action).toBe('updated');
    expect(puts()).toBe(before);
    expect(github.pulls).toHaveLength(1);
  });

  test('when the document returns to the baseline the pull request is closed with a note; then nothing to do', async () => {
    const { number } = await sync(CHANGED);
    expect(await sync(BASELINE)).toMatchObject({ action: 'closed', number });
    expect(open()).toHaveLength(0);
    expect(github.comments.get(number!)?.[0]?.body).toBe(
      `The published document is back to the committed baseline \`${PATH}\`: nothing to accept any more, closing.`,
    );
    expect(await sync(BASELINE)).toEqual({ action: 'none', number: null, url: null });
    // A later change opens a fresh proposal from the default branch, even though the old branch is still there.
    expect((await sync(CHANGED_AGAIN)).action).toBe('opened');
    expect(open()).toHaveLength(1);
    expect(github.branches.get('rampart/spec-watch')?.files.get(PATH)).toBe(CHANGED_AGAIN);
  });

  test("a fork's pull request with the same branch name is never updated or closed", async () => {
    const fork = github.addPull({
      title: 'evil',
      body: 'mine',
      head: { ref: 'rampart/spec-watch', label: 'mallory:rampart/spec-watch' },
      base: { ref: 'main' },
    });
    const result = await sync(CHANGED);
    expect(result.action).toBe('opened');
    expect(result.number).not.toBe(fork.number);
    expect(fork).toMatchObject({ state: 'open', body: 'mine' });
    await sync(BASELINE);
    expect(fork.state).toBe('open');
  });

  test("a read-only token (a fork's run) fails with one line naming the call, and leaves no pull request", async () => {
    github.readOnly = true;
    const error = await sync(CHANGED).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(HttpError);
    expect((error as Error).message).toMatch(
      /^GitHub API: POST http:\/\/127\.0\.0\.1:\d+\/repos\/acme\/payments\/git\/refs answered 403: Resource not accessible by integration$/,
    );
    expect((error as Error).message).not.toContain(TOKEN);
    expect(github.pulls).toHaveLength(0);
  });
});

describe('npm run spec-watch', () => {
  test("fetches the published document (the sandbox's next revision) and proposes it with the drift report, consumer impact first", async () => {
    const repo = join(__dirname, '..', '..');
    const lines: string[] = [];
    const env = { GITHUB_TOKEN: TOKEN, GITHUB_API_URL: github.url, GITHUB_REPOSITORY: 'acme/payments' };
    const result = await runSpecWatch({
      cwd: repo,
      specRevision: 'next',
      env,
      rampartConfig: loadConfig({ env: {}, envFile: null }),
      log: (l) => lines.push(l),
    });
    expect(result.action).toBe('opened');
    const [pull] = open();
    expect(pull!.body).toMatch(
      /^The provider's published OpenAPI document \(sandbox:next \(http:\/\/127\.0\.0\.1:\d+\/openapi\.json\)\) differs from the committed baseline `specs\/ramp\/openapi\.json`\./,
    );
    const breaking = pull!.body.indexOf('#### 🔴 Breaking: 2 changes our interactions use');
    expect(breaking).toBeGreaterThan(0);
    expect(breaking).toBeLessThan(pull!.body.indexOf('#### 🟡 Warnings'));
    expect(pull!.body).toContain('- **Breaks** card-issuing › a request to create a virtual card');
    expect(pull!.body).not.toContain('rampart-spec-watch-');
    expect(JSON.parse(github.branches.get('rampart/spec-watch')!.files.get(PATH)!)).toHaveProperty('openapi');
    expect(lines).toEqual([`rampart: opened the spec pull request #1: https://github.test/pull/1`]);
  }, 30_000);
});
