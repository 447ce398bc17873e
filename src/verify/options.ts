import type { RampartConfig } from '../config';
import type { Logger } from '../log/logger';
import type { RunReport } from '../report/model';
import type { Step, StepOptions } from '../steps/step';
import type { ResolveTargetOptions } from './target';

/** Options of `runVerify`; the CLI flags of `npm run verify` map onto these one to one. */
export interface VerifyOptions extends StepOptions {
  /** @default loadConfig() */
  config?: RampartConfig;
  /** Sandbox only (`--spec-revision`). @default 'baseline' */
  specRevision?: 'baseline' | 'next';
  /** Pact files to verify (`--pact`). @default every `*.json` in `pacts/` */
  pactFiles?: readonly string[];
  /** Where verify.json, junit.xml, verify.md and audit.jsonl go. @default config.reportDir */
  reportDir?: string;
  /** Progress and summary to stdout only when false. @default false */
  quiet?: boolean;
  /** The steps to run, in order. @default VERIFY_STEPS (src/steps) */
  steps?: readonly Step[];
  /** Sandbox-only options for tests and benchmarks (faults, log, rate limit). */
  sandbox?: ResolveTargetOptions['sandbox'];
  /** Where progress and summary lines go. @default stdout/stderr */
  logger?: Logger;
  /** @default process.cwd() */
  cwd?: string;
  /**
   * Overall deadline of the run in milliseconds (`--deadline`, `RAMPART_VERIFY_DEADLINE_SECONDS`): when it
   * passes, the running step is stopped and reported as an error, and the run exits 2 with what finished.
   * @default config.verifyDeadlineMs (none)
   */
  deadlineMs?: number;
  /** The clock the deadline is measured on. @default performance.now */
  now?: () => number;
  /**
   * Aborted to interrupt the run (`npm run verify` on SIGINT or SIGTERM): as at the deadline, the running
   * step stops and errs, the later ones do not run, the tokens are revoked and the reports written.
   */
  interrupt?: AbortSignal;
}

export interface VerifyResult {
  report: RunReport;
  exitCode: 0 | 1 | 2;
  reportPaths: { json: string; junit: string; markdown: string } | null;
}
