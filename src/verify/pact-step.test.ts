/**
 * The pact step's worker jobs over real HTTP against the embedded sandbox: a pact file larger than a
 * part is split into jobs (spread across workers, progress part by part), and the temporary pact
 * copies those jobs read are removed when the step ends.
 */
import { existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { readPacts } from '../contracts/pact-reader';
import type { CaseResult } from '../report/model';
import { startSandbox, type RunningSandbox } from '../providers/sandbox';
import { runPactStep } from './pact-step';
import { RunTokens } from './run-tokens';
import { PROVIDER_STATE_HANDLERS as STATE_HANDLERS } from '../providers/state-handlers';
import { LIST_TRANSACTIONS, spendSyncPact, writeTestPacts } from '../providers/ramp/testing/test-pacts';

let sandbox: RunningSandbox;
let pacts: { dir: string; files: string[] };
let scratch: string;
const savedTmp = process.env['TMPDIR'];

beforeAll(async () => {
  sandbox = await startSandbox({ port: 0 });
  pacts = writeTestPacts({ 'spend-sync.json': spendSyncPact() });
  // The step's temporary copies go under this directory only, so the test sees exactly its own.
  scratch = mkdtempSync(join(tmpdir(), 'rampart-pact-step-tmp-'));
  process.env['TMPDIR'] = scratch;
});
afterAll(async () => {
  if (savedTmp === undefined) delete process.env['TMPDIR'];
  else process.env['TMPDIR'] = savedTmp;
  rmSync(scratch, { recursive: true, force: true });
  rmSync(pacts.dir, { recursive: true, force: true });
  await sandbox.close();
});

it('splits a pact into one job per part, reports in pact order, and removes its temporary copies', async () => {
  const tokens = new RunTokens({
    tokenUrl: sandbox.tokenUrl,
    clientId: sandbox.clients.demo.clientId,
    clientSecret: sandbox.clients.demo.clientSecret,
    scopes: sandbox.clients.demo.scopes,
  });
  const seen: CaseResult[] = [];
  const loaded = readPacts(pacts.files);
  const { step } = await runPactStep({
    pacts: loaded,
    provider: 'ramp-developer-api',
    baseUrl: sandbox.baseUrl,
    writeAllowedHosts: [new URL(sandbox.baseUrl).host],
    tokens,
    handlers: STATE_HANDLERS,
    mode: 'parallel',
    maxWorkers: 2,
    timeoutMs: 10_000,
    namespace: sandbox.clients.demo.clientId,
    partSize: 1,
    onCase: (c) => seen.push(c),
  });

  const interactions = loaded[0]!.interactions.map((i) => i.description);
  expect(step.error).toBeUndefined();
  expect(step.summary).toMatchObject({ jobs: interactions.length, workers: 2 });
  expect(step.cases.map((c) => [c.name, c.outcome])).toEqual(interactions.map((name) => [name, 'passed']));
  expect(seen).toHaveLength(interactions.length);
  expect(interactions).toContain(LIST_TRANSACTIONS);
  // Each part was a filtered copy in a rampart-verify-* directory; none is left behind.
  expect(readdirSync(scratch).filter((name) => name.startsWith('rampart-verify-'))).toEqual([]);
  expect(existsSync(scratch)).toBe(true);
});
