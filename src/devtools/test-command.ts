/**
 * `npm test`: the type check with the lint, the format check and jest, side by side. One after
 * another they take the sum of their times, the two checks on one core each; side by side they keep
 * every core busy until the end. Jest's output streams as it comes; each check prints one line when
 * it ends, and its whole output after jest's when it failed.
 */
import { spawn } from 'node:child_process';
import { join } from 'node:path';

export interface Task {
  title: string;
  /** Arguments of `node`. */
  args: string[];
  /** Streams to the terminal instead of being held until the task ends. */
  live: boolean;
}

interface Finished {
  task: Task;
  code: number;
  output: string;
  seconds: number;
}

/**
 * `node` arguments of the type check with the lint. TypeScript and ESLint are required before tsx's hook,
 * which would otherwise scan each of their files for ES module syntax; and the young generation gets
 * 64 MB, as the checker's short-lived objects otherwise cost it a scavenge every few milliseconds.
 * Together 3 to 11 % less CPU in three paired runs of `scripts/check.ts`.
 */
export function checkArgs(root: string): string[] {
  const preload = ['typescript', 'eslint', 'typescript-eslint', 'tsx/cjs'];
  return [
    '--max-semi-space-size=64',
    ...preload.flatMap((id) => ['--require', require.resolve(id)]),
    join(root, 'scripts', 'check.ts'),
  ];
}

/**
 * Jest and prettier run without V8's optimising compiler. Jest evaluates each test file's modules
 * afresh and runs most code once, and prettier formats each file once: TurboFan's compiles on its
 * own threads rarely pay back. Jest's workers inherit the flag. A fresh clone's jest took 0.84-0.88
 * of the CPU without it, prettier 0.8; the type checker's hot loops need it (1.1 times the CPU).
 */
const ONCE_THROUGH = '--no-turbofan';

export function testTasks(root: string, jestArgs: readonly string[]): Task[] {
  return [
    { title: 'type check and lint', args: checkArgs(root), live: false },
    {
      title: 'format check',
      args: [ONCE_THROUGH, require.resolve('prettier/bin/prettier.cjs'), '--check', '.', '--log-level', 'warn'],
      live: false,
    },
    { title: 'jest', args: [ONCE_THROUGH, require.resolve('jest/bin/jest'), ...jestArgs], live: true },
  ];
}

function run(task: Task, root: string, write: (text: string) => void): Promise<Finished> {
  const started = performance.now();
  return new Promise((resolve) => {
    const child = spawn(process.execPath, task.args, {
      cwd: root,
      stdio: task.live ? 'inherit' : ['ignore', 'pipe', 'pipe'],
    });
    const chunks: Buffer[] = [];
    child.stdout?.on('data', (chunk: Buffer) => chunks.push(chunk));
    child.stderr?.on('data', (chunk: Buffer) => chunks.push(chunk));
    const done = (code: number) => {
      const finished = {
        task,
        code,
        output: Buffer.concat(chunks).toString('utf8').trimEnd(),
        seconds: (performance.now() - started) / 1000,
      };
      if (!task.live) write(`${statusLine(finished)}\n`);
      resolve(finished);
    };
    child.on('error', (error) => {
      chunks.push(Buffer.from(`could not start: ${error.message}`));
      done(1);
    });
    child.on('close', (code, signal) => done(code ?? (signal ? 1 : 0)));
  });
}

function statusLine(f: Finished): string {
  const last = f.output.split('\n').at(-1) ?? '';
  const verdict = f.code === 0 ? '✓' : '✗';
  return `${verdict} ${f.task.title}${last && f.code === 0 ? `: ${last}` : ''} (${f.seconds.toFixed(1)} s)`;
}

/** `npm test`'s tasks, at once. */
export function runTestCommand(root: string, jestArgs: readonly string[]): Promise<number> {
  return runTasks(testTasks(root, jestArgs), root);
}

/** Runs every task at once; 0 when all passed, else 1 after printing what the failed ones said. */
export async function runTasks(
  tasks: readonly Task[],
  root: string,
  write: (text: string) => void = (text) => process.stdout.write(text),
): Promise<number> {
  const finished = await Promise.all(tasks.map((task) => run(task, root, write)));
  const failed = finished.filter((f) => f.code !== 0);
  for (const f of failed.filter((f) => !f.task.live)) write(`\n--- ${f.task.title} failed:\n${f.output}\n`);
  write(`\n${finished.map(statusLine).join('\n')}\n`);
  return failed.length === 0 ? 0 : 1;
}
