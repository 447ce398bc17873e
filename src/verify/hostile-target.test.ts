/**
 * A red-team's staging, for real, on loopback: a provider that points `page.next` at another origin, one
 * that answers 500 to everything, and a published spec that drips forever. The run must keep the token at
 * home, call faults faults (exit 2, never 1), end in bounded time, and audit every token-bearing call.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadConfig } from '../config';
import { ProviderState } from '../providers/ramp/provider-states';
import { startLocalTestServer, type LocalTestServer } from '../http/local-test-server';
import { sendJson } from '../http/respond';
import { Logger, MemorySink } from '../log/logger';
import { clearRegisteredSecrets } from '../log/redact';
import { startSandbox } from '../providers/sandbox';
import { runVerify } from './run-verify';
import { PactWorkerPool } from './worker-pool';
import { writeTestPacts } from '../providers/ramp/testing/test-pacts';

const AUTH = { Authorization: ['Bearer pact.example.not-a-token'] };
const BEARER_RULE = {
  header: { Authorization: { combine: 'AND', matchers: [{ match: 'regex', regex: '^Bearer [A-Za-z0-9._~+/=-]+$' }] } },
};
const GET_USER = 'get a user';

function userPact(): object {
  return {
    consumer: { name: 'people-sync' },
    provider: { name: 'ramp-developer-api' },
    interactions: [
      {
        type: 'Synchronous/HTTP',
        description: GET_USER,
        providerStates: [{ name: ProviderState.UserExists, params: {} }],
        request: {
          method: 'GET',
          path: '/developer/v1/users/u-1',
          headers: AUTH,
          matchingRules: { ...BEARER_RULE, path: { combine: 'AND', matchers: [{ match: 'type' }] } },
          generators: { path: { type: 'ProviderState', expression: '/developer/v1/users/${userId}' } },
        },
        response: { status: 200 },
      },
    ],
    metadata: { pactSpecification: { version: '4.0' } },
  };
}

let pacts: { dir: string; files: string[] };
let reportDir: string;
let servers: LocalTestServer[];

beforeAll(() => {
  pacts = writeTestPacts({ 'people-sync.json': userPact() });
});
afterAll(() => rmSync(pacts.dir, { recursive: true, force: true }));
// The runs share their pact workers: the Verifier starts once for the file, not once a run.
const workerPool = new PactWorkerPool();
afterAll(() => workerPool.close());
beforeEach(() => {
  reportDir = mkdtempSync(join(tmpdir(), 'rampart-hostile-'));
  servers = [];
});
afterEach(async () => {
  await Promise.all(servers.map((s) => s.close()));
  rmSync(reportDir, { recursive: true, force: true });
  clearRegisteredSecrets();
});

async function serve(handler: Parameters<typeof startLocalTestServer>[0]): Promise<LocalTestServer> {
  const server = await startLocalTestServer(handler);
  servers.push(server);
  return server;
}

/** A staging's token endpoint: mints on POST /developer/v1/token, accepts revocations. */
function tokenEndpoint(req: { method: string; url: string }, res: Parameters<typeof sendJson>[0]): boolean {
  if (req.method === 'POST' && req.url === '/developer/v1/token') {
    sendJson(res, 200, {
      access_token: `ramp_tok_hostile${Math.random().toString(36).slice(2)}value`,
      token_type: 'Bearer',
      expires_in: 3600,
    });
    return true;
  }
  if (req.method === 'POST' && req.url === '/developer/v1/token/revoke') {
    sendJson(res, 200, {});
    return true;
  }
  return false;
}

function verifyAgainst(staging: LocalTestServer, env: Record<string, string> = {}, pactFiles = pacts.files) {
  const sink = new MemorySink();
  const config = loadConfig({
    env: {
      STAGING_BASE_URL: staging.url,
      RAMP_CLIENT_ID: 'hostile-client',
      RAMP_CLIENT_SECRET: 'hostile-client-secret-42',
      ...env,
    },
    envFile: null,
  });
  const result = runVerify({
    config,
    pactFiles,
    probes: false,
    drift: false,
    guardrails: false,
    specChecks: false,
    reportDir,
    logger: new Logger(sink),
    workerPool,
  });
  return { result, sink };
}

describe('a staging whose page.next points at another origin', () => {
  it('refuses the next link with one line, sends nothing there, and audits every state-handler call', async () => {
    const elsewhere = await serve((_req, res) =>
      sendJson(res, 200, { data: [{ id: 'stolen' }], page: { next: null } }),
    );
    const staging = await serve((req, res) => {
      if (tokenEndpoint(req, res)) return;
      if (req.url.startsWith('/developer/v1/users?')) {
        return sendJson(res, 200, {
          data: [],
          page: { next: `${elsewhere.url}/developer/v1/users?page_size=25&start=x` },
        });
      }
      return sendJson(res, 404, {});
    });
    const { result } = verifyAgainst(staging);
    const { exitCode, report } = await result;

    expect(elsewhere.requests).toEqual([]);
    const [userCase] = report.steps.find((s) => s.id === 'pacts')?.cases ?? [];
    expect(userCase).toMatchObject({ name: GET_USER, outcome: 'error' });
    expect(userCase?.message).toContain(`refused GET to ${elsewhere.url}: the run's token goes only to ${staging.url}`);
    expect(userCase?.message).not.toMatch(/[\r\n]/);
    expect(exitCode).toBe(2);

    const audit = readFileSync(join(reportDir, 'audit.jsonl'), 'utf8')
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as Record<string, unknown>);
    const stateCalls = audit.filter((r) => r.kind === 'api' && String(r.url).includes('/developer/v1/users?'));
    expect(stateCalls).toEqual([
      expect.objectContaining({
        method: 'GET',
        url: `${staging.url}/developer/v1/users?page_size=10`,
        status: 200,
        tokenFingerprint: expect.stringMatching(/^[0-9a-f]{8}$/),
      }),
      expect.objectContaining({
        method: 'GET',
        url: `${elsewhere.url}/developer/v1/users?page_size=25&start=x`,
        status: null,
        error: 'ORIGIN_REFUSED',
      }),
    ]);
    expect(staging.requests.filter((r) => r.url.startsWith('/developer/v1/users?'))).toHaveLength(1);
  });
});

describe('a staging that answers 500 to everything', () => {
  it('is an environment failure, "provider unhealthy" with the counts, exit 2, never a broken contract', async () => {
    const staging = await serve((req, res) => {
      if (tokenEndpoint(req, res)) return;
      sendJson(res, 500, { error_v2: { error_code: 'DEVELOPER_7500' } });
    });
    const { result } = verifyAgainst(staging, { RAMPART_HTTP_MAX_ATTEMPTS: '2', RAMPART_HTTP_MAX_RETRY_MS: '20' });
    const { exitCode, report } = await result;
    const pactStep = report.steps.find((s) => s.id === 'pacts');
    expect(pactStep?.cases.map((c) => [c.outcome, c.message])).toEqual([
      [
        'error',
        'provider state "a user exists" could not be set up: provider unhealthy: GET /users returned 500 DEVELOPER_7500',
      ],
    ]);
    expect(pactStep?.error).toBe(
      'provider unhealthy: 1 of 1 replayed interactions got no deliberate answer after retries (state setup: 1)',
    );
    expect(report.totals.failed).toBe(0);
    expect(exitCode).toBe(2);
    // The GET was retried once (2 attempts), as the retry policy allows for idempotent requests.
    expect(staging.requests.filter((r) => r.url.startsWith('/developer/v1/users?'))).toHaveLength(2);
  });
});

describe("a base URL that is not the API host's root", () => {
  it('is an environment failure when every request of the replay is answered 404, never a broken contract', async () => {
    // The token endpoint answers (RAMP_TOKEN_URL set apart); the API's paths are elsewhere on the host.
    const staging = await serve((req, res) => {
      if (tokenEndpoint(req, res)) return;
      sendJson(res, 404, { message: 'Not Found' });
    });
    const { result } = verifyAgainst(staging);
    const { exitCode, report } = await result;
    const pactStep = report.steps.find((s) => s.id === 'pacts');
    expect(pactStep?.error).toMatch(
      /^no API at http:\/\/127\.0\.0\.1:\d+: (\d+) of \1 requests of the replay and its state setups were answered 404 \(is the base URL the API host's root\?\)$/,
    );
    expect(exitCode).toBe(2);
    expect(report.totals.failed).toBe(0);
  });
});

describe('an API that accepts none of the tokens its token URL mints', () => {
  it('is an environment failure when every request of the replay is answered 401, never a broken contract', async () => {
    // RAMP_TOKEN_URL of another environment: the tokens are minted, and the API knows none of them.
    const staging = await serve((req, res) => {
      if (tokenEndpoint(req, res)) return;
      sendJson(res, 401, { error_v2: { error_code: 'DEVELOPER_7101' } });
    });
    const both = writeTestPacts({
      'people-sync.json': userPact(),
      'business-sync.json': {
        consumer: { name: 'business-sync' },
        provider: { name: 'ramp-developer-api' },
        interactions: [
          {
            type: 'Synchronous/HTTP',
            description: 'get the business',
            request: { method: 'GET', path: '/developer/v1/business', headers: AUTH, matchingRules: BEARER_RULE },
            response: { status: 200 },
          },
        ],
        metadata: { pactSpecification: { version: '4.0' } },
      },
    });
    try {
      const { exitCode, report } = await verifyAgainst(staging, {}, both.files).result;
      const pactStep = report.steps.find((s) => s.id === 'pacts');
      expect(pactStep?.error).toMatch(
        /^the API at http:\/\/127\.0\.0\.1:\d+ accepts none of the run's tokens: (\d+) of \1 requests of the replay and its state setups were answered 401 \(are RAMP_TOKEN_URL and the base URL of one environment\?\)$/,
      );
      expect(pactStep?.cases.map((c) => c.outcome)).toEqual(['error', 'error']);
      expect(report.totals.failed).toBe(0);
      expect(exitCode).toBe(2);
    } finally {
      rmSync(both.dir, { recursive: true, force: true });
    }
  });
});

describe('the published spec', () => {
  it('a spec URL with user info never shows its password: not in stdout, verify.json, junit.xml or verify.md', async () => {
    const sandbox = await startSandbox({ port: 0 });
    try {
      const spec = await (await fetch(sandbox.specUrl)).text();
      const host = await serve((req, res) => {
        res.writeHead(
          req.headers.authorization === `Basic ${Buffer.from('ci:pa55-canary-url').toString('base64')}` ? 200 : 401,
          { 'content-type': 'application/json' },
        );
        res.end(spec);
      });
      const sink = new MemorySink();
      const config = loadConfig({
        env: { RAMP_SPEC_URL: `http://ci:pa55-canary-url@${host.host}/openapi.json?api_key=k-canary-9` },
        envFile: null,
      });
      const { exitCode, report } = await runVerify({
        config,
        pactFiles: pacts.files,
        probes: false,
        drift: true,
        guardrails: false,
        specChecks: false,
        reportDir,
        logger: new Logger(sink),
        workerPool,
      });
      expect(report.steps.find((s) => s.id === 'drift')?.summary?.['revision']).toBe(
        `http://${host.host}/openapi.json?api_key=[REDACTED]`,
      );
      expect(exitCode).not.toBe(1);
      const written = ['verify.json', 'junit.xml', 'verify.md'].map((name) =>
        readFileSync(join(reportDir, name), 'utf8'),
      );
      for (const text of [...written, sink.lines.join('\n')]) {
        expect(text).not.toContain('pa55-canary-url');
        expect(text).not.toContain('k-canary-9');
      }
      expect(host.requests).toHaveLength(1);
    } finally {
      await sandbox.close();
    }
  });

  it('a spec URL that drips forever ends the run with exit 2 within the deadline, reports written', async () => {
    let timer: NodeJS.Timeout | undefined;
    const drip = await serve((_req, res) => {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.write('{"openapi":"3.0.3",');
      timer = setInterval(() => res.write(' '), 10);
      res.on('close', () => clearInterval(timer));
    });
    try {
      const config = loadConfig({
        env: { RAMP_SPEC_URL: `${drip.url}/openapi.json`, RAMPART_HTTP_DEADLINE_MS: '150' },
        envFile: null,
      });
      const started = Date.now();
      const { exitCode, report } = await runVerify({
        config,
        pactFiles: pacts.files,
        probes: false,
        drift: true,
        guardrails: false,
        specChecks: false,
        reportDir,
        logger: new Logger(new MemorySink()),
        workerPool,
      });
      expect(report.steps.find((s) => s.id === 'drift')?.error).toBe(
        `${drip.url}/openapi.json: cannot fetch the document: no complete answer within 150 ms (RAMPART_HTTP_DEADLINE_MS)`,
      );
      expect(exitCode).toBe(2);
      expect(Date.now() - started).toBeLessThan(60_000);
      expect(JSON.parse(readFileSync(join(reportDir, 'verify.json'), 'utf8'))).toMatchObject({
        exitCode: 2,
        audit: { session: 1 },
      });
    } finally {
      clearInterval(timer);
    }
  });
});
