import { existsSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { loadConfig } from '../config';
import type { RunReport } from '../report/model';
import { runGuardrailsCommand } from './guardrails-command';
import { fastPolicy, writePolicyFile } from '../guardrails/test-policy';
import { closedPort } from '../testing/closed-port';
import { startSandbox } from '../providers/sandbox';
import { manualClock } from '../testing/manual-clock';

/** `npm run guardrails` end to end, over real HTTP against the embedded sandbox (one-second windows). */

const CLIENT_SECRET = 'sandbox_secret_guardrails_test_0123456789';
const PREVIOUS_SECRET = 'sandbox_secret_rotated_out_9876543210';
/** The sandbox's demo client is the configured one, so the secrets below are the ones in play. */
const sandbox = { demoClient: { clientId: 'guardrails-test-client', clientSecret: CLIENT_SECRET } };

/** The sandbox's rate limiter and the checks on one manual clock: the burst is deterministic under any load. */
function onManualClock() {
  const clock = manualClock();
  return { sandbox: { ...sandbox, clock: clock.now }, clock };
}

function configFor(reportDir: string, extra: Record<string, string> = {}) {
  const issued = new Date(Date.now() - 10 * 86_400_000).toISOString().slice(0, 10);
  return loadConfig({
    envFile: null,
    env: {
      RAMP_CLIENT_ID: 'guardrails-test-client',
      RAMP_CLIENT_SECRET: CLIENT_SECRET,
      RAMP_PREVIOUS_CLIENT_SECRET: PREVIOUS_SECRET,
      RAMP_CLIENT_SECRET_ISSUED_AT: issued,
      RAMPART_REPORT_DIR: reportDir,
      RAMPART_HTTP_MAX_ATTEMPTS: '1',
      ...extra,
    },
  });
}

describe('npm run guardrails against the sandbox', () => {
  let dir: string;
  let file: string;
  beforeEach(() => {
    ({ file, dir } = writePolicyFile(fastPolicy()));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  const readReport = () => JSON.parse(readFileSync(join(dir, 'guardrails.json'), 'utf8')) as RunReport;

  // normal mode: every check passes, the rehearsal included, and the reports are written
  it('passes every check in normal mode, exit 0', async () => {
    const output: string[] = [];
    const code = await runGuardrailsCommand(
      ['--policy', file, '--report-dir', dir, '--rate-limit-probe', '--rehearse'],
      {
        config: configFor(dir),
        ...onManualClock(),
        write: (text) => output.push(text),
      },
    );
    const report = readReport();
    const problems = report.steps[0]!.cases.filter((c) => c.outcome !== 'passed' && c.outcome !== 'skipped');
    expect(problems).toEqual([]);
    expect(code).toBe(0);
    const cases = report.steps[0]!.cases;
    const checks = new Set(cases.map((c) => c.data?.['check']));
    expect([...checks].sort()).toEqual([
      'auth-sweep',
      'key-age',
      'key-rotation',
      'least-privilege',
      'rate-limit',
      'stage-step-up',
    ]);
    expect(
      cases.every(
        (c) => c.suite === 'guardrails' && c.data?.['stage'] !== undefined && typeof c.data?.['remedy'] === 'string',
      ),
    ).toBe(true);
    expect(cases.find((c) => c.name === '429 arrives at the pilot limit (60 per 1 s)')).toMatchObject({
      outcome: 'passed',
    });
    expect(cases.find((c) => c.name === 'Retry-After is honoured')).toMatchObject({ outcome: 'passed' });
    expect(cases.find((c) => c.name === 'the previous secret is rejected (invalid_client)')).toMatchObject({
      outcome: 'passed',
    });
    expect(
      cases.filter((c) => c.data?.['check'] === 'auth-sweep' && c.outcome === 'passed').length,
    ).toBeGreaterThanOrEqual(30);
    const text = output.join('');
    expect(text).toMatch(/step-up rehearsal: pilot -> growth/);
    expect(text).toMatch(/rate limit\s+60 \/ 1 s\s+80 \/ 1 s/);
    expect(text).toMatch(/\+ receipts:read/);
    for (const name of ['guardrails.json', 'guardrails-junit.xml', 'guardrails.md', 'audit.jsonl'])
      expect(existsSync(join(dir, name))).toBe(true);
    for (const name of ['guardrails.json', 'guardrails-junit.xml', 'guardrails.md', 'audit.jsonl']) {
      const content = readFileSync(join(dir, name), 'utf8');
      expect(content).not.toContain(CLIENT_SECRET);
      expect(content).not.toContain(PREVIOUS_SECRET);
      expect(content).not.toMatch(/ramp_tok_/);
    }
    expect(text).not.toContain(CLIENT_SECRET);
  });

  // misconfigured mode: the forgotten auth check, the dropped rate limit and the over-broad grant are each reported
  it('reports every planted fault in misconfigured mode, exit 1', async () => {
    const code = await runGuardrailsCommand(
      ['--policy', file, '--report-dir', dir, '--rate-limit-probe', '--misconfigured', '--stage', 'growth', '--quiet'],
      {
        config: configFor(dir),
        ...onManualClock(),
        write: () => undefined,
      },
    );
    expect(code).toBe(1);
    const failed = readReport().steps[0]!.cases.filter((c) => c.outcome === 'failed');
    expect(failed.find((c) => c.name === 'GET /developer/v1/departments requires a token')).toMatchObject({
      severity: 'error',
      data: { check: 'auth-sweep', stage: 'growth', operation: 'GET /developer/v1/departments', critical: true },
    });
    expect(failed.find((c) => c.data?.['check'] === 'rate-limit')).toMatchObject({
      message: expect.stringMatching(/^no 429:/),
      data: { stage: 'growth' },
    });
    expect(failed.find((c) => c.data?.['check'] === 'least-privilege')).toMatchObject({
      message: expect.stringMatching(/also granted users:write/),
    });
    expect(readFileSync(join(dir, 'guardrails-junit.xml'), 'utf8')).toMatch(/<failure/);
    expect(readFileSync(join(dir, 'guardrails.md'), 'utf8')).toMatch(/GET \/developer\/v1\/departments/);
  });

  // the rehearsal sees the next tier drop its limit before the ramp, without failing the current stage for it
  it('rehearses the step-up: the growth tier without a limit is a warning at pilot', async () => {
    const output: string[] = [];
    await runGuardrailsCommand(
      ['--policy', file, '--report-dir', dir, '--rate-limit-probe', '--misconfigured', '--rehearse'],
      {
        config: configFor(dir),
        ...onManualClock(),
        write: (text) => output.push(text),
      },
    );
    const cases = readReport().steps[0]!.cases;
    expect(cases.find((c) => c.name.startsWith('step-up to growth: 429 arrives'))).toMatchObject({
      outcome: 'passed',
      severity: 'warning',
      data: { check: 'stage-step-up', stage: 'growth', wouldFail: true },
    });
    expect(output.join('')).toMatch(/check rate-limit\s+ok\s+FAIL \(1\)/);
  });

  it('ends with exit 2 and one line for bad input', async () => {
    await expect(
      runGuardrailsCommand(['--policy', file, '--stage', 'hyper'], { config: configFor(dir), write: () => undefined }),
    ).rejects.toThrow('unknown stage "hyper" (--stage)');
    await expect(runGuardrailsCommand(['--wat'], { config: configFor(dir), write: () => undefined })).rejects.toThrow(
      "guardrails: unknown option '--wat'",
    );
    await expect(
      runGuardrailsCommand(['--misconfigured'], {
        config: configFor(dir, { STAGING_BASE_URL: 'https://staging.example.test' }),
        write: () => undefined,
      }),
    ).rejects.toThrow(/sandbox only/);
    expect(existsSync(join(dir, 'guardrails.json'))).toBe(false);
  });

  it('says in one line why it could not run, exit 2, with no empty table', async () => {
    const port = await closedPort();
    const output: string[] = [];
    const code = await runGuardrailsCommand(['--policy', file, '--report-dir', dir], {
      config: configFor(dir, { RAMP_SPEC_URL: `http://127.0.0.1:${port}/openapi.json` }),
      ...onManualClock(),
      write: (text) => output.push(text),
    });
    expect(code).toBe(2);
    const lines = output.join('').split('\n');
    expect(lines.filter((l) => l.startsWith('guardrails could not run: '))).toEqual([
      `guardrails could not run: http://127.0.0.1:${port}/openapi.json: cannot fetch the document (ECONNREFUSED)`,
    ]);
    expect(lines.some((l) => l.startsWith('result '))).toBe(false);
    expect(readReport().verdict).toBe('error');
  });

  it('calls a base URL the API is not under an environment failure, exit 2, not failed checks', async () => {
    const staging = await startSandbox({ port: 0, ...sandbox });
    try {
      const code = await runGuardrailsCommand(['--policy', file, '--report-dir', dir, '--quiet'], {
        config: configFor(dir, {
          STAGING_BASE_URL: `${staging.baseUrl}/gw`,
          RAMP_TOKEN_URL: staging.tokenUrl,
          RAMP_SPEC_URL: staging.specUrl,
        }),
        write: () => undefined,
      });
      const cases = readReport().steps[0]!.cases;
      expect(cases.filter((c) => c.outcome === 'failed')).toEqual([]);
      const notThere = cases.filter((c) => c.outcome === 'error').map((c) => [c.name, c.message]);
      expect(notThere).toEqual([
        [
          'auth sweep reached the API',
          expect.stringMatching(
            /^no API at http:\/\/127\.0\.0\.1:\d+\/gw: (\d+) of \1 sweep requests were answered 404 /,
          ),
        ],
        [
          'the current secret mints a fresh token the API accepts',
          expect.stringMatching(/^no API at .*\/gw: GET \/developer\/v1\/\w+ answered 404 to a fresh token/),
        ],
      ]);
      expect(code).toBe(2);
    } finally {
      await staging.close();
    }
  });

  it('calls an API that knows none of the tokens its token URL mints an environment failure, exit 2, not failed checks', async () => {
    // Two sandboxes with the same client: the token URL of one, the API of the other (two environments).
    const staging = await startSandbox({ port: 0, ...sandbox });
    const elsewhere = await startSandbox({ port: 0, ...sandbox });
    try {
      const code = await runGuardrailsCommand(['--policy', file, '--report-dir', dir, '--quiet'], {
        config: configFor(dir, {
          STAGING_BASE_URL: staging.baseUrl,
          RAMP_TOKEN_URL: elsewhere.tokenUrl,
          RAMP_SPEC_URL: staging.specUrl,
        }),
        write: () => undefined,
      });
      const cases = readReport().steps[0]!.cases;
      expect(cases.filter((c) => c.outcome === 'failed')).toEqual([]);
      const refused = cases.filter((c) => c.outcome === 'error').map((c) => [c.name, c.message]);
      // The verdicts without a token stand; no scope verdict was reached.
      const sweep = cases.filter((c) => c.data?.['check'] === 'auth-sweep');
      expect(
        sweep.filter((c) => c.name.endsWith(' requires a token') && c.outcome === 'passed').length,
      ).toBeGreaterThan(10);
      expect(sweep.filter((c) => c.data?.['scope'] !== undefined)).toEqual([]);
      const hint = ' (are RAMP_TOKEN_URL and the base URL of one environment?)';
      expect(refused).toEqual([
        [
          "auth sweep's tokens were accepted",
          expect.stringMatching(
            /^the API at http:\/\/127\.0\.0\.1:\d+ accepts none of the run's tokens: (\d+) of \1 reads with the run's full token were answered 401 /,
          ),
        ],
        [
          'the current secret mints a fresh token the API accepts',
          `the API at ${staging.baseUrl} accepts none of the run's tokens: GET /developer/v1/cards answered 401 to a fresh token${hint}`,
        ],
      ]);
      expect(code).toBe(2);
    } finally {
      await Promise.all([staging.close(), elsewhere.close()]);
    }
  });

  it('proves a previous secret that still works is a finding, which --quiet prints alone', async () => {
    const output: string[] = [];
    const code = await runGuardrailsCommand(['--policy', file, '--report-dir', dir, '--quiet'], {
      config: configFor(dir, { RAMP_PREVIOUS_CLIENT_SECRET: CLIENT_SECRET }),
      ...onManualClock(),
      write: (text) => output.push(text),
    });
    expect(code).toBe(1);
    const failed = readReport().steps[0]!.cases.filter((c) => c.outcome === 'failed');
    expect(failed.map((c) => c.name)).toEqual(['the previous secret is rejected (invalid_client)']);
    const lines = output.join('').trimEnd().split('\n');
    // The table's header and rule, the one failed check, the verdict, the reports.
    expect(lines).toHaveLength(5);
    expect(lines[2]).toMatch(/^FAIL .* the previous secret is rejected \(invalid_client\)/);
    expect(lines[3]).toMatch(/^guardrails failed at stage pilot: \d+ passed, 1 failed, 0 errors, \d+ skipped$/);
    expect(lines[4]).toMatch(/^reports: /);
  });
});
