import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { clearRegisteredSecrets, registerSecret } from '../log/redact';
import { renderJson, renderMarkdown } from '../report';
import { driftedReport } from '../providers/ramp/testing/sample-reports';
import { runGitHubSummary } from './commands';
import { STEP_SUMMARY_LIMIT, writeStepSummary } from './step-summary';

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'rampart-summary-'));
});
afterEach(async () => {
  clearRegisteredSecrets();
  await rm(dir, { recursive: true, force: true });
});

describe('writeStepSummary', () => {
  test('does nothing outside Actions', async () => {
    expect(await writeStepSummary('# hi', {})).toEqual({ file: null, bytes: 0, truncated: false });
  });

  test('appends to what the step already wrote', async () => {
    const file = join(dir, 'summary.md');
    await writeFile(file, 'earlier\n');
    const result = await writeStepSummary('### report\n\n', { GITHUB_STEP_SUMMARY: file });
    expect(result).toEqual({ file, bytes: 11, truncated: false });
    expect(await readFile(file, 'utf8')).toBe('earlier\n### report\n');
  });

  test('keeps the whole file within 1 MiB without splitting a character', async () => {
    const file = join(dir, 'summary.md');
    await writeFile(file, 'x'.repeat(1000));
    const result = await writeStepSummary('é✅'.repeat(400_000), { GITHUB_STEP_SUMMARY: file });
    const written = await readFile(file);
    expect(result.truncated).toBe(true);
    expect(written.length).toBeLessThanOrEqual(STEP_SUMMARY_LIMIT);
    expect(written.length).toBeGreaterThan(STEP_SUMMARY_LIMIT - 10);
    expect(written.toString('utf8')).not.toContain('\uFFFD');
    expect(written.toString('utf8')).toContain('Truncated to fit the 1 MiB job-summary limit');
  });

  test('redacts', async () => {
    registerSecret('canary-summary-9911');
    const file = join(dir, 'summary.md');
    await writeStepSummary('token canary-summary-9911', { GITHUB_STEP_SUMMARY: file });
    expect(await readFile(file, 'utf8')).toBe('token [REDACTED]\n');
  });
});

describe('runGitHubSummary', () => {
  test('writes the Markdown report to the job summary and prints the annotations', async () => {
    const report = join(dir, 'verify.json');
    await writeFile(report, renderJson(driftedReport()));
    const summary = join(dir, 'summary.md');
    const lines: string[] = [];
    const env = { GITHUB_STEP_SUMMARY: summary, GITHUB_REPOSITORY: 'acme/payments', GITHUB_RUN_ID: '9' };
    expect(await runGitHubSummary({ report, env, out: (l) => lines.push(l) })).toBe(0);
    expect(await readFile(summary, 'utf8')).toBe(
      `${renderMarkdown(driftedReport(), { artifactUrl: 'https://github.com/acme/payments/actions/runs/9' })}`,
    );
    expect(lines).toHaveLength(6);
    expect(lines[2]).toMatch(/^::error title=response-required-property-removed::GET \/developer\/v1\/transactions: /);
  });

  test('a missing report is an error annotation and says so in the summary', async () => {
    const summary = join(dir, 'summary.md');
    const lines: string[] = [];
    await runGitHubSummary({
      report: join(dir, 'nope.json'),
      env: { GITHUB_STEP_SUMMARY: summary },
      out: (l) => lines.push(l),
    });
    expect(lines).toEqual([
      `::error title=rampart::${join(dir, 'nope.json')} was not written: the run stopped before it could report`,
    ]);
    expect(await readFile(summary, 'utf8')).toContain('### ⚠️ rampart wrote no report');
  });

  test('a report that is not a rampart report is a usage error naming the file', async () => {
    const report = join(dir, 'verify.json');
    await writeFile(report, JSON.stringify({ schemaVersion: 1, steps: 'nope' }));
    await expect(runGitHubSummary({ report, env: {}, out: () => undefined })).rejects.toThrow(
      `${report} is not a rampart report (schemaVersion 1)`,
    );
  });
});
