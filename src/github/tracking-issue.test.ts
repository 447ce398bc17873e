import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { clearRegisteredSecrets } from '../log/redact';
import { runNightlyIssue } from './commands';
import { FakeGitHub } from './fake-github';
import { NIGHTLY_MARKER, syncTrackingIssue } from './tracking-issue';

const TOKEN = 'ghs_nightlyToken0123456789';
let github: FakeGitHub;
beforeEach(async () => {
  github = await new FakeGitHub({ token: TOKEN, pageSize: 2 }).start();
});
afterEach(async () => {
  await github.close();
  clearRegisteredSecrets();
});

const night = (outcome: 'failure' | 'success', run: number) =>
  syncTrackingIssue({
    apiUrl: github.url,
    token: TOKEN,
    repository: 'acme/payments',
    outcome,
    runUrl: `https://github.com/acme/payments/actions/runs/${run}`,
    report: '### ❌ Contract broken',
  });

describe('the nightly tracking issue', () => {
  test('opens one issue on the first red night, comments while red, closes on the next green night', async () => {
    github.addIssue({ title: 'unrelated', body: 'no marker' });
    github.addIssue({ title: 'a PR quoting it', body: NIGHTLY_MARKER, pull_request: {} });
    github.addIssue({ title: 'another', body: 'nope' });

    const first = await night('failure', 1);
    expect(first.action).toBe('opened');
    const issue = github.issues.find((i) => i.number === first.issueNumber)!;
    expect(issue.title).toBe('Nightly contract verification against staging is failing');
    expect(issue.body).toContain(NIGHTLY_MARKER);
    expect(issue.body).toContain('[run](https://github.com/acme/payments/actions/runs/1)');
    expect(issue.body).toContain('<details><summary>Report</summary>\n\n### ❌ Contract broken\n\n</details>');

    expect(await night('failure', 2)).toEqual({ action: 'commented', issueNumber: issue.number, url: issue.html_url });
    const comments = github.comments.get(issue.number)!;
    expect(comments[0]!.body).toMatch(
      /^❌ Still failing in this \[run\]\(https:\/\/github.com\/acme\/payments\/actions\/runs\/2\)\./,
    );

    expect(await night('success', 3)).toEqual({ action: 'closed', issueNumber: issue.number, url: issue.html_url });
    expect(issue.state).toBe('closed');
    expect(issue.state_reason).toBe('completed');
    expect(github.comments.get(issue.number)![1]!.body).toContain('Green again');

    expect(await night('success', 4)).toEqual({ action: 'none', issueNumber: null, url: null });
    const next = await night('failure', 5);
    expect(next.action).toBe('opened');
    expect(next.issueNumber).not.toBe(issue.number);
    expect(
      github.issues.filter((i) => i.body.includes(NIGHTLY_MARKER) && !i.pull_request && i.state === 'open'),
    ).toHaveLength(1);
  });

  test('runNightlyIssue reads the run URL and report from the environment and files', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'rampart-nightly-'));
    try {
      const report = join(dir, 'verify.md');
      await writeFile(report, '### ⚠️ rampart could not check everything');
      const lines: string[] = [];
      const env = {
        GITHUB_TOKEN: TOKEN,
        GITHUB_API_URL: github.url,
        GITHUB_REPOSITORY: 'acme/payments',
        GITHUB_RUN_ID: '88',
        GITHUB_SERVER_URL: 'https://github.com',
      };
      expect(await runNightlyIssue({ outcome: 'failure', report, env, log: (l) => lines.push(l) })).toBe(0);
      expect(lines).toEqual(['rampart: opened tracking issue #1: https://github.test/issues/1']);
      expect(github.issues[0]!.body).toContain('[run](https://github.com/acme/payments/actions/runs/88)');
      expect(github.issues[0]!.body).toContain('### ⚠️ rampart could not check everything');
      await expect(runNightlyIssue({ outcome: 'meh', env, log: () => undefined })).rejects.toThrow(
        '--outcome must be success or failure, got "meh"',
      );
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
