/**
 * Worker process entry: verifies the pact jobs its parent sends, one at a time, and answers with the
 * results. Started by worker-pool.ts with an IPC channel; tokens arrive in job messages only.
 *
 * Running the Verifier here rather than in the parent has three reasons: the native core is
 * CPU-bound per process (several files verify in parallel only across processes), its console
 * report goes straight to fd 1 (here that is a pipe the parent drains and drops), and pact's proxy
 * throws an uncaught error when the target drops a connection, which must not kill the run.
 */
import { runPactJob, type PactJob, type PactJobResult } from './pact-job';
import { defaultStateHandlerSpecs } from './states';

export type ToWorker = { type: 'job'; id: number; job: PactJob } | { type: 'exit' };
export type FromWorker =
  | { type: 'ready' }
  | { type: 'result'; id: number; result: PactJobResult }
  | { type: 'crash'; id: number | null; message: string };

let current: number | null = null;

function send(message: FromWorker): void {
  process.send?.(message);
}

process.on('uncaughtException', (error) => {
  // The proxy and the native core are in an unknown state: report, then leave.
  const message: FromWorker = { type: 'crash', id: current, message: error.message };
  if (process.send) process.send(message, undefined, {}, () => process.exit(70));
  else process.exit(70);
});

// The parent is gone (killed as CI kills a cancelled job, or crashed) and nobody will read this job's
// result: the worker stops now rather than go on calling the target with the run's token. Mid-job,
// `process.exit()` would wait on the native core's threads until the job's own timeout; an idle worker
// has nothing left holding it and ends by itself.
process.on('disconnect', () => {
  if (current !== null) process.kill(process.pid, 'SIGKILL');
});

process.on('message', (message: ToWorker) => {
  if (message.type === 'exit') {
    process.disconnect?.();
    return;
  }
  current = message.id;
  runPactJob(message.job, defaultStateHandlerSpecs())
    .then((result) => send({ type: 'result', id: message.id, result }))
    .catch((error: unknown) =>
      send({ type: 'crash', id: message.id, message: error instanceof Error ? error.message : String(error) }),
    )
    .finally(() => {
      current = null;
    });
});

send({ type: 'ready' });
