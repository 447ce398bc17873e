/**
 * The spec checks of `npm run verify` over real HTTP against the embedded sandbox, with the committed
 * pacts: pacts against the published spec before the replay, the replay through the recording proxy
 * and its responses against the spec after, and drift tied to the interactions it breaks. Each
 * scenario (baseline, `next`) is one run that its tests share; the failing run's report is checked
 * down to the rerun command it prints, run as copied.
 */
import { execFile } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { loadConfig } from '../config';
import { closedPort } from '../testing/closed-port';
import { PACT_DIR } from '../contracts/parties';
import { Logger, MemorySink } from '../log/logger';
import type { CaseResult, RunReport } from '../report/model';
import { renderMarkdown } from '../report/markdown';
import { parseRunReport } from '../report/parse-report';
import { listPactFiles } from '../contracts/pact-reader';
import { VERIFY_STEPS } from '../steps';
import { driftVerifyStep } from '../steps/drift';
import type { StepOptions } from '../steps/step';
import { relativeTo } from './report-files';
import { runVerify, type VerifyOptions } from './run-verify';
import { PactWorkerPool } from './worker-pool';

const REPO = join(__dirname, '..', '..');
const SPEND_SYNC = 'spend-sync-ramp-developer-api.json';
const GET_TRANSACTION = 'spend-sync › a request for a transaction';
const NO_MERCHANT = 'spend-sync › a request for a transaction without a merchant name';
const FIRST_PAGE = 'spend-sync › a request for the first page of transactions';
const CREATE_CARD = 'card-issuing › a request to create a virtual card';

/** The committed pacts as a user in the repository names them: `pacts/….json`. */
const pactFiles = listPactFiles(PACT_DIR).map((file) => relativeTo(file, REPO));
const temporaryDirs: string[] = [];
afterAll(() => temporaryDirs.forEach((dir) => rmSync(dir, { recursive: true, force: true })));
// The runs share their pact workers: the Verifier starts once, not once a run.
const workerPool = new PactWorkerPool();
afterAll(() => workerPool.close());

function temporaryDir(prefix: string): string {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  temporaryDirs.push(dir);
  return dir;
}

type Run = Awaited<ReturnType<typeof runVerify>> & { sink: MemorySink; reportDir: string };

/**
 * One verify run. Its cwd is an empty directory (so no rampart.config.yaml of the checkout applies
 * unless a test writes one) unless `cwd` says otherwise; one pact worker, as the files are small.
 */
async function run(options: Partial<VerifyOptions> = {}): Promise<Run> {
  const sink = new MemorySink();
  const cwd = options.cwd ?? temporaryDir('rampart-spec-checks-');
  const reportDir = temporaryDir('rampart-spec-checks-reports-');
  const result = await runVerify({
    config: loadConfig({ env: {}, envFile: null }),
    pactFiles: pactFiles.map((file) => join(REPO, file)),
    probes: false,
    guardrails: false,
    maxWorkers: 1,
    workerPool,
    logger: new Logger(sink),
    ...options,
    cwd,
    reportDir,
  });
  return { ...result, sink, reportDir };
}

const stepOf = (report: RunReport, id: string) => report.steps.find((s) => s.id === id);
const readReport = (run: Run, name: string) => readFileSync(join(run.reportDir, name), 'utf8');
const notPassed = (cases: readonly CaseResult[] = []) => cases.filter((c) => c.outcome !== 'passed');

function driftCase(report: RunReport, ruleId: string, operation: string): CaseResult | undefined {
  return stepOf(report, 'drift')?.cases.find(
    (c) => c.data?.['ruleId'] === ruleId && c.data?.['operation'] === operation,
  );
}

describe('verify with spec checks on the baseline revision', () => {
  let baseline: Run;
  beforeAll(async () => {
    baseline = await run();
  });

  it('is green, replays through the recording proxy, and writes no token anywhere', () => {
    const { report, exitCode, sink } = baseline;

    expect(report.steps.map((s) => s.id)).toEqual(['pact-vs-spec', 'pacts', 'provider-vs-spec', 'drift']);
    const pactVsSpec = stepOf(report, 'pact-vs-spec');
    expect(pactVsSpec?.cases).toHaveLength(14);
    expect(notPassed(pactVsSpec?.cases)).toEqual([]);
    // The four error interactions expect statuses Ramp's document (so the sandbox's) does not describe.
    const gaps = pactVsSpec?.cases.filter((c) => c.severity === 'warning').map((c) => c.data?.['ruleId']);
    expect(gaps).toEqual(Array(4).fill('pact-undocumented-error-status'));
    const providerVsSpec = stepOf(report, 'provider-vs-spec');
    expect(providerVsSpec?.error).toBeUndefined();
    expect(providerVsSpec?.cases.length).toBeGreaterThan(0);
    expect(notPassed(providerVsSpec?.cases)).toEqual([]);
    // The replay went through the proxy: every replayed call is one recorded exchange.
    // The audit trail holds them too, besides the state handlers' own calls.
    const audited = readReport(baseline, 'audit.jsonl')
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as { kind: string })
      .filter((r) => r.kind === 'api');
    expect(audited.length).toBeGreaterThan(14);
    expect(providerVsSpec?.summary).toMatchObject({ exchanges: 14, dropped: 0, failed: 0 });
    // The write guard still judged the real target: the card creation was replayed, not skipped.
    expect(stepOf(report, 'pacts')?.cases.find((c) => c.name === 'a request to create a virtual card')?.outcome).toBe(
      'passed',
    );
    expect(exitCode).toBe(0);

    // What a real run writes, the comment and the job summary read back whole (the audit anchor included).
    const written = readReport(baseline, 'verify.json');
    const readBack = parseRunReport(written, 'verify.json');
    expect(readBack).toEqual(JSON.parse(written));
    expect(renderMarkdown(readBack)).toBe(readReport(baseline, 'verify.md'));
    expect(report.audit?.finalHash).toMatch(/^[0-9a-f]{64}$/);

    for (const name of readdirSync(baseline.reportDir)) expect(readReport(baseline, name)).not.toMatch(/ramp_tok_/);
    expect(sink.lines.join('\n')).not.toMatch(/ramp_tok_/);
    expect(sink.lines).toContain('pacts vs the published spec: 14 interactions checked, 0 not supported by it');
  });
});

describe('verify with spec checks on the `next` revision', () => {
  let next: Run;
  beforeAll(async () => {
    // In the repository, as a user runs it: the rerun commands name `pacts/….json`.
    next = await run({ specRevision: 'next', cwd: REPO, pactFiles });
  });

  it('flags what the spec no longer supports before the replay and ties drift to the interactions it breaks', () => {
    const { report, exitCode } = next;
    expect(exitCode).toBe(1);

    const flagged = stepOf(report, 'pact-vs-spec')
      ?.cases.filter((c) => c.outcome === 'failed')
      .map((c) => c.name);
    expect(flagged?.sort()).toEqual([CREATE_CARD, GET_TRANSACTION, NO_MERCHANT].sort());
    expect(notPassed(stepOf(report, 'provider-vs-spec')?.cases)).toEqual([]);

    // merchant_name is optional at Ramp: its removal is a warning, raised to error where an interaction reads it.
    const removed = driftCase(
      report,
      'response-optional-property-removed',
      'GET /developer/v1/transactions/{transaction_id}',
    );
    expect(removed?.outcome).toBe('failed');
    expect(removed?.data?.['affectedInteractions']).toEqual([GET_TRANSACTION, NO_MERCHANT]);
    expect(removed?.data?.['unaffected']).toBeUndefined();
    const removedFromList = driftCase(report, 'response-optional-property-removed', 'GET /developer/v1/transactions');
    expect(removedFromList).toMatchObject({
      outcome: 'passed',
      severity: 'warning',
      data: { affectedInteractions: [], unaffected: true },
    });
    const limits = driftCase(report, 'endpoint-added', 'GET /developer/v1/limits');
    expect(limits?.data).toMatchObject({ affectedInteractions: [], unaffected: true });

    const markdown = readReport(next, 'verify.md');
    // The sticky comment renders the same Markdown from verify.json.
    expect(renderMarkdown(parseRunReport(readReport(next, 'verify.json'), 'verify.json'))).toBe(markdown);
    // One entry per root cause, each naming the drift finding and the interactions it breaks.
    const breaking = markdown.slice(markdown.indexOf('#### 🔴 Breaking: 3 root causes'), markdown.indexOf('#### 🟡'));
    const removal = breaking.slice(breaking.indexOf("optional response property 'merchant_name' was removed"));
    expect(removal).toContain(`- **Breaks** ${GET_TRANSACTION} · ${NO_MERCHANT}`);
    expect(removal).toContain(
      'drift finding `response-optional-property-removed` on `GET /developer/v1/transactions/{transaction_id}`',
    );
    const entity = breaking.slice(breaking.indexOf("request property 'entity_id' became required"));
    expect(entity).toContain('card-issuing › a request to create a virtual card');
    expect(entity).toContain(
      'drift finding `request-property-became-required` on `POST /developer/v1/cards/deferred/virtual`',
    );
  });

  it('names three root causes, and a copied rerun command fails the same way', async () => {
    const md = readReport(next, 'verify.md');
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

    const rerun = await shell(command, {
      PATH: process.env['PATH'] ?? '',
      HOME: process.env['HOME'] ?? tmpdir(),
      RAMPART_REPORT_DIR: temporaryDir('rampart-rerun-'),
      NO_COLOR: '1',
    });
    expect(rerun.code).toBe(1);
    expect(rerun.stdout).toContain(`✗ a request to create a virtual card`);
    expect(rerun.stdout).toContain(failure);
  }, 120_000);
});

describe('verify with spec checks: selections and failures', () => {
  it('lists breaking drift no interaction of ours touches apart from the drift that breaks them', async () => {
    const spendSyncOnly = pactFiles.filter((f) => basename(f) === SPEND_SYNC).map((f) => join(REPO, f));
    // Only the drift step: what it reports depends on the pacts, not on replaying them.
    const only = await run({ specRevision: 'next', pactFiles: spendSyncOnly, steps: [driftVerifyStep] });
    const { report } = only;

    const entityId = driftCase(report, 'request-property-became-required', 'POST /developer/v1/cards/deferred/virtual');
    expect(entityId).toMatchObject({ outcome: 'failed', data: { affectedInteractions: [], unaffected: true } });
    const markdown = readReport(only, 'verify.md');
    const apart = markdown.indexOf('no consumer interaction of ours touches it');
    expect(apart).toBeGreaterThan(markdown.indexOf(FIRST_PAGE));
    expect(markdown.slice(apart)).toContain(
      "- request property 'entity_id' became required (`request-property-became-required` on `POST /developer/v1/cards/deferred/virtual`)",
    );
  });

  it('keeps the team’s drift ignores: an ignored finding stays skipped', async () => {
    const cwd = temporaryDir('rampart-spec-checks-');
    writeFileSync(
      join(cwd, 'rampart.config.yaml'),
      'drift:\n  ignore:\n    - rule: response-optional-property-removed\n      path: /developer/v1/transactions/*\n      reason: spend-sync reads merchant_name from the v2 field\n',
    );
    const { report } = await run({ cwd, specRevision: 'next', specChecks: false, steps: [driftVerifyStep] });
    const ignored = driftCase(
      report,
      'response-optional-property-removed',
      'GET /developer/v1/transactions/{transaction_id}',
    );
    expect(ignored?.outcome).toBe('skipped');
    expect(ignored?.message).toMatch(/^ignored: spend-sync reads merchant_name/);
    expect(ignored?.data?.['affectedInteractions']).toEqual([GET_TRANSACTION, NO_MERCHANT]);
    expect(
      driftCase(report, 'request-property-became-required', 'POST /developer/v1/cards/deferred/virtual')?.outcome,
    ).toBe('failed');
  });

  it('--no-spec-checks and --interaction leave both checks out', () => {
    // The steps a run takes are the enabled ones (run-steps.ts); the baseline run above took all four.
    const stepIds = (options: StepOptions) =>
      VERIFY_STEPS.filter((s) => s.enabled({ probes: false, guardrails: false, ...options })).map((s) => s.id);
    expect(stepIds({})).toEqual(['pact-vs-spec', 'pacts', 'provider-vs-spec', 'drift']);
    expect(stepIds({ specChecks: false, drift: false })).toEqual(['pacts']);
    expect(stepIds({ interaction: 'a request for a user', drift: false })).toEqual(['pacts']);
  });

  it('an unreachable spec is an error step (exit 2) while the pacts are still verified', async () => {
    const port = await closedPort();
    const config = loadConfig({ env: { RAMP_SPEC_URL: `http://127.0.0.1:${port}/openapi.json` }, envFile: null });
    const { report, exitCode } = await run({ config, drift: false });

    expect(report.steps.map((s) => s.id)).toEqual(['pact-vs-spec', 'pacts', 'provider-vs-spec']);
    expect(stepOf(report, 'pact-vs-spec')?.error).toMatch(/openapi\.json/);
    expect(stepOf(report, 'pacts')?.cases).toHaveLength(14);
    expect(notPassed(stepOf(report, 'pacts')?.cases)).toEqual([]);
    expect(exitCode).toBe(2);
  });
});

function shell(command: string, env: NodeJS.ProcessEnv): Promise<{ code: number; stdout: string }> {
  return new Promise((resolve) => {
    execFile('sh', ['-c', command], { cwd: REPO, env, timeout: 120_000 }, (error, stdout) => {
      resolve({ code: error ? (typeof error.code === 'number' ? error.code : -1) : 0, stdout });
    });
  });
}
