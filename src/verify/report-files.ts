import { accessSync, constants, mkdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { UsageError } from '../errors';
import type { Logger } from '../log/logger';
import {
  renderJson,
  renderJunit,
  renderMarkdown,
  renderProblems,
  renderSummaryTable,
  verdictLine,
  writeAtomic,
  type ReportPaths,
} from '../report';
import type { RunReport } from '../report/model';

/** The names a command's three reports take in the report directory. */
export type ReportFileNames = Readonly<ReportPaths>;

export const VERIFY_REPORT_FILES: ReportFileNames = { json: 'verify.json', junit: 'junit.xml', markdown: 'verify.md' };
export const GUARDRAILS_REPORT_FILES: ReportFileNames = {
  json: 'guardrails.json',
  junit: 'guardrails-junit.xml',
  markdown: 'guardrails.md',
};

/**
 * Readies the report directory before a run starts: created when missing, refused in one line when it
 * is not a directory or not writable (exit 2, before any work), claimed for this run, and cleared of the
 * previous run's reports, so a run that is killed leaves no report at all rather than the last run's
 * green. Returns the release of the claim, for when the run is over.
 */
export function prepareReportDir(dir: string, names: ReportFileNames, shownAs: string = dir): () => void {
  const refuse = (problem: string, cause?: unknown): never => {
    throw new UsageError(`report directory ${shownAs}: ${problem}`, cause === undefined ? undefined : { cause });
  };
  try {
    mkdirSync(dir, { recursive: true });
  } catch (cause) {
    const code = (cause as NodeJS.ErrnoException).code;
    if (code === 'EEXIST' || code === 'ENOTDIR') refuse('not a directory', cause);
    refuse(`cannot be created (${code ?? (cause as Error).message})`, cause);
  }
  if (!statSync(dir).isDirectory()) refuse('not a directory');
  try {
    accessSync(dir, constants.W_OK);
  } catch (cause) {
    refuse(`not writable (${(cause as NodeJS.ErrnoException).code ?? 'EACCES'})`, cause);
  }
  const release = claim(join(dir, RUN_LOCK), refuse);
  for (const name of Object.values(names)) rmSync(join(dir, name), { force: true });
  return release;
}

/** Held while a run uses its report directory; holds the run's process id. */
export const RUN_LOCK = '.rampart-run.lock';

/**
 * One run per report directory: two would remove each other's reports and interleave their sessions in
 * one audit trail, which then reads as tampered. A lock whose process is gone (killed) is taken over.
 */
function claim(lock: string, refuse: (problem: string) => never): () => void {
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      writeFileSync(lock, `${process.pid}\n`, { flag: 'wx' });
      return () => rmSync(lock, { force: true });
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    }
    let text: string;
    try {
      text = readFileSync(lock, 'utf8');
    } catch {
      continue; // released in between
    }
    const holder = Number.parseInt(text, 10);
    if (Number.isNaN(holder)) refuse(`its run lock ${RUN_LOCK} names no process; remove it if no run is going`);
    if (isRunning(holder))
      refuse(`another rampart run (process ${holder}) is using it; wait for it to end, or pass --report-dir`);
    rmSync(lock, { force: true });
  }
  return refuse('its run lock keeps coming back; is another run starting there?');
}

function isRunning(pid: number): boolean {
  if (pid <= 0) return false;
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: the process exists but belongs to someone else.
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** The three reports, each written to a temporary name and renamed into place (`writeAtomic`). */
export async function writeReportFiles(report: RunReport, dir: string, names: ReportFileNames): Promise<ReportPaths> {
  mkdirSync(dir, { recursive: true });
  const paths: ReportPaths = {
    json: join(dir, names.json),
    junit: join(dir, names.junit),
    markdown: join(dir, names.markdown),
  };
  await writeAtomic(paths.json, renderJson(report));
  await writeAtomic(paths.junit, renderJunit(report));
  await writeAtomic(paths.markdown, renderMarkdown(report));
  return paths;
}

/** The run's summary table and where its reports are, after the progress lines. */
export function printSummary(log: Logger, run: { report: RunReport; paths: ReportPaths }, cwd: string): void {
  if (log.quiet) {
    // Quiet: what went wrong, the verdict and where the reports are; no table, no progress.
    const problems = renderProblems(run.report);
    if (problems.length > 0) log.result(['Failures and errors:', ...problems].join('\n'));
    log.result(verdictLine(run.report));
  } else {
    log.info('');
    log.info(renderSummaryTable(run.report));
  }
  const shown = [run.paths.json, run.paths.junit, run.paths.markdown].map((p) => relativeTo(p, cwd));
  log.result(`reports: ${shown.join(', ')}`);
}

/** `path` relative to `cwd` when inside it, as shown to users. */
export function relativeTo(path: string, cwd: string): string {
  return path.startsWith(`${cwd}/`) ? path.slice(cwd.length + 1) : path;
}
