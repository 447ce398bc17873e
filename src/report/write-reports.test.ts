import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { clearRegisteredSecrets, registerSecret } from '../log/redact';
import { renderJson } from './json';
import { REPORT_MARKER } from './markdown';
import { pactCase, reportOf } from './test-fixtures';
import { driftedReport } from '../providers/ramp/testing/sample-reports';
import { writeReports } from './write-reports';

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'rampart-reports-'));
});
afterEach(async () => {
  clearRegisteredSecrets();
  await rm(dir, { recursive: true, force: true });
});

describe('writeReports', () => {
  test('writes the three reports into a new directory and returns their paths', async () => {
    const target = join(dir, 'nested', 'reports');
    const paths = await writeReports(driftedReport(), target);
    expect(paths).toEqual({
      json: join(target, 'verify.json'),
      junit: join(target, 'junit.xml'),
      markdown: join(target, 'verify.md'),
    });
    expect(await readFile(paths.json, 'utf8')).toBe(renderJson(driftedReport()));
    expect(await readFile(paths.junit, 'utf8')).toMatch(
      /^<\?xml version="1.0" encoding="UTF-8"\?>\n<testsuites name="rampart" tests="8"/,
    );
    expect((await readFile(paths.markdown, 'utf8')).startsWith(`${REPORT_MARKER}\n### ❌`)).toBe(true);
    expect((await readdir(target)).sort()).toEqual(['junit.xml', 'verify.json', 'verify.md']);
  });

  test('replaces earlier reports whole and leaves no temporary file', async () => {
    await writeFile(join(dir, 'verify.json'), 'x'.repeat(100_000));
    await writeReports(reportOf([]), dir);
    const json = JSON.parse(await readFile(join(dir, 'verify.json'), 'utf8')) as { verdict: string };
    expect(json.verdict).toBe('passed');
    expect((await readdir(dir)).filter((f) => f.endsWith('.tmp'))).toEqual([]);
  });

  test('no registered secret reaches any file', async () => {
    const canary = 'canary-files-77c1d0';
    registerSecret(canary);
    const report = reportOf([
      {
        id: 'x',
        title: `X ${canary}`,
        cases: [pactCase(canary, { outcome: 'failed', message: canary, detail: canary, rerun: canary })],
      },
    ]);
    const paths = await writeReports(report, dir);
    for (const file of Object.values(paths)) expect(await readFile(file, 'utf8')).not.toContain(canary);
  });
});
