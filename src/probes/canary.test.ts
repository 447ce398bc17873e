/**
 * THE CANARY TEST. A full session against the sandbox with a canary client secret and a canary
 * caller-supplied token: tokens minted, refreshed, revoked behind the provider's back and replayed,
 * calls that succeed, fail, get refused, hit injected faults, the token endpoint going down, every
 * token probe, the audit trail, a log and written reports. Then every byte written is searched: neither
 * canary, nor the Basic credential, nor any token minted in the session may appear anywhere.
 */
import { randomUUID } from 'node:crypto';
import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { inspect } from 'node:util';
import { AuditTrail, verifyAuditFile } from '../audit';
import { TokenProvider, type AccessToken } from '../auth';
import { CallRecorder, createHttpClient } from '../http';
import { Logger, MemorySink } from '../log/logger';
import { startSandbox, type RunningSandbox } from '../providers/sandbox';
import { manualClock } from '../testing/manual-clock';
import { runTokenProbes } from './token-probes';

const CANARY_SECRET = `canary-secret-${randomUUID()}`;
const CANARY_TOKEN = `canary-token-${randomUUID()}`;
const SCOPES = ['business:read', 'cards:read', 'transactions:read', 'users:read', 'departments:write'];

let sandbox: RunningSandbox;
let dir: string;
afterEach(async () => {
  jest.restoreAllMocks();
  await sandbox.close();
  await rm(dir, { recursive: true, force: true });
});

async function filesUnder(root: string): Promise<string[]> {
  const entries = await readdir(root, { withFileTypes: true, recursive: true });
  return entries.filter((e) => e.isFile()).map((e) => join(e.parentPath, e.name));
}

it('writes neither the canary secret nor any token anywhere', async () => {
  // The sandbox, the run's provider and the probes on one manual clock: token lifetimes pass without waiting.
  const clock = manualClock();
  sandbox = await startSandbox({
    port: 0,
    tokenTtlSeconds: 2,
    demoClient: { clientId: 'canary-client', clientSecret: CANARY_SECRET },
    clock: clock.now,
  });
  dir = await mkdtemp(join(tmpdir(), 'rampart-canary-'));
  const reports = join(dir, 'reports');
  const sink = new MemorySink();
  const log = new Logger(sink);
  const minted = new Set<string>();
  const getToken = TokenProvider.prototype.getToken;
  jest.spyOn(TokenProvider.prototype, 'getToken').mockImplementation(async function (this: TokenProvider, ...args) {
    const token: AccessToken = await getToken.apply(this, args);
    minted.add(token.value);
    return token;
  });
  const logError = (what: string, error: unknown) => {
    log.error(`${what}: ${error instanceof Error ? error.message : String(error)}`);
    log.error(inspect(error, { depth: 6 }));
  };

  const audit = await AuditTrail.open(join(reports, 'audit.jsonl'));
  const tokens = new TokenProvider({
    tokenUrl: sandbox.tokenUrl,
    clientId: 'canary-client',
    clientSecret: CANARY_SECRET,
    scopes: SCOPES,
    audit,
    now: clock.now,
  });
  const recorder = new CallRecorder();
  const http = createHttpClient({
    baseUrl: sandbox.baseUrl,
    tokenProvider: tokens,
    writeAllowedHosts: [new URL(sandbox.baseUrl).host],
    retry: { maxAttempts: 2, maxRetryTimeMs: 1_000, baseDelayMs: 10, maxDelayMs: 50 },
    recorder,
    audit,
  });
  const readOnly = createHttpClient({
    baseUrl: sandbox.baseUrl,
    tokenProvider: tokens,
    writeAllowedHosts: [],
    recorder,
    audit,
  });

  // Calls that work, a deprecated one, and ones that fail.
  log.info(`business: ${JSON.stringify((await http.get('/developer/v1/business')).data)}`);
  await http.get('/developer/v1/cards', { operation: 'GET /developer/v1/cards' });
  await http.get(`/developer/v1/users/${randomUUID()}`).catch((e: unknown) => logError('unknown user', e));
  await http
    .get('/developer/v1/users', { headers: { Authorization: `Bearer ${CANARY_TOKEN}` } })
    .catch((e: unknown) => logError('canary token', e));
  await readOnly.post('/developer/v1/departments', { name: 'x' }).catch((e: unknown) => logError('write guard', e));

  // The token revoked behind the provider's back: one mint, one replay.
  const current = await tokens.getToken();
  await fetch(`${sandbox.tokenUrl}/revoke`, {
    method: 'POST',
    headers: {
      authorization: `Basic ${Buffer.from(`canary-client:${CANARY_SECRET}`).toString('base64')}`,
      'content-type': 'application/x-www-form-urlencoded',
    },
    body: new URLSearchParams({ token: current.value }).toString(),
  });
  log.info(`after revocation: ${(await http.get('/developer/v1/users')).status}`);

  // Injected faults and a token endpoint that is down.
  sandbox.setFaults({ errorRate: 1 });
  await http.get('/developer/v1/users').catch((e: unknown) => logError('5xx', e));
  sandbox.setFaults({ dropRate: 1 });
  await http.get('/developer/v1/users').catch((e: unknown) => logError('dropped', e));
  sandbox.setFaults({ tokenEndpointDown: true });
  await new TokenProvider({
    tokenUrl: sandbox.tokenUrl,
    clientId: 'canary-client',
    clientSecret: CANARY_SECRET,
    scopes: ['users:read'],
    audit,
  })
    .getToken()
    .catch((e: unknown) => logError('token endpoint down', e));
  sandbox.setFaults({});

  // Every probe, a 2 s token outliving its refresh point, then the reports and the end of the run.
  const probes = await runTokenProbes({
    baseUrl: sandbox.baseUrl,
    tokenUrl: sandbox.tokenUrl,
    clientId: 'canary-client',
    clientSecret: CANARY_SECRET,
    scopes: SCOPES,
    tokenProvider: tokens,
    audit,
    recorder,
    clock,
  });
  for (const probe of probes) log.info(`${probe.outcome} ${probe.name}${probe.message ? `: ${probe.message}` : ''}`);
  log.info(`after expiry: ${(await http.get('/developer/v1/business')).status}`);
  const revocation = await tokens.revokeAll();
  log.info(`revoked ${revocation.revoked} of ${revocation.attempted}`);
  await audit.close();
  await writeFile(join(reports, 'probes.json'), JSON.stringify(probes, null, 2));
  await writeFile(
    join(reports, 'calls.json'),
    JSON.stringify(
      { calls: recorder.calls(), deprecated: recorder.deprecatedCalls(), scopeDrift: tokens.scopeDrift() },
      null,
      2,
    ),
  );

  // The session did what it says, so the search below means something.
  expect(probes.map((p) => p.outcome)).toEqual(Array(7).fill('passed'));
  expect(minted.size).toBeGreaterThanOrEqual(6);
  expect(tokens.tokenRequests).toBeGreaterThanOrEqual(3);
  expect(revocation.errors).toEqual([]);
  expect(sink.lines.some((l) => l.startsWith('canary token: Request failed with status code 401'))).toBe(true);
  expect(
    sink.lines.some((l) => l.startsWith('token endpoint down: the token endpoint') && l.includes('HTTP 503')),
  ).toBe(true);
  expect(await verifyAuditFile(join(reports, 'audit.jsonl'))).toMatchObject({ ok: true });

  const written = [
    sink.lines.join('\n'),
    ...(await Promise.all((await filesUnder(dir)).map((f) => readFile(f, 'utf8')))),
  ];
  expect(written.join('').length).toBeGreaterThan(10_000);
  const basic = Buffer.from(`canary-client:${CANARY_SECRET}`).toString('base64');
  for (const secret of [CANARY_SECRET, CANARY_TOKEN, basic, ...minted]) {
    const leaks = written.filter((text) => text.includes(secret));
    expect({ secret: secret.slice(0, 12), leaks: leaks.length }).toEqual({ secret: secret.slice(0, 12), leaks: 0 });
  }
}, 30_000);
