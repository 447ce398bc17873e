/**
 * The pact worker pool: a run's worker is kept for the next run and ended by `close()`; a worker the
 * run killed or that crashed is not kept. The job names a pact file that does not exist, so the
 * Verifier answers at once with an error result; nothing is sent over the network. A job without its
 * tokens makes the worker report a crash. Apart: a worker whose run is killed mid-job, its state call
 * waiting on a loopback target, leaves at once.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startLocalTestServer } from '../http/local-test-server';
import type { PactJob } from './pact-job';
import { PactWorkerPool, runInWorkers } from './worker-pool';

const dir = mkdtempSync(join(tmpdir(), 'rampart-worker-pool-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const job: PactJob = {
  pactPath: join(dir, 'missing.json'),
  descriptions: ['a request for a user'],
  provider: 'provider',
  baseUrl: 'http://127.0.0.1:9',
  writeAllowedHosts: [],
  tokens: {},
  namespace: 'pool-test',
  timeoutMs: 1_000,
};

describe('PactWorkerPool', () => {
  it('keeps the worker of one run for the next, and close() ends it', async () => {
    const pool = new PactWorkerPool();
    try {
      const [first] = await runInWorkers([job], { concurrency: 1, jobTimeoutMs: 60_000, workerPool: pool });
      expect(first?.error).toBeDefined();
      expect(pool.size).toBe(1);
      const worker = pool.take();
      expect(worker?.connected).toBe(true);
      pool.keep(worker!);

      const [second] = await runInWorkers([job], { concurrency: 1, jobTimeoutMs: 60_000, workerPool: pool });
      expect(second?.error).toBe(first?.error);
      expect(pool.size).toBe(1);
      const again = pool.take();
      expect(again?.pid).toBe(worker?.pid);
      pool.keep(again!);

      await pool.close();
      expect(pool.size).toBe(0);
      expect(again?.connected).toBe(false);
      expect(again?.exitCode ?? again?.signalCode).not.toBeNull();
    } finally {
      await pool.close();
    }
  });

  it('does not keep a worker the run killed', async () => {
    const pool = new PactWorkerPool();
    try {
      // The job's time is up at once: the run kills the worker it sent the job to.
      const [result] = await runInWorkers([job], { concurrency: 1, jobTimeoutMs: 1, workerPool: pool });
      expect(result?.error).toMatch(/took longer than 1 ms; the worker was stopped/);
      expect(pool.size).toBe(0);
    } finally {
      await pool.close();
    }
  });

  it('fails a job whose worker crashed once, with the crash, and does not keep that worker', async () => {
    const pool = new PactWorkerPool();
    const reported: Array<string | undefined> = [];
    try {
      // A job without its tokens makes the worker's job throw: the worker answers `crash` and lives on.
      const broken = { ...job, tokens: null } as unknown as PactJob;
      const results = await runInWorkers([broken, job], {
        concurrency: 1,
        jobTimeoutMs: 20_000,
        workerPool: pool,
        onResult: (_index, result) => reported.push(result.error),
      });
      expect(results[0]?.error).toMatch(/^the pact verifier crashed: /);
      // The job's timer does not fail it a second time (that took 20 s and said "took longer than").
      expect(reported.filter((error) => error?.startsWith('the pact verifier crashed'))).toHaveLength(1);
      expect(reported).toHaveLength(2);
      // A fresh worker took the next job; the one that crashed was not kept.
      expect(results[1]?.error).toBe(reported[1]);
      expect(pool.size).toBe(1);
    } finally {
      await pool.close();
    }
  });

  it('a worker whose run is killed mid-job leaves at once instead of going on calling the target', async () => {
    // The target takes the state handler's call and never answers; the job would wait a minute for it.
    let arrived!: () => void;
    const called = new Promise<void>((resolve) => (arrived = resolve));
    const dropped: Promise<void>[] = [];
    const target = await startLocalTestServer((_request, response) => {
      dropped.push(new Promise((resolve) => response.once('close', resolve)));
      arrived();
    });
    const hanging: PactJob = {
      ...job,
      pactPath: join(__dirname, '..', '..', 'pacts', 'card-issuing-ramp-developer-api.json'),
      descriptions: ['a request for a card'],
      provider: 'ramp-developer-api',
      baseUrl: target.url,
      timeoutMs: 60_000,
    };
    // The run lives in its own process, so that the test can kill it as CI kills a cancelled job.
    const script = `require(${JSON.stringify(join(__dirname, 'worker-pool.ts'))})
      .runInWorkers([${JSON.stringify(hanging)}], { concurrency: 1, jobTimeoutMs: 120000 });`;
    const run = spawn(process.execPath, ['--require', require.resolve('tsx/cjs'), '-e', script], { stdio: 'ignore' });
    try {
      await called;
      run.kill('SIGKILL');
      // The call the worker left waiting is dropped: the worker is gone, not waiting out its job.
      await Promise.all(dropped);
      expect(target.requests.length).toBeGreaterThan(0);
    } finally {
      run.kill('SIGKILL');
      await target.close();
    }
  }, 30_000);

  it('keeps nothing once closed', async () => {
    const pool = new PactWorkerPool();
    await pool.close();
    // A closed pool turns a worker away before looking at it.
    expect(pool.keep({ connected: true } as ChildProcess)).toBe(false);
    expect(pool.size).toBe(0);
  });
});
