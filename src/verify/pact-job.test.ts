/**
 * Test data a state created must not outlive the job: a state whose setup created a card task and then
 * failed, with a teardown that cannot always remove it. A real Verifier against a target on 127.0.0.1.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startLocalTestServer, type LocalTestServer } from '../http/local-test-server';
import { sendJson } from '../http/respond';
import { runPactJob, type PactJob } from './pact-job';
import { StateCleanupError, type StateHandlerSpec } from './state-setup';

const STATE = 'a card is being issued';
const DESCRIPTION = 'a request for the business';

let target: LocalTestServer;
let dir: string;
beforeEach(async () => {
  target = await startLocalTestServer((_req, res) => sendJson(res, 200, { id: 'b1' }));
  dir = mkdtempSync(join(tmpdir(), 'rampart-pact-job-'));
});
afterEach(async () => {
  await target.close();
  rmSync(dir, { recursive: true, force: true });
});

function job(): PactJob {
  const pactPath = join(dir, 'c-p.json');
  const interaction = {
    type: 'Synchronous/HTTP',
    description: DESCRIPTION,
    providerStates: [{ name: STATE, params: { marker: 'from the pact' } }],
    request: { method: 'GET', path: '/business' },
    response: { status: 200 },
  };
  const pact = {
    consumer: { name: 'c' },
    provider: { name: 'p' },
    interactions: [interaction],
    metadata: { pactSpecification: { version: '4.0' } },
  };
  writeFileSync(pactPath, JSON.stringify(pact));
  return {
    pactPath,
    descriptions: [DESCRIPTION],
    provider: 'p',
    baseUrl: target.url,
    writeAllowedHosts: [],
    tokens: { standard: 'job-token-value-123' },
    namespace: 'test',
    timeoutMs: 10_000,
  };
}

/**
 * A state that records a card task and then fails. Its teardown removes the task from the second call
 * on (`failingTeardowns` calls fail first, leaving it), and records the params of every call.
 */
function halfWayState(teardowns: Array<Record<string, unknown>>, failingTeardowns: number): StateHandlerSpec {
  return {
    summary: 'starts a card task, then fails',
    writes: true,
    setup(ctx) {
      ctx.created.push({ state: STATE, what: 'virtual card task t-1', taskId: 't-1' });
      return Promise.reject(new Error('the task ended in ERROR'));
    },
    teardown(ctx, params) {
      teardowns.push(params);
      if (teardowns.length <= failingTeardowns) {
        return Promise.reject(new StateCleanupError(STATE, ['virtual card task t-1: still running']));
      }
      ctx.created.splice(0);
      return Promise.resolve();
    },
  };
}

it('records the failed state, and the Verifier tears down what its setup created', async () => {
  const teardowns: Array<Record<string, unknown>> = [];
  const result = await runPactJob(job(), { [STATE]: halfWayState(teardowns, 0) });

  // The Verifier only logs a failed state change; the recorded failure is what turns the case red.
  expect(result.verdicts.map(([description]) => description)).toEqual([DESCRIPTION]);
  expect(result.stateFailures.map((f) => f.state)).toEqual([STATE]);
  expect(teardowns).toEqual([{ marker: 'from the pact' }]);
  expect(result.cleanupFailures).toEqual([]);
});

it('gives a teardown that left data behind one more try after the verification: clean then, nothing is reported', async () => {
  const teardowns: Array<Record<string, unknown>> = [];
  const result = await runPactJob(job(), { [STATE]: halfWayState(teardowns, 1) });

  // The Verifier's teardown carries the pact's params; the job's final one has none to give.
  expect(teardowns).toEqual([{ marker: 'from the pact' }, {}]);
  expect(result.cleanupFailures).toEqual([]);
});

it('reports what is still on the target when that last try fails too', async () => {
  const teardowns: Array<Record<string, unknown>> = [];
  const result = await runPactJob(job(), { [STATE]: halfWayState(teardowns, 2) });

  expect(teardowns).toHaveLength(2);
  expect(result.cleanupFailures).toEqual([{ state: STATE, leftovers: ['virtual card task t-1: still running'] }]);
});
