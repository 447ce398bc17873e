import { fork, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { redact } from '../log/redact';
import type { PactJob, PactJobResult } from './pact-job';
import type { FromWorker, ToWorker } from './worker';

export interface WorkerPoolOptions {
  /** Worker processes at most; 1 verifies the files one after another. */
  concurrency: number;
  /** Kills a worker whose job takes longer (the Verifier has its own per-request timeout too). */
  jobTimeoutMs: number;
  /** Environment of the workers. Never holds a token: tokens travel in job messages. */
  env?: NodeJS.ProcessEnv;
  /** Called as each job finishes, in completion order. */
  onResult?(index: number, result: PactJobResult): void;
  /** When aborted (the run's deadline), every worker is killed and no further job starts. */
  signal?: AbortSignal;
  /** Keeps the workers once their jobs are done, for the next run to reuse. @default each run starts its own */
  workerPool?: PactWorkerPool;
}

const whileIdle = () => undefined;
/** How long `close()` lets a worker leave on its own before killing it. */
const CLOSE_GRACE_MS = 5_000;

/**
 * Worker processes kept between runs, so that several runs in one process (a test suite, a long-lived
 * caller) start the Verifier once instead of once a run: its start-up is most of a small run's work.
 * A worker keeps the environment of the run that started it. Only healthy, idle workers are kept; one
 * that crashed or was killed is not. `close()` ends them.
 */
export class PactWorkerPool {
  private readonly idle: ChildProcess[] = [];
  private closed = false;

  /** Idle workers held now. */
  get size(): number {
    return this.idle.length;
  }

  /** An idle worker that is still connected, or null. */
  take(): ChildProcess | null {
    for (let child = this.idle.pop(); child; child = this.idle.pop()) {
      child.off('error', whileIdle);
      if (child.connected) return child;
    }
    return null;
  }

  /** Holds `child` for a later run; false when the pool is closed or the child is gone. */
  keep(child: ChildProcess): boolean {
    if (this.closed || !child.connected) return false;
    // An idle worker that dies is not taken again (it is no longer connected); its error must not throw.
    child.on('error', whileIdle);
    this.idle.push(child);
    return true;
  }

  /** Ends every idle worker and keeps none from now on. */
  async close(): Promise<void> {
    this.closed = true;
    await Promise.all(
      this.idle.splice(0).map(
        (child) =>
          new Promise<void>((resolve) => {
            const timer = setTimeout(() => child.kill('SIGKILL'), CLOSE_GRACE_MS);
            child.once('exit', () => {
              clearTimeout(timer);
              resolve();
            });
            if (child.connected) child.send({ type: 'exit' } satisfies ToWorker);
            else child.kill('SIGKILL');
          }),
      ),
    );
  }
}

/**
 * How the worker entry is started: TypeScript through tsx's require hook (the repo has no build step).
 * The Verifier and axios are required first, by Node's own loader: tsx's hook scans every JavaScript
 * file it loads for ES module syntax, which doubled a worker's start-up (0.6 s of CPU instead of 0.2).
 */
function workerEntry(): { path: string; execArgv: string[] } {
  const compiled = join(__dirname, 'worker.js');
  if (existsSync(compiled)) return { path: compiled, execArgv: [] };
  const preload = ['@pact-foundation/pact/src/dsl/verifier', 'axios', 'tsx/cjs'];
  return { path: join(__dirname, 'worker.ts'), execArgv: preload.flatMap((id) => ['--require', require.resolve(id)]) };
}

/**
 * Runs every job in worker processes, at most `concurrency` at a time, each worker taking the next
 * job when it finishes one. Results come back in job order. A crashed or hung worker turns its
 * job into a result with `error` (the pact step then errors, exit 2); it never hangs the run.
 */
export async function runInWorkers(jobs: readonly PactJob[], options: WorkerPoolOptions): Promise<PactJobResult[]> {
  const results = new Array<PactJobResult | undefined>(jobs.length);
  let nextJob = 0;
  const workerCount = Math.max(1, Math.min(options.concurrency, jobs.length));
  const entry = workerEntry();

  const runWorker = () =>
    new Promise<void>((resolveWorker) => {
      const reused = options.workerPool?.take() ?? null;
      const child: ChildProcess =
        reused ??
        fork(entry.path, [], {
          execArgv: entry.execArgv,
          env: options.env ?? workerEnv(process.env),
          // The Verifier's console report and the native core's output land on these pipes and are dropped.
          stdio: ['ignore', 'pipe', 'pipe', 'ipc'],
          serialization: 'json',
        });
      const tail: string[] = [];
      const collect = (chunk: Buffer) => {
        tail.push(chunk.toString('utf8'));
        if (tail.length > 20) tail.shift();
      };
      child.stdout?.on('data', collect);
      child.stderr?.on('data', collect);
      const stop = () => {
        nextJob = jobs.length;
        child.kill('SIGKILL');
      };
      options.signal?.addEventListener('abort', stop, { once: true });

      let running: number | null = null;
      let timer: NodeJS.Timeout | undefined;
      let finished = false;

      const finish = () => {
        if (finished) return;
        finished = true;
        clearTimeout(timer);
        options.signal?.removeEventListener('abort', stop);
        if (options.workerPool?.keep(child)) detach();
        else if (child.connected) child.send({ type: 'exit' } satisfies ToWorker);
        resolveWorker();
      };
      const fail = (index: number, message: string) => {
        results[index] = {
          verdicts: [],
          stateFailures: [],
          replayed: [],
          audited: [],
          durationMs: 0,
          error: redact(message),
        };
        options.onResult?.(index, results[index]);
      };
      const takeNext = () => {
        clearTimeout(timer);
        if (nextJob >= jobs.length) return finish();
        const index = nextJob;
        nextJob += 1;
        running = index;
        timer = setTimeout(() => {
          fail(
            index,
            `verifying ${jobs[index]?.pactPath ?? 'a pact'} took longer than ${options.jobTimeoutMs} ms; the worker was stopped`,
          );
          running = null;
          child.kill('SIGKILL');
        }, options.jobTimeoutMs);
        child.send({ type: 'job', id: index, job: jobs[index] as PactJob } satisfies ToWorker);
      };

      const onMessage = (message: FromWorker) => {
        if (message.type === 'ready') takeNext();
        else if (message.type === 'result') {
          running = null;
          results[message.id] = message.result;
          options.onResult?.(message.id, message.result);
          takeNext();
        } else if (message.type === 'crash') {
          // After a crash the worker's state is unknown: its job fails with the crash's message, once,
          // and the worker is stopped rather than left to the job's timer; a fresh one takes the next job.
          clearTimeout(timer);
          const index = message.id ?? running;
          if (index !== null && results[index] === undefined)
            fail(index, `the pact verifier crashed: ${message.message}`);
          running = null;
          child.kill('SIGKILL');
        }
      };
      const onExit = (code: number | null, signal: NodeJS.Signals | null) => {
        options.signal?.removeEventListener('abort', stop);
        clearTimeout(timer);
        if (running !== null && results[running] === undefined) {
          const output = tail.join('').trim().split('\n').slice(-3).join(' | ');
          fail(running, `the verification worker exited (${signal ?? `code ${code}`})${output ? `: ${output}` : ''}`);
        }
        running = null;
        if (!finished) {
          finished = true;
          resolveWorker();
        }
      };
      const onError = (error: Error) => {
        if (running !== null && results[running] === undefined)
          fail(running, `the verification worker failed: ${error.message}`);
        running = null;
      };
      // What this run attached; a worker kept for the next run leaves with none of it.
      const detach = () => {
        child.stdout?.off('data', collect);
        child.stderr?.off('data', collect);
        child.off('message', onMessage);
        child.off('exit', onExit);
        child.off('error', onError);
      };
      child.on('message', onMessage);
      child.on('exit', onExit);
      child.on('error', onError);
      // A kept worker said it was ready when it started.
      if (reused) takeNext();
    });

  // Each slot keeps a worker busy until the queue is empty; a worker that died is replaced, at most
  // once per job, so a crashing core cannot loop.
  let spawnsLeft = workerCount + jobs.length;
  const slot = async () => {
    while (nextJob < jobs.length && spawnsLeft > 0 && !options.signal?.aborted) {
      spawnsLeft -= 1;
      await runWorker();
    }
  };
  await Promise.all(Array.from({ length: workerCount }, slot));
  return results.map(
    (r, i) =>
      r ?? {
        verdicts: [],
        stateFailures: [],
        replayed: [],
        audited: [],
        durationMs: 0,
        error: `no result for ${jobs[i]?.pactPath}`,
      },
  );
}

/** The parent's environment without the variables that would change what the native core verifies. */
export function workerEnv(env: NodeJS.ProcessEnv): NodeJS.ProcessEnv {
  const copy: NodeJS.ProcessEnv = { ...env, PACT_DO_NOT_TRACK: 'true' };
  for (const key of Object.keys(copy)) {
    if (
      key.startsWith('PACT_BROKER_') ||
      key === 'PACT_DESCRIPTION' ||
      key === 'PACT_PROVIDER_STATE' ||
      key === 'PACT_PROVIDER_NO_STATE'
    )
      delete copy[key];
    // Credentials stay in the parent; the worker only ever sees the tokens sent to it.
    if (key === 'RAMP_CLIENT_SECRET' || key === 'RAMP_PREVIOUS_CLIENT_SECRET') delete copy[key];
  }
  return copy;
}
