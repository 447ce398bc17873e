import { spawn } from 'node:child_process';
import { existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const GNU_TIME = '/usr/bin/time';

export interface ChildRun {
  wallMs: number;
  /** Peak resident set size of the process tree's largest process, in bytes; null when unknown. */
  maxRssBytes: number | null;
  exitCode: number;
  stderr: string;
}

export interface ChildCommand {
  command: string;
  args: readonly string[];
  cwd: string;
  env?: Record<string, string>;
  /** Exit codes that count as success. @default [0] */
  okExitCodes?: readonly number[];
  /** Kill the child after this long. @default 600_000 */
  timeoutMs?: number;
}

/**
 * Runs a child once and measures its wall time and peak memory. Memory comes from GNU time (`-v`,
 * which sees the largest process of the tree, e.g. the node process tsx starts) when installed;
 * otherwise every node process of the tree reports `process.resourceUsage().maxRSS` through a
 * preloaded script, and the largest is kept.
 */
export async function runChild(command: ChildCommand, tempDir: string): Promise<ChildRun> {
  const useGnuTime = existsSync(GNU_TIME);
  const stamp = `${process.pid}-${Date.now()}-${Math.random().toString(36).slice(2)}`;
  const timeFile = join(tempDir, `time-${stamp}.txt`);
  const rssFile = join(tempDir, `rss-${stamp}.txt`);
  const env: Record<string, string | undefined> = { ...process.env, ...command.env };
  let file = command.command;
  let args = [...command.args];
  if (useGnuTime) {
    args = ['-v', '-o', timeFile, file, ...args];
    file = GNU_TIME;
  } else {
    const reporter = rssReporter(tempDir);
    env.NODE_OPTIONS = `${env.NODE_OPTIONS ?? ''} --require ${reporter}`.trim();
    env.RAMPART_BENCH_RSS_FILE = rssFile;
  }

  const started = process.hrtime.bigint();
  const { exitCode, stderr } = await spawnAndWait(file, args, command.cwd, env, command.timeoutMs ?? 600_000);
  const wallMs = Number(process.hrtime.bigint() - started) / 1e6;

  let maxRssBytes: number | null = null;
  if (useGnuTime && existsSync(timeFile)) {
    const match = /Maximum resident set size \(kbytes\): (\d+)/.exec(readFileSync(timeFile, 'utf8'));
    if (match?.[1]) maxRssBytes = Number(match[1]) * 1024;
  } else if (existsSync(rssFile)) {
    const values = readFileSync(rssFile, 'utf8').split('\n').filter(Boolean).map(Number);
    // resourceUsage().maxRSS is in kilobytes.
    if (values.length > 0) maxRssBytes = Math.max(...values) * 1024;
  }
  rmSync(timeFile, { force: true });
  rmSync(rssFile, { force: true });

  const ok = command.okExitCodes ?? [0];
  if (!ok.includes(exitCode)) {
    const lastLines = stderr.trim().split('\n').slice(-5).join('\n');
    throw new Error(`${command.command} ${command.args.join(' ')} exited with ${exitCode}:\n${lastLines}`);
  }
  return { wallMs, maxRssBytes, exitCode, stderr };
}

function spawnAndWait(
  file: string,
  args: readonly string[],
  cwd: string,
  env: Record<string, string | undefined>,
  timeoutMs: number,
): Promise<{ exitCode: number; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(file, args, { cwd, env, stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    child.stderr.setEncoding('utf8');
    child.stderr.on('data', (chunk: string) => {
      // Keep the tail only: a noisy child must not grow the bench's own memory.
      stderr = (stderr + chunk).slice(-20_000);
    });
    const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
    child.on('error', (error) => {
      clearTimeout(timer);
      reject(error);
    });
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      resolve({ exitCode: code ?? (signal ? 128 : 1), stderr });
    });
  });
}

function rssReporter(tempDir: string): string {
  const file = join(tempDir, 'rss-reporter.js');
  if (!existsSync(file)) {
    writeFileSync(
      file,
      "process.on('exit', () => { const f = process.env.RAMPART_BENCH_RSS_FILE; if (f) require('fs').appendFileSync(f, process.resourceUsage().maxRSS + '\\n'); });\n",
    );
  }
  return file;
}

/** Runs `measure` `runs` times and returns every sample (for the median and the spread). */
export async function repeat<T>(runs: number, measure: () => Promise<T>): Promise<T[]> {
  const samples: T[] = [];
  for (let i = 0; i < runs; i += 1) samples.push(await measure());
  return samples;
}

export function median(values: readonly number[]): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1
    ? (sorted[middle] ?? Number.NaN)
    : ((sorted[middle - 1] ?? 0) + (sorted[middle] ?? 0)) / 2;
}

/** Times a synchronous function in-process, in milliseconds. */
export function timeSync<T>(fn: () => T): { ms: number; value: T } {
  const started = process.hrtime.bigint();
  const value = fn();
  return { ms: Number(process.hrtime.bigint() - started) / 1e6, value };
}

export function formatMs(ms: number): string {
  return ms >= 1000 ? `${(ms / 1000).toFixed(2)} s` : `${ms.toFixed(ms < 10 ? 1 : 0)} ms`;
}

export function formatMb(bytes: number | null): string {
  return bytes === null ? 'n/a' : `${Math.round(bytes / (1024 * 1024))} MB`;
}

export function formatRatio(ratio: number): string {
  return Number.isFinite(ratio) ? `${ratio.toFixed(ratio < 10 ? 2 : 1)}×` : 'n/a';
}
