/**
 * The spec checks of `npm run verify` over real HTTP against the embedded sandbox, with copies of the
 * committed pacts: pacts against the published spec before the replay, the replay through the
 * recording proxy and its responses against the spec after, and drift tied to the interactions it breaks.
 */
import { copyFileSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { loadConfig } from '../config';
import { PACT_DIR } from '../contracts/parties';
import { Logger, MemorySink } from '../log/logger';
import type { CaseResult, RunReport } from '../report/model';
import { listPactFiles } from '../contracts/pact-reader';
import { driftVerifyStep } from '../steps/drift';
import { runVerify, type VerifyOptions } from './run-verify';

const SPEND_SYNC = 'spend-sync-ramp-developer-api.json';
const GET_TRANSACTION = 'spend-sync › a request for a transaction';
const NO_MERCHANT = 'spend-sync › a request for a transaction without a merchant name';
const FIRST_PAGE = 'spend-sync › a request for the first page of transactions';
const CREATE_CARD = 'card-issuing › a request to create a virtual card';

let pactDir: string;
let pactFiles: string[];
let workDir: string;

beforeAll(() => {
  // Copies: another suite regenerates the committed pacts.
  pactDir = mkdtempSync(join(tmpdir(), 'rampart-spec-checks-pacts-'));
  pactFiles = listPactFiles(PACT_DIR).map((file) => {
    const copy = join(pactDir, basename(file));
    copyFileSync(file, copy);
    return copy;
  });
});
afterAll(() => rmSync(pactDir, { recursive: true, force: true }));
beforeEach(() => {
  // Also the run's cwd, so no rampart.config.yaml of the checkout applies unless a test writes one.
  workDir = mkdtempSync(join(tmpdir(), 'rampart-spec-checks-'));
});
afterEach(() => rmSync(workDir, { recursive: true, force: true }));

async function run(options: Partial<VerifyOptions> = {}) {
  const sink = new MemorySink();
  const result = await runVerify({
    config: loadConfig({ env: {}, envFile: null }),
    pactFiles,
    probes: false,
    guardrails: false,
    reportDir: join(workDir, 'reports'),
    cwd: workDir,
    logger: new Logger(sink),
    ...options,
  });
  return { ...result, sink };
}

const stepOf = (report: RunReport, id: string) => report.steps.find((s) => s.id === id);
const readReport = (name: string) => readFileSync(join(workDir, 'reports', name), 'utf8');
const notPassed = (cases: readonly CaseResult[] = []) => cases.filter((c) => c.outcome !== 'passed');

function driftCase(report: RunReport, ruleId: string, operation: string): CaseResult | undefined {
  return stepOf(report, 'drift')?.cases.find(
    (c) => c.data?.['ruleId'] === ruleId && c.data?.['operation'] === operation,
  );
}

describe('verify with spec checks against the embedded sandbox', () => {
  it('is green on baseline, replays through the recording proxy, and writes no token anywhere', async () => {
    const { report, exitCode, sink } = await run();

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
    const audited = readReport('audit.jsonl')
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

    for (const name of readdirSync(join(workDir, 'reports'))) expect(readReport(name)).not.toMatch(/ramp_tok_/);
    expect(sink.lines.join('\n')).not.toMatch(/ramp_tok_/);
    expect(sink.lines).toContain('pacts vs the published spec: 14 interactions checked, 0 not supported by it');
  });

  it('on `next`, flags what the spec no longer supports before the replay and ties drift to the interactions it breaks', async () => {
    const { report, exitCode } = await run({ specRevision: 'next' });
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

    const markdown = readReport('verify.md');
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

  it('lists breaking drift no interaction of ours touches apart from the drift that breaks them', async () => {
    const spendSyncOnly = pactFiles.filter((f) => basename(f) === SPEND_SYNC);
    // Only the drift step: what it reports depends on the pacts, not on replaying them.
    const { report } = await run({ specRevision: 'next', pactFiles: spendSyncOnly, steps: [driftVerifyStep] });

    const entityId = driftCase(report, 'request-property-became-required', 'POST /developer/v1/cards/deferred/virtual');
    expect(entityId).toMatchObject({ outcome: 'failed', data: { affectedInteractions: [], unaffected: true } });
    const markdown = readReport('verify.md');
    const apart = markdown.indexOf('no consumer interaction of ours touches it');
    expect(apart).toBeGreaterThan(markdown.indexOf(FIRST_PAGE));
    expect(markdown.slice(apart)).toContain(
      "- request property 'entity_id' became required (`request-property-became-required` on `POST /developer/v1/cards/deferred/virtual`)",
    );
  });

  it('keeps the team’s drift ignores: an ignored finding stays skipped', async () => {
    writeFileSync(
      join(workDir, 'rampart.config.yaml'),
      'drift:\n  ignore:\n    - rule: response-optional-property-removed\n      path: /developer/v1/transactions/*\n      reason: spend-sync reads merchant_name from the v2 field\n',
    );
    const { report } = await run({ specRevision: 'next', specChecks: false, steps: [driftVerifyStep] });
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

  it('--no-spec-checks and --interaction leave both checks out', async () => {
    const off = await run({ specChecks: false, drift: false });
    expect(off.report.steps.map((s) => s.id)).toEqual(['pacts']);
    const one = await run({ interaction: 'a request for a user', drift: false });
    expect(one.report.steps.map((s) => s.id)).toEqual(['pacts']);
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

/** A loopback port nothing listens on. */
function closedPort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() =>
        typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port')),
      );
    });
  });
}
