import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadConfig } from '../config';
import { exitCodeFor, UsageError } from '../errors';
import { Logger, MemorySink } from '../log/logger';
import type { StepResult } from '../report/model';
import type { Step } from '../steps/step';
import { GUARDRAILS_REPORT_FILES, prepareReportDir, RUN_LOCK, VERIFY_REPORT_FILES } from './report-files';
import { runVerify, type VerifyOptions } from './run-verify';
import { parseVerifyArgs } from './verify-command';
import { writeTestPacts } from '../providers/ramp/testing/test-pacts';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'rampart-report-dir-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

/** `runVerify` in `dir` over the test pacts with only `steps`, reports in `dir/reports`. */
async function verifySteps(steps: Step[], options: Partial<VerifyOptions> = {}) {
  const pacts = writeTestPacts();
  try {
    return await runVerify({
      config: loadConfig({ env: {}, envFile: null }),
      cwd: dir,
      reportDir: 'reports',
      pactFiles: pacts.files,
      steps,
      logger: new Logger(new MemorySink()),
      ...options,
    });
  } finally {
    rmSync(pacts.dir, { recursive: true, force: true });
  }
}

describe('prepareReportDir', () => {
  it('refuses a report directory that is a file, in one line, as a usage error (exit 2)', () => {
    const file = join(dir, 'reports');
    writeFileSync(file, 'not a directory');
    expect(() => prepareReportDir(file, VERIFY_REPORT_FILES, 'reports')).toThrow(UsageError);
    expect(() => prepareReportDir(file, VERIFY_REPORT_FILES, 'reports')).toThrow(
      /^report directory reports: not a directory$/,
    );
    expect(() => prepareReportDir(join(file, 'nested'), VERIFY_REPORT_FILES, 'reports/nested')).toThrow(
      'report directory reports/nested: not a directory',
    );
  });

  it("is one run's at a time: a live run holding it refuses another; a killed run's lock is taken over", () => {
    const release = prepareReportDir(dir, VERIFY_REPORT_FILES, 'reports');
    writeFileSync(join(dir, VERIFY_REPORT_FILES.json), '{"verdict":"running"}');
    expect(() => prepareReportDir(dir, GUARDRAILS_REPORT_FILES, 'reports')).toThrow(
      new UsageError(
        `report directory reports: another rampart run (process ${process.pid}) is using it; wait for it to end, or pass --report-dir`,
      ),
    );
    // The refused run removed nothing of the running one's.
    expect(existsSync(join(dir, VERIFY_REPORT_FILES.json))).toBe(true);
    release();
    expect(existsSync(join(dir, RUN_LOCK))).toBe(false);

    // A lock left by a process that no longer exists (a killed run).
    writeFileSync(join(dir, RUN_LOCK), '2147483647\n');
    const again = prepareReportDir(dir, VERIFY_REPORT_FILES, 'reports');
    expect(readFileSync(join(dir, RUN_LOCK), 'utf8')).toBe(`${process.pid}\n`);
    again();
  });

  it("removes the last run's reports first: a killed run leaves no stale green; the audit trail stays", () => {
    for (const name of [
      ...Object.values(VERIFY_REPORT_FILES),
      'audit.jsonl',
      ...Object.values(GUARDRAILS_REPORT_FILES),
    ]) {
      writeFileSync(join(dir, name), '{"verdict":"passed"}');
    }
    prepareReportDir(dir, VERIFY_REPORT_FILES);
    for (const name of Object.values(VERIFY_REPORT_FILES)) expect(existsSync(join(dir, name))).toBe(false);
    expect(readFileSync(join(dir, 'audit.jsonl'), 'utf8')).toBe('{"verdict":"passed"}');
    expect(existsSync(join(dir, GUARDRAILS_REPORT_FILES.json))).toBe(true);
  });

  it('creates a missing report directory', () => {
    prepareReportDir(join(dir, 'a', 'b'), VERIFY_REPORT_FILES);
    expect(existsSync(join(dir, 'a', 'b'))).toBe(true);
  });
});

describe('runVerify and its report directory and deadline', () => {
  const config = () => loadConfig({ env: {}, envFile: null });

  it('checks the report directory before the run starts: a file there is exit 2 with no target started', async () => {
    const file = join(dir, 'reports');
    writeFileSync(file, '');
    const steps: Step[] = [
      { id: 'never', title: 'Never', enabled: () => true, run: () => Promise.reject(new Error('ran')) },
    ];
    const error = await runVerify({ config: config(), cwd: dir, reportDir: 'reports', steps, quiet: true }).catch(
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(UsageError);
    expect((error as Error).message).toBe('report directory reports: not a directory');
    expect(exitCodeFor(error)).toBe(2);
  });

  it('stops at its deadline: the running step errs, later steps do not run, exit 2 with what finished', async () => {
    const finished: StepResult = {
      id: 'first',
      title: 'First',
      cases: [{ suite: 's', name: 'done', outcome: 'passed', durationMs: 1 }],
    };
    let aborted = false;
    const steps: Step[] = [
      { id: 'first', title: 'First', enabled: () => true, run: () => Promise.resolve(finished) },
      {
        id: 'hangs',
        title: 'Hangs',
        enabled: () => true,
        // It notices the aborted signal and ends (the run waits up to 5 s for a step cut short to wind up).
        run: (ctx) =>
          new Promise((resolve) =>
            ctx.options?.signal?.addEventListener('abort', () => {
              aborted = true;
              resolve(null);
            }),
          ),
      },
      { id: 'later', title: 'Later', enabled: () => true, run: () => Promise.reject(new Error('should not run')) },
    ];
    // The deadline's clock stands still, so each step gets the whole 50 ms however slow the set-up was.
    const run = await verifySteps(steps, { deadlineMs: 50, now: () => 0 });
    expect(run.exitCode).toBe(2);
    expect(run.report.steps.map((s) => [s.id, s.error])).toEqual([
      ['first', undefined],
      ['hangs', "the run's deadline of 0.05 s passed during this step; it was stopped and the later steps did not run"],
    ]);
    expect(aborted).toBe(true);
    expect(JSON.parse(readFileSync(join(dir, 'reports', 'verify.json'), 'utf8'))).toMatchObject({
      verdict: 'error',
      exitCode: 2,
    });
  });
});

it('an interrupt stops the running step, lets it wind up, then revokes, closes the audit session and reports', async () => {
  const interrupt = new AbortController();
  let woundUp = false;
  const steps: Step[] = [
    {
      id: 'first',
      title: 'First',
      enabled: () => true,
      run: () => Promise.resolve({ id: 'first', title: 'First', cases: [] }),
    },
    {
      id: 'long',
      title: 'Long',
      enabled: () => true,
      // Interrupted while it runs; it notices the run's signal and takes a moment to wind up.
      run: (ctx) =>
        new Promise((resolve) => {
          ctx.options?.signal?.addEventListener('abort', () =>
            setTimeout(() => {
              woundUp = true;
              resolve(null);
            }, 20),
          );
          interrupt.abort();
        }),
    },
    { id: 'later', title: 'Later', enabled: () => true, run: () => Promise.reject(new Error('should not run')) },
  ];
  const run = await verifySteps(steps, { interrupt: interrupt.signal });
  expect(run.report.steps.map((s) => [s.id, s.error])).toEqual([
    ['first', undefined],
    ['long', 'the run was interrupted during this step; it was stopped and the later steps did not run'],
  ]);
  expect(run.exitCode).toBe(2);
  expect(woundUp).toBe(true);
  const audit = readFileSync(join(dir, 'reports', 'audit.jsonl'), 'utf8')
    .trim()
    .split('\n');
  expect((JSON.parse(audit[audit.length - 1] ?? '{}') as { kind: string }).kind).toBe('close');
  expect(existsSync(join(dir, 'reports', 'verify.json'))).toBe(true);
  expect(existsSync(join(dir, 'reports', RUN_LOCK))).toBe(false);
});

it('--quiet prints the problems, the verdict and the report paths, and nothing else', async () => {
  const steps: Step[] = [
    {
      id: 'checks',
      title: 'Checks',
      enabled: () => true,
      run: () =>
        Promise.resolve({
          id: 'checks',
          title: 'Checks',
          cases: [
            { suite: 'checks', name: 'fine', outcome: 'passed', durationMs: 1 },
            { suite: 'checks', name: 'broken', outcome: 'failed', durationMs: 1, message: 'expected 200, got 404' },
          ],
        }),
    },
    { id: 'down', title: 'Down', enabled: () => true, run: () => Promise.reject(new Error('host unreachable')) },
  ];
  const sink = new MemorySink();
  const run = await verifySteps(steps, { logger: new Logger(sink, true) });
  expect(run.exitCode).toBe(2);
  expect(sink.lines.join('\n')).toBe(
    [
      'Failures and errors:',
      '',
      '✗ checks · broken',
      '  expected 200, got 404',
      '',
      '! Down could not run: host unreachable',
      'verdict: the tool or the environment failed, nothing can be said about the contract (exit 2)',
      'reports: reports/verify.json, reports/junit.xml, reports/verify.md',
    ].join('\n'),
  );
});

it('a deadline from the environment: RAMPART_VERIFY_DEADLINE_SECONDS', () => {
  mkdirSync(dir, { recursive: true });
  expect(loadConfig({ env: { RAMPART_VERIFY_DEADLINE_SECONDS: '90' }, envFile: null }).verifyDeadlineMs).toBe(90_000);
  expect(loadConfig({ env: {}, envFile: null }).verifyDeadlineMs).toBeNull();
});

it('--deadline takes whole seconds; anything else is a usage error', () => {
  expect(parseVerifyArgs(['--deadline', '30'])).toMatchObject({ deadlineMs: 30_000 });
  expect(parseVerifyArgs([])).not.toHaveProperty('deadlineMs');
  expect(() => parseVerifyArgs(['--deadline', 'soon'])).toThrow(
    new UsageError('--deadline must be a whole number of seconds, at least 1 (got "soon")'),
  );
});
