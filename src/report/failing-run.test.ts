/**
 * The failing run users see first: `npm run verify -- --spec-revision next` against the embedded sandbox,
 * with the committed pacts. Its comment names three root causes, and the command it prints to reproduce
 * one, run as copied, fails the same way.
 */
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadConfig } from '../config';
import { Logger, MemorySink } from '../log/logger';
import { runVerify } from '../verify';

const REPO = join(__dirname, '..', '..');
let reportDir: string;
let rerunDir: string;

beforeAll(() => {
  reportDir = mkdtempSync(join(tmpdir(), 'rampart-failing-run-'));
  rerunDir = mkdtempSync(join(tmpdir(), 'rampart-rerun-'));
});
afterAll(() => {
  rmSync(reportDir, { recursive: true, force: true });
  rmSync(rerunDir, { recursive: true, force: true });
});

function shell(command: string, env: NodeJS.ProcessEnv): Promise<{ code: number; stdout: string }> {
  return new Promise((resolve) => {
    execFile('sh', ['-c', command], { cwd: REPO, env, timeout: 120_000 }, (error, stdout) => {
      resolve({ code: error ? (typeof error.code === 'number' ? error.code : -1) : 0, stdout });
    });
  });
}

test('the failing sandbox run names three root causes, and a copied rerun command fails the same way', async () => {
  const { exitCode } = await runVerify({
    config: loadConfig({ env: {}, envFile: null }),
    specRevision: 'next',
    pactFiles: ['pacts/card-issuing-ramp-developer-api.json', 'pacts/spend-sync-ramp-developer-api.json'],
    probes: false,
    reportDir,
    cwd: REPO,
    logger: new Logger(new MemorySink()),
  });
  expect(exitCode).toBe(1);
  const md = readFileSync(join(reportDir, 'verify.md'), 'utf8');

  const causes = md.slice(
    md.indexOf('#### 🔴 Breaking: 3 root causes'),
    md.indexOf('\n#### ', md.indexOf('#### 🔴') + 1),
  );
  const titles = [...causes.matchAll(/^\*\*\d+\. (.+)\*\*$/gm)].map((m) => m[1]);
  expect(titles).toHaveLength(3);
  expect(titles.find((t) => t?.includes('merchant_name'))).toBeDefined();
  expect(titles.find((t) => t?.includes('entity_id'))).toBeDefined();
  expect(titles.find((t) => t?.includes('receipts:read'))).toBeDefined();

  const entry = causes.slice(causes.indexOf('entity_id') - 10);
  const command = /- \*\*Reproduce\*\* `([^`]+)`/.exec(entry)?.[1] ?? '';
  expect(command).toMatch(
    /^npm run verify -- --spec-revision next --pact pacts\/card-issuing-ramp-developer-api\.json --interaction /,
  );
  const failure =
    /- ❌ replay · card-issuing › a request to create a virtual card \(provider state `[^`]+`\): ([^\n]+)/.exec(
      entry,
    )?.[1];
  expect(failure).toBe('status 422 where the pact expects 200 (and 1 more)');

  const env = {
    PATH: process.env['PATH'] ?? '',
    HOME: process.env['HOME'] ?? tmpdir(),
    RAMPART_REPORT_DIR: rerunDir,
    NO_COLOR: '1',
  };
  const rerun = await shell(command, env);
  expect(rerun.code).toBe(1);
  expect(rerun.stdout).toContain(`✗ a request to create a virtual card`);
  expect(rerun.stdout).toContain(failure);
}, 120_000);
