import { resolve } from 'node:path';
import { loadConfig, type RampartConfig } from '../config';
import { loadRampPolicy, resolveStage, stageRateLimits } from '../guardrails/policy';
import { Logger } from '../log/logger';
import { VERIFY_STEPS } from '../steps';
import type { VerifyOptions, VerifyResult } from './options';
import { prepareReportDir, printSummary, relativeTo, VERIFY_REPORT_FILES as FILES } from './report-files';
import { loadRunPacts } from './run-pacts';
import { runSteps } from './run-steps';
import { resolveTarget } from './target';

export type { VerifyOptions, VerifyResult } from './options';

/**
 * `npm run verify`: the steps of `VERIFY_STEPS` against the target (staging or the embedded sandbox),
 * then the report in every format. Never throws for a broken contract or environment: those are in the
 * report and its exit code. Throws a RampartError only for bad input found before the run starts.
 */
export async function runVerify(o: VerifyOptions = {}): Promise<VerifyResult> {
  const config = o.config ?? loadConfig();
  const cwd = o.cwd ?? process.cwd();
  const reportDir = resolve(cwd, o.reportDir ?? config.reportDir);
  const log = o.logger ?? new Logger(undefined, o.quiet ?? false);
  const startedAt = new Date();
  process.env['PACT_DO_NOT_TRACK'] = 'true';
  const sandbox = sandboxAtStage(config, o.sandbox);
  const release = prepareReportDir(reportDir, FILES, relativeTo(reportDir, cwd));
  try {
    const pacts = await loadRunPacts({ ...o, config }, cwd, reportDir, FILES);
    const target = await resolveTarget(config, { specRevision: o.specRevision, sandbox });
    log.info(target.announcement);
    const deadlineMs = o.deadlineMs ?? config.verifyDeadlineMs ?? undefined;
    const where = { reportDir, reportFiles: FILES, cwd, log, startedAt, now: o.now, interrupt: o.interrupt };
    const steps = o.steps ?? VERIFY_STEPS;
    const run = await runSteps({ config, target, pacts, steps, options: o, deadlineMs, ...where });
    printSummary(log, run, cwd);
    return { report: run.report, exitCode: run.report.exitCode, reportPaths: run.paths };
  } finally {
    release();
  }
}

/**
 * The sandbox enforces the rate limit of the stage the guardrails check (RAMPART_STAGE), looked up in
 * the ramp policy. @throws ConfigError naming the stage when the policy has no such stage
 */
function sandboxAtStage(config: RampartConfig, sandbox: VerifyOptions['sandbox']): VerifyOptions['sandbox'] {
  if (!config.stage || config.stagingBaseUrl !== null) return sandbox;
  const policy = loadRampPolicy();
  return { stage: resolveStage(policy, config.stage).name, stageRateLimits: stageRateLimits(policy), ...sandbox };
}
