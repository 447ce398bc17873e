import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { HttpError, UsageError } from '../errors';
import { RULE_IDS } from '../drift/rule-ids';
import { clearRegisteredSecrets } from '../log/redact';
import { GITHUB_COMMENT_LIMIT, REPORT_MARKER, renderJson } from '../report';
import { renderReportHtml } from '../report/preview';
import { driftCase, reportOf } from '../report/test-fixtures';
import { driftedReport, greenReport } from '../providers/ramp/testing/sample-reports';
import { runComment } from './commands';
import { FakeGitHub } from './fake-github';
import { upsertStickyComment } from './sticky-comment';

const TOKEN = 'ghs_fakeTokenForTests0123456789';
let github: FakeGitHub;
let dir: string;

beforeEach(async () => {
  github = await new FakeGitHub({ token: TOKEN }).start();
  dir = await mkdtemp(join(tmpdir(), 'rampart-comment-'));
});
afterEach(async () => {
  await github.close();
  await rm(dir, { recursive: true, force: true });
  clearRegisteredSecrets();
});

async function writeEvent(payload: unknown): Promise<string> {
  const file = join(dir, 'event.json');
  await writeFile(file, JSON.stringify(payload));
  return file;
}

async function writeReport(report = driftedReport(), name = 'verify.json'): Promise<string> {
  const file = join(dir, name);
  await writeFile(file, renderJson(report));
  return file;
}

function envFor(eventPath: string): Record<string, string> {
  return {
    GITHUB_TOKEN: TOKEN,
    GITHUB_API_URL: github.url,
    GITHUB_REPOSITORY: 'acme/payments',
    GITHUB_EVENT_PATH: eventPath,
    GITHUB_RUN_ID: '77',
  };
}

const quiet = () => undefined;

describe('npm run comment against a local GitHub API', () => {
  test('creates the comment once, then updates it in place on the next run: never a duplicate', async () => {
    const eventPath = await writeEvent({ pull_request: { number: 12 } });
    const lines: string[] = [];
    const report = await writeReport();
    await runComment({
      report,
      env: envFor(eventPath),
      log: (l) => lines.push(l),
      prNumberFile: join(dir, 'none.txt'),
    });
    await runComment({
      report,
      env: envFor(eventPath),
      log: (l) => lines.push(l),
      prNumberFile: join(dir, 'none.txt'),
    });

    const comments = github.comments.get(12) ?? [];
    expect(comments).toHaveLength(1);
    expect(comments[0]!.body.startsWith(`${REPORT_MARKER}\n### ❌ Contract broken`)).toBe(true);
    expect(github.writes().map((r) => `${r.method} ${r.path}`)).toEqual([
      'POST /repos/acme/payments/issues/12/comments',
      `PATCH /repos/acme/payments/issues/comments/${comments[0]!.id}`,
    ]);
    expect(lines[0]).toMatch(/^rampart: created the report comment on pull request #12: https:\/\/github.test/);
    expect(lines[1]).toMatch(/^rampart: updated the report comment on pull request #12/);
    expect(github.requests.every((r) => r.authorization === `Bearer ${TOKEN}`)).toBe(true);
  });

  test('says "resolved" when the drift of the previous comment is gone', async () => {
    const eventPath = await writeEvent({ pull_request: { number: 3 } });
    await runComment({ report: await writeReport(driftedReport()), env: envFor(eventPath), log: quiet });
    await runComment({ report: await writeReport(greenReport(), 'green.json'), env: envFor(eventPath), log: quiet });
    const [comment] = github.comments.get(3) ?? [];
    expect(comment!.body.split('\n')[1]).toBe('### ✅ Resolved: the drift reported earlier is gone (3 passed)');
    expect(comment!.body).toContain(
      '~~drift · response-required-property-removed · GET /developer/v1/transactions · Transaction.merchant_name~~',
    );
    expect(github.comments.get(3)).toHaveLength(1);
  });

  test('finds its comment several pages in, following Link headers', async () => {
    await github.close();
    github = await new FakeGitHub({ token: TOKEN, pageSize: 2 }).start();
    for (let i = 0; i < 5; i += 1) github.addComment(8, `LGTM ${i}`, 'a-reviewer');
    const sticky = github.addComment(8, `${REPORT_MARKER}\nold report`);
    github.addComment(8, 'one more after it', 'a-reviewer');

    const result = await upsertStickyComment({
      apiUrl: github.url,
      token: TOKEN,
      repository: 'acme/payments',
      issueNumber: 8,
      body: `${REPORT_MARKER}\nnew report`,
    });
    expect(result).toEqual({ action: 'updated', id: sticky.id, url: sticky.html_url });
    expect(github.comments.get(8)).toHaveLength(7);
    expect(sticky.body).toBe(`${REPORT_MARKER}\nnew report`);
    const listings = github.requests.filter((r) => r.method === 'GET').map((r) => r.path);
    expect(listings).toEqual([
      '/repos/acme/payments/issues/8/comments?per_page=100',
      '/repos/acme/payments/issues/8/comments?per_page=100&page=2',
      '/repos/acme/payments/issues/8/comments?per_page=100&page=3',
      '/repos/acme/payments/issues/8/comments?per_page=100&page=4',
    ]);
  });

  test('prefers the comment its own bot wrote over a human quoting the marker', async () => {
    github.addComment(5, `quoting: ${REPORT_MARKER}`, 'a-human');
    const mine = github.addComment(5, `${REPORT_MARKER}\nreport`);
    const result = await upsertStickyComment({
      apiUrl: github.url,
      token: TOKEN,
      repository: 'acme/payments',
      issueNumber: 5,
      body: 'fresh',
    });
    expect(result.id).toBe(mine.id);
    expect(mine.body).toBe(`${REPORT_MARKER}\nfresh`);
    expect(github.comments.get(5)![0]!.body).toBe(`quoting: ${REPORT_MARKER}`);
  });

  test("a marker in anyone else's comment is ignored: rampart posts its own and never edits theirs", async () => {
    const bait = github.addComment(7, `${REPORT_MARKER}\nposted first by someone else`, 'an-attacker');
    const result = await upsertStickyComment({
      apiUrl: github.url,
      token: TOKEN,
      repository: 'acme/payments',
      issueNumber: 7,
      body: 'the report',
    });
    expect(result.action).toBe('created');
    expect(result.id).not.toBe(bait.id);
    expect(bait.body).toBe(`${REPORT_MARKER}\nposted first by someone else`);
    expect(github.writes().map((r) => `${r.method} ${r.path}`)).toEqual([
      'POST /repos/acme/payments/issues/7/comments',
    ]);
    // The next run finds the bot's comment, not the bait.
    await upsertStickyComment({
      apiUrl: github.url,
      token: TOKEN,
      repository: 'acme/payments',
      issueNumber: 7,
      body: 'again',
    });
    expect(github.comments.get(7)).toHaveLength(2);
    expect(github.writes()[1]!.path).toBe(`/repos/acme/payments/issues/comments/${result.id}`);
  });

  test('the bot identity is configurable (an app token comments as its own bot)', async () => {
    await github.close();
    github = await new FakeGitHub({ token: TOKEN, botLogin: 'rampart-app[bot]' }).start();
    github.addComment(11, `${REPORT_MARKER}\nby the default bot`, 'github-actions[bot]');
    const mine = github.addComment(11, `${REPORT_MARKER}\nby the app`);
    const eventPath = await writeEvent({ pull_request: { number: 11 } });
    await runComment({
      report: await writeReport(),
      env: { ...envFor(eventPath), RAMPART_COMMENT_AUTHOR: 'rampart-app[bot]' },
      log: quiet,
    });
    expect(github.writes().map((r) => `${r.method} ${r.path}`)).toEqual([
      `PATCH /repos/acme/payments/issues/comments/${mine.id}`,
    ]);
    expect(mine.body).toMatch(/^<!-- rampart:report -->\n### ❌ Contract broken/);
  });

  test('the body can be rendered against the comment already there', async () => {
    github.addComment(6, `${REPORT_MARKER}\nprevious`);
    const seen: Array<string | null> = [];
    await upsertStickyComment({
      apiUrl: github.url,
      token: TOKEN,
      repository: 'acme/payments',
      issueNumber: 6,
      body: (existing) => {
        seen.push(existing?.body ?? null);
        return `${REPORT_MARKER}\nnext`;
      },
    });
    expect(seen).toEqual([`${REPORT_MARKER}\nprevious`]);
  });

  test('never follows a pagination link off the API (the token would go with it)', async () => {
    const elsewhere = await new FakeGitHub({ token: 'other' }).start();
    try {
      await github.close();
      github = await new FakeGitHub({ token: TOKEN, pageSize: 1 }).start();
      github.addComment(9, 'a');
      github.addComment(9, 'b');
      github.foreignNextLink = elsewhere.url.replace('127.0.0.1', 'localhost');
      await expect(
        upsertStickyComment({
          apiUrl: github.url,
          token: TOKEN,
          repository: 'acme/payments',
          issueNumber: 9,
          body: 'x',
        }),
      ).rejects.toThrow(/refused to follow a pagination link/);
      expect(elsewhere.requests).toHaveLength(0);
      expect(github.writes()).toHaveLength(0);
    } finally {
      await elsewhere.close();
    }
  });

  test('stops after maxPages and refuses to post rather than risk a duplicate', async () => {
    await github.close();
    github = await new FakeGitHub({ token: TOKEN, pageSize: 1 }).start();
    for (let i = 0; i < 5; i += 1) github.addComment(4, `c${i}`, 'someone');
    await expect(
      upsertStickyComment({
        apiUrl: github.url,
        token: TOKEN,
        repository: 'acme/payments',
        issueNumber: 4,
        body: 'x',
        maxPages: 3,
      }),
    ).rejects.toThrow(/more comments than rampart reads/);
    expect(github.requests).toHaveLength(3);
    expect(github.writes()).toHaveLength(0);
  });

  test('a read-only token (a fork) fails with one line naming the call and never the token', async () => {
    github.readOnly = true;
    const error = await upsertStickyComment({
      apiUrl: github.url,
      token: TOKEN,
      repository: 'acme/payments',
      issueNumber: 2,
      body: 'x',
    }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(HttpError);
    expect((error as HttpError).message).toBe(
      `GitHub API: POST ${github.url}/repos/acme/payments/issues/2/comments answered 403: Resource not accessible by integration`,
    );
    expect((error as HttpError).status).toBe(403);
    expect(JSON.stringify(error)).not.toContain(TOKEN);
    expect((error as Error).cause).toBeUndefined();
  });

  test("a huge report is posted within GitHub's limit", async () => {
    const cases = Array.from({ length: 3000 }, (_, i) =>
      driftCase(RULE_IDS[i % RULE_IDS.length]!, `GET /r/${i}`, `changed ${'y'.repeat(60)}`),
    );
    const eventPath = await writeEvent({ pull_request: { number: 20 } });
    await runComment({
      report: await writeReport(reportOf([{ id: 'drift', title: 'Spec drift', cases }])),
      env: envFor(eventPath),
      log: quiet,
    });
    const body = github.comments.get(20)![0]!.body;
    expect(body.length).toBeLessThanOrEqual(GITHUB_COMMENT_LIMIT);
    expect(body).toContain('Truncated: the full report is');
    expect(body).toContain('[the full report](https://github.com/acme/payments/actions/runs/77)');
  });

  test('the token never reaches the posted body', async () => {
    const eventPath = await writeEvent({ pull_request: { number: 21 } });
    const body = join(dir, 'body.md');
    await writeFile(body, `${REPORT_MARKER}\nleaked ${TOKEN} here`);
    await runComment({ body, env: envFor(eventPath), log: quiet });
    expect(github.comments.get(21)![0]!.body).toBe(`${REPORT_MARKER}\nleaked [REDACTED] here`);
  });
});

describe('npm run comment with a forged report', () => {
  const FORGED = 'https://evil.test/`](https://evil.test)**bold** <img src=x onerror=alert(1)> @octocat';

  function forged(): ReturnType<typeof driftedReport> {
    const report = driftedReport();
    report.target = { kind: 'staging', baseUrl: FORGED, specRevision: 'next' };
    report.steps[0]!.cases[0]!.message = '**bold** <img src=x onerror=alert(1)> @octocat [link](javascript:alert(1))';
    report.steps[0]!.title = '<details open>@octocat</details>';
    return report;
  }

  test('renders every field as inert text: no Markdown, HTML or @mention from it', async () => {
    const eventPath = await writeEvent({ pull_request: { number: 50 } });
    await runComment({ report: await writeReport(forged()), env: envFor(eventPath), log: quiet });
    const body = github.comments.get(50)![0]!.body;
    const html = renderReportHtml(body);
    expect(html).not.toMatch(/<img|<strong>bold|href="javascript|<details open/);
    // A mention outside code would notify: none is left outside a code span.
    expect(body.replace(/`[^`\n]*`/g, '')).not.toMatch(/@octocat/);
    expect(body).toContain('&lt;img src=x onerror=alert(1)&gt;');
  });

  /** The fields of a written report that the cases below forge. */
  interface ForgedReport {
    tool: { version: string };
    target: { specRevision: string; baseUrl: string };
    [key: string]: unknown;
  }

  test.each([
    [
      'tool.version',
      (r: ForgedReport) => {
        r['tool'].version = '1.0 **pwned** @octocat';
      },
      /at tool\.version: must be a short identifier/,
    ],
    [
      'target.specRevision',
      (r: ForgedReport) => {
        r['target'].specRevision = 'next](x)';
      },
      /at target\.specRevision: must be a short identifier/,
    ],
    [
      'finishedAt',
      (r: ForgedReport) => {
        r['finishedAt'] = '@octocat';
      },
      /at finishedAt:/,
    ],
    [
      'target.baseUrl',
      (r: ForgedReport) => {
        r['target'].baseUrl = 'javascript:alert(1)';
      },
      /at target\.baseUrl:/,
    ],
    [
      'audit.finalHash',
      (r: ForgedReport) => {
        r['audit'] = { session: 1, records: 2, finalHash: '<img src=x>', keyed: false };
      },
      /at audit\.finalHash: must be a SHA-256 hex digest/,
    ],
    [
      'an unknown key',
      (r: ForgedReport) => {
        r['extra'] = '<b>';
      },
      /extra/,
    ],
  ])(
    'refuses a report whose %s is not what rampart writes, in one line, posting nothing',
    async (_what, forge, message) => {
      const report = JSON.parse(renderJson(driftedReport())) as ForgedReport;
      forge(report);
      const file = join(dir, 'forged.json');
      await writeFile(file, JSON.stringify(report));
      const eventPath = await writeEvent({ pull_request: { number: 51 } });
      const error = await runComment({ report: file, env: envFor(eventPath), log: quiet }).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(UsageError);
      expect((error as Error).message).toMatch(message);
      expect((error as Error).message).not.toContain('\n');
      expect(github.writes()).toHaveLength(0);
    },
  );
});

describe('npm run comment when the run wrote no report', () => {
  test('posts that the run stopped before it could report', async () => {
    const eventPath = await writeEvent({ pull_request: { number: 40 } });
    await runComment({ report: join(dir, 'missing.json'), env: envFor(eventPath), log: quiet });
    expect(github.comments.get(40)![0]!.body).toBe(
      `${REPORT_MARKER}\n### ⚠️ rampart wrote no report\n\nThe run stopped before \`npm run verify\` could report: nothing can be said about the contract. [See the run](https://github.com/acme/payments/actions/runs/77).\n`,
    );
  });
});

describe('npm run comment from a workflow_run event', () => {
  test('takes the PR number from the artifact file once the PR head matches the run', async () => {
    github.pullHeads.set(31, 'a'.repeat(40));
    const eventPath = await writeEvent({
      workflow_run: {
        head_sha: 'a'.repeat(40),
        pull_requests: [],
        html_url: 'https://github.com/acme/payments/actions/runs/5',
      },
    });
    const prNumberFile = join(dir, 'pr-number.txt');
    await writeFile(prNumberFile, '31\n');
    await runComment({ report: await writeReport(), env: envFor(eventPath), prNumberFile, log: quiet });
    expect(github.comments.get(31)).toHaveLength(1);
    expect(github.requests[0]!.path).toBe('/repos/acme/payments/pulls/31');
  });

  test('does not comment when the artifact names a PR whose head is another commit', async () => {
    github.pullHeads.set(32, 'b'.repeat(40));
    const eventPath = await writeEvent({ workflow_run: { head_sha: 'a'.repeat(40), pull_requests: [] } });
    const prNumberFile = join(dir, 'pr-number.txt');
    await writeFile(prNumberFile, '32');
    const lines: string[] = [];
    expect(
      await runComment({
        report: await writeReport(),
        env: envFor(eventPath),
        prNumberFile,
        log: (l) => lines.push(l),
      }),
    ).toBe(0);
    expect(github.writes()).toHaveLength(0);
    expect(lines).toEqual([
      "rampart: not commenting: pull request #32's head is no longer aaaaaaaaaaaa, the commit this report is about",
    ]);
  });
});
