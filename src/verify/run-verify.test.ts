/**
 * End to end over real HTTP: runVerify against the embedded sandbox (and a closed port for an
 * unreachable staging), with small hand-written pacts. Exit codes per failure class, reports' content,
 * and no token anywhere in what the run writes.
 */
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { XMLParser } from 'fast-xml-parser';
import { loadConfig } from '../config';
import { closedPort } from '../testing/closed-port';
import { ConfigError, PactLoadError } from '../errors';
import { startLocalTestServer } from '../http/local-test-server';
import { sendJson } from '../http/respond';
import { startSandbox } from '../providers/sandbox';
import { Logger, MemorySink } from '../log/logger';
import type { RunReport } from '../report/model';
import { guardrailsStep } from '../steps/guardrails';
import { runVerify, type VerifyOptions } from './run-verify';
import { PactWorkerPool } from './worker-pool';
import {
  CREATE_CARD,
  EXPIRED_TOKEN,
  GET_TRANSACTION,
  LIST_CARDS,
  LIST_TRANSACTIONS,
  writeTestPacts,
} from '../providers/ramp/testing/test-pacts';

const sandboxConfig = () => loadConfig({ env: {}, envFile: null });
let pacts: { dir: string; files: string[] };
let reportDir: string;

beforeAll(() => {
  pacts = writeTestPacts();
});
afterAll(() => rmSync(pacts.dir, { recursive: true, force: true }));
// The runs share their pact workers: the Verifier starts once for the file, not once a run.
const workerPool = new PactWorkerPool();
afterAll(() => workerPool.close());
beforeEach(() => {
  reportDir = mkdtempSync(join(tmpdir(), 'rampart-verify-reports-'));
});
afterEach(() => rmSync(reportDir, { recursive: true, force: true }));

function run(options: Partial<VerifyOptions> = {}) {
  const sink = new MemorySink();
  const result = runVerify({
    config: sandboxConfig(),
    pactFiles: pacts.files,
    probes: false,
    drift: false,
    guardrails: false,
    // The spec checks run over the committed pacts in spec-checks.test.ts.
    specChecks: false,
    // The files are small: one worker process verifies them in less time than two take to start.
    maxWorkers: 1,
    workerPool,
    reportDir,
    logger: new Logger(sink),
    ...options,
  });
  return { result, sink };
}

const readReport = (name: string) => readFileSync(join(reportDir, name), 'utf8');

describe('runVerify against the embedded sandbox', () => {
  it('verifies every interaction green and exits 0, saying it uses the sandbox', async () => {
    const { result, sink } = run();
    const { exitCode, report } = await result;

    expect(report.steps.flatMap((s) => s.cases).filter((c) => c.outcome !== 'passed')).toEqual([]);
    expect(exitCode).toBe(0);
    expect(sink.lines[0]).toMatch(
      /^no staging configured: using the embedded sandbox at http:\/\/127\.0\.0\.1:\d+ \(spec revision baseline\)$/,
    );
    const pactStep = report.steps.find((s) => s.id === 'pacts');
    expect(pactStep?.cases.map((c) => [c.name, c.outcome])).toEqual([
      [LIST_TRANSACTIONS, 'passed'],
      [GET_TRANSACTION, 'passed'],
      [EXPIRED_TOKEN, 'passed'],
      [LIST_CARDS, 'passed'],
      ['list cards without cards:read', 'passed'],
      [CREATE_CARD, 'passed'],
    ]);
    expect(sink.lines.filter((l) => /^interaction \d+ of 6 ✓/.test(l))).toHaveLength(6);
    // One grant per scope set: standard, without cards:read, and the one revoked for the expired state.
    expect(report.tokens).toEqual({ requests: 3, scopeSets: 3 });

    // Reports: the JSON model, one JUnit suite per pact with its counts, the Markdown verdict.
    const json = JSON.parse(readReport('verify.json')) as RunReport;
    expect(json).toMatchObject({
      schemaVersion: 1,
      verdict: 'passed',
      exitCode: 0,
      target: { kind: 'sandbox', specRevision: 'baseline' },
    });
    expect(json.totals).toEqual({ passed: 6, failed: 0, error: 0, skipped: 0 });
    type Suite = { name: string; tests: string; failures: string };
    const junit = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '' }).parse(
      readReport('junit.xml'),
    ) as {
      testsuites: { testsuite: Suite | Suite[] };
    };
    const suites = [junit.testsuites.testsuite].flat();
    expect(suites.map((s) => [s.name, s.tests, s.failures])).toEqual([
      ['pact spend-sync -> ramp-developer-api', '3', '0'],
      ['pact card-issuing -> ramp-developer-api', '3', '0'],
    ]);
    expect(readReport('verify.md')).toMatch(/^<!-- rampart:report -->/);
    expect(readReport('verify.md')).toContain('✅');

    // No token in anything the run wrote (tokens are opaque `ramp_tok_…` values).
    for (const name of readdirSync(reportDir)) expect(readReport(name)).not.toMatch(/ramp_tok_/);
    for (const file of pacts.files) expect(readFileSync(file, 'utf8')).not.toMatch(/ramp_tok_/);
    expect(sink.lines.join('\n')).not.toMatch(/ramp_tok_/);
    // Every replayed call is in the audit trail with the fingerprint of the token it carried.
    const audit = readReport('audit.jsonl')
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as { kind: string });
    // 6 replayed interactions and the 4 calls the state handlers made: every token-bearing request.
    expect(audit.filter((r) => r.kind === 'api')).toHaveLength(10);
    expect(audit[0]).toMatchObject({ kind: 'start', session: 1 });
    expect(audit.at(-1)?.kind).toBe('close');
  });

  it('exits 1 against the `next` revision, naming the broken interactions and why', async () => {
    const { exitCode, report } = await run({ specRevision: 'next' }).result;

    expect(exitCode).toBe(1);
    const failed = report.steps.flatMap((s) => s.cases).filter((c) => c.outcome === 'failed');
    const byName = new Map(failed.map((c) => [c.name, c]));
    expect([...byName.keys()].sort()).toEqual([CREATE_CARD, GET_TRANSACTION, LIST_TRANSACTIONS].sort());
    expect(byName.get(LIST_TRANSACTIONS)?.detail).toContain('merchant_name');
    expect(byName.get(GET_TRANSACTION)?.message).toBe('status 403 where the pact expects 200 (and 1 more)');
    expect(byName.get(CREATE_CARD)?.message).toMatch(/^status 422 where the pact expects 200/);
    // The rerun selects the same revision: without it the interaction passes against the baseline.
    expect(byName.get(GET_TRANSACTION)?.rerun).toBe(
      `npm run verify -- --spec-revision next --pact ${pacts.files[0]} --interaction "${GET_TRANSACTION}"`,
    );
    expect(byName.get(GET_TRANSACTION)?.providerState).toBe('a transaction exists');
    expect(readReport('verify.md')).toContain(GET_TRANSACTION);
  });

  it('reruns one interaction with --interaction', async () => {
    const { report } = await run({ interaction: GET_TRANSACTION }).result;
    expect(report.steps.flatMap((s) => s.cases).map((c) => c.name)).toEqual([GET_TRANSACTION]);
  });

  it('exits 2 when the token endpoint is down, never green', async () => {
    const { exitCode, report } = await run({ sandbox: { faults: { tokenEndpointDown: true } } }).result;
    expect(exitCode).toBe(2);
    expect(report.verdict).toBe('error');
    expect(report.steps.find((s) => s.id === 'pacts')?.error).toMatch(/token/i);
    expect((JSON.parse(readReport('verify.json')) as RunReport).exitCode).toBe(2);
  });

  it('runs the guardrails as a step of the same run, green on the sandbox in its normal mode', async () => {
    // Only the guardrails step: it shares the run's target, tokens and audit trail, not the replay.
    const { exitCode, report } = await run({ guardrails: true, steps: [guardrailsStep()] }).result;
    const guardrails = report.steps.find((s) => s.id === 'guardrails');
    expect(guardrails?.cases.length).toBeGreaterThan(10);
    expect(guardrails?.cases.filter((c) => c.outcome === 'failed' || c.outcome === 'error')).toEqual([]);
    // Only the opt-in burst and the unsupplied previous secret are left out, each saying why.
    expect(
      guardrails?.cases
        .filter((c) => c.outcome === 'skipped')
        .map((c) => c.data?.['check'])
        .sort(),
    ).toEqual(['key-rotation', 'rate-limit']);
    expect(exitCode).toBe(0);
  });

  it('checks the stage RAMPART_STAGE names, on a sandbox that enforces its rate limit', async () => {
    const config = loadConfig({ env: { RAMPART_STAGE: 'growth' }, envFile: null });
    const { exitCode, report } = await run({ config, guardrails: true, steps: [guardrailsStep()] }).result;
    const guardrails = report.steps.find((s) => s.id === 'guardrails');
    // The stage's own checks, and the rehearsal of the next one.
    expect(new Set(guardrails?.cases.map((c) => c.data?.['stage']))).toEqual(new Set(['growth', 'scale']));
    expect(exitCode).toBe(0);
  });

  it('skips writes on a host that is not write-allowed, with the way to allow it', async () => {
    // A staging on loopback whose host is not in RAMPART_WRITE_HOSTS: verified read-only.
    const sandbox = await startSandbox({ port: 0 });
    try {
      const config = loadConfig({
        // The spec URL too, so nothing here could reach past loopback.
        env: {
          STAGING_BASE_URL: sandbox.baseUrl,
          RAMP_SPEC_URL: sandbox.specUrl,
          RAMP_CLIENT_ID: sandbox.clients.demo.clientId,
          RAMP_CLIENT_SECRET: sandbox.clients.demo.clientSecret,
        },
        envFile: null,
      });
      const { exitCode, report } = await run({ config }).result;
      const create = report.steps.flatMap((s) => s.cases).find((c) => c.name === CREATE_CARD);
      expect(create?.outcome).toBe('skipped');
      expect(create?.message).toContain(`RAMPART_WRITE_HOSTS=${new URL(sandbox.baseUrl).host}`);
      expect(exitCode).toBe(0);
    } finally {
      await sandbox.close();
    }
  });
});

describe("runVerify when one of the run's token kinds cannot be had", () => {
  it('errs only the interactions whose state needs it and verifies the rest', async () => {
    const demoClient = { clientId: 'revocation-down-client', clientSecret: 'revocation-down-secret-0123456789' };
    const sandbox = await startSandbox({ port: 0, demoClient });
    // A staging that forwards to the sandbox, except that its token revocation is down.
    const staging = await startLocalTestServer(async (req, res) => {
      if (req.url.startsWith('/developer/v1/token/revoke')) return sendJson(res, 503, {});
      const headers = Object.fromEntries(
        ['authorization', 'content-type', 'accept'].flatMap((h) =>
          req.headers[h] ? [[h, String(req.headers[h])]] : [],
        ),
      );
      const answer = await fetch(`${sandbox.baseUrl}${req.url}`, {
        method: req.method,
        headers,
        ...(req.method === 'GET' ? {} : { body: req.body }),
      });
      res.writeHead(answer.status, { 'content-type': answer.headers.get('content-type') ?? 'application/json' });
      res.end(Buffer.from(await answer.arrayBuffer()));
    });
    try {
      const config = loadConfig({
        env: {
          STAGING_BASE_URL: staging.url,
          RAMP_CLIENT_ID: demoClient.clientId,
          RAMP_CLIENT_SECRET: demoClient.clientSecret,
          RAMPART_HTTP_MAX_ATTEMPTS: '1',
        },
        envFile: null,
      });
      const { exitCode, report } = await run({ config }).result;
      const cases = report.steps.find((s) => s.id === 'pacts')?.cases ?? [];
      expect(cases.find((c) => c.name === EXPIRED_TOKEN)).toMatchObject({
        outcome: 'error',
        message: expect.stringMatching(
          /^provider state "the access token is expired" needs the revoked token, which could not be had: could not revoke/,
        ) as string,
      });
      expect(cases.find((c) => c.name === GET_TRANSACTION)?.outcome).toBe('passed');
      expect(report.steps.find((s) => s.id === 'pacts')?.error).toBeUndefined();
      expect(exitCode).toBe(2);
    } finally {
      await staging.close();
      await sandbox.close();
    }
  });
});

describe('runVerify when the environment or the input is broken', () => {
  it('exits 2 when staging is unreachable', async () => {
    const port = await closedPort();
    const config = loadConfig({
      env: { STAGING_BASE_URL: `http://127.0.0.1:${port}`, RAMP_CLIENT_ID: 'id', RAMP_CLIENT_SECRET: 'secret-value' },
      envFile: null,
    });
    const { exitCode, report } = await run({ config }).result;
    expect(exitCode).toBe(2);
    expect(report.steps.find((s) => s.id === 'pacts')?.error).toBeDefined();
  });

  it('names the missing client credential of a staging, before anything is sent', async () => {
    const port = await closedPort();
    const env = { STAGING_BASE_URL: `http://127.0.0.1:${port}`, RAMP_CLIENT_ID: 'id' };
    await expect(run({ config: loadConfig({ env, envFile: null }) }).result).rejects.toThrow(
      new ConfigError('RAMP_CLIENT_SECRET is required when STAGING_BASE_URL is set'),
    );
  });

  it('refuses a RAMPART_STAGE the ramp policy does not have with one line naming the known stages', async () => {
    const config = loadConfig({ env: { RAMPART_STAGE: 'hyper' }, envFile: null });
    await expect(run({ config }).result).rejects.toThrow(
      new ConfigError('unknown stage "hyper" (RAMPART_STAGE); the ramp policy has pilot, growth, scale'),
    );
  });

  it('refuses a malformed pact with a PactLoadError naming the file, and leaves an error report', async () => {
    const bad = writeTestPacts({
      'broken.json': '{"consumer": {"name": "x"}, "provider": {"name": "y"}, "interactions": [',
    } as never);
    try {
      await expect(run({ pactFiles: bad.files }).result).rejects.toThrow(PactLoadError);
      await expect(run({ pactFiles: bad.files }).result).rejects.toThrow(/broken\.json: is not JSON/);
      expect(JSON.parse(readReport('verify.json'))).toMatchObject({ verdict: 'error', exitCode: 2 });
    } finally {
      rmSync(bad.dir, { recursive: true, force: true });
    }
  });
});
