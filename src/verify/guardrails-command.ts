import { resolve } from 'node:path';
import { Command } from 'commander';
import { parseArgs } from '../cli/parse-args';
import { loadConfig, type RampartConfig } from '../config';
import { UsageError } from '../errors';
import { loadRampPolicy, nextStage, DEFAULT_POLICY_FILE, resolveStage, stageRateLimits } from '../guardrails/policy';
import type { GuardrailsRunOptions } from '../guardrails/run-guardrails';
import { Logger } from '../log/logger';
import { caseData } from '../report/case-data';
import type { CaseResult } from '../report/model';
import type { SandboxOptions } from '../providers/sandbox';
import { guardrailsStep, type GuardrailsStepOptions } from '../steps/guardrails';
import { GUARDRAILS_REPORT_FILES, prepareReportDir, relativeTo } from './report-files';

import { runSteps } from './run-steps';
import { resolveTarget, type VerifyTarget } from './target';

export interface GuardrailsFlags {
  stage?: string;
  rehearse: boolean;
  rateLimitProbe: boolean;
  misconfigured: boolean;
  policy?: string;
  reportDir?: string;
  quiet: boolean;
}

/** `npm run guardrails -- ...` flags. @throws UsageError (exit 2) for a bad flag. */
export function parseGuardrailsArgs(argv: readonly string[]): GuardrailsFlags | 'help' {
  const program = new Command('npm run guardrails --')
    .description(
      'Check the ramp guardrails (auth, scopes, rate limit, key age) for the current stage, and rehearse the next.',
    )
    .option('--stage <name>', 'stage of the ramp policy (default: RAMPART_STAGE, else the first stage)')
    .option('--rehearse', "also run the next stage's checks and print what the step-up changes", false)
    .option(
      '--rate-limit-probe',
      'send the bounded burst (write-allowed hosts only; also RAMPART_RATE_LIMIT_PROBE)',
      false,
    )
    .option('--misconfigured', 'sandbox only: plant the guardrail faults in the embedded sandbox', false)
    .option('--policy <file>', 'ramp policy file (default: specs/ramp/ramp-policy.json)')
    .option(
      '--report-dir <dir>',
      'where guardrails.json, guardrails-junit.xml and guardrails.md go (default: RAMPART_REPORT_DIR or reports)',
    )
    .option('--quiet', 'print only the report paths and problems', false);
  if (!parseArgs(program, argv, { prefix: 'guardrails' })) return 'help';
  return program.opts<GuardrailsFlags>();
}

export interface GuardrailsCommandOptions {
  /** @default loadConfig() */
  config?: RampartConfig;
  /** Aborted to interrupt the run (SIGINT, SIGTERM): it winds up as `npm run verify` does. */
  interrupt?: AbortSignal;
  /** @default process.cwd() */
  cwd?: string;
  /** Extra sandbox options (tests: a request counter as `log`, short windows). */
  sandbox?: SandboxOptions;
  sweep?: GuardrailsRunOptions['sweep'];
  burst?: GuardrailsRunOptions['burst'];
  pactCalls?: GuardrailsRunOptions['pactCalls'];
  write?: (text: string) => void;
  /** The checks' clock (tests: a manual clock shared with the sandbox's rate limiter). @default the wall clock */
  clock?: GuardrailsStepOptions['clock'];
}

export interface ReportFiles {
  json: string;
  junit: string;
  markdown: string;
}

/** Runs the guardrails once; the exit code: 0 all hold, 1 a finding at error, 2 the tool or input failed. */
export async function runGuardrailsCommand(
  argv: readonly string[],
  options: GuardrailsCommandOptions = {},
): Promise<number> {
  const flags = parseGuardrailsArgs(argv);
  if (flags === 'help') return 0;
  const write = options.write ?? ((text: string) => process.stdout.write(text));
  const log = new Logger({ out: (line) => write(`${line}\n`), err: (line) => write(`${line}\n`) }, flags.quiet);
  const config = options.config ?? loadConfig();
  const cwd = options.cwd ?? process.cwd();
  const policy = loadRampPolicy(flags.policy ? resolve(cwd, flags.policy) : DEFAULT_POLICY_FILE);
  const stage = resolveStage(policy, flags.stage ?? config.stage, flags.stage ? '--stage' : 'RAMPART_STAGE');
  if (flags.misconfigured && config.stagingBaseUrl !== null) {
    throw new UsageError(
      'guardrails: --misconfigured plants faults in the embedded sandbox only; unset STAGING_BASE_URL to use it',
    );
  }
  const reportDir = resolve(cwd, flags.reportDir ?? config.reportDir);
  const release = prepareReportDir(reportDir, GUARDRAILS_REPORT_FILES, relativeTo(reportDir, cwd));
  const rateLimitProbe = flags.rateLimitProbe || config.rateLimitProbe;
  const limits = stageRateLimits(policy);
  const sandboxFor = (name: string): SandboxOptions => ({
    ...options.sandbox,
    stage: name,
    stageRateLimits: limits,
    ...(flags.misconfigured ? { misconfigured: true } : {}),
  });

  const startedAt = new Date();
  let target: VerifyTarget | null = null;
  let nextTarget: VerifyTarget | null = null;
  try {
    target = await resolveTarget(config, { sandbox: sandboxFor(stage.name) });
    log.info(target.announcement.replace(/^verifying against/, 'checking guardrails against'));
    const next = flags.rehearse ? nextStage(policy, stage) : null;
    // Only a sandbox can serve the next stage's tier before the ramp; a staging shows the expectation only.
    if (next && rateLimitProbe && target.kind === 'sandbox')
      nextTarget = await resolveTarget(config, { sandbox: sandboxFor(next.name) });
    let comparison: string | null = null;
    const step = guardrailsStep({
      policy,
      stage: stage.name,
      stageSource: '--stage',
      rehearse: flags.rehearse,
      rateLimitProbe,
      ...(nextTarget ? { nextStageTarget: nextTarget } : {}),
      ...(options.pactCalls ? { pactCalls: options.pactCalls } : {}),
      ...(options.sweep ? { sweep: options.sweep } : {}),
      ...(options.burst ? { burst: options.burst } : {}),
      ...(options.clock ? { clock: options.clock } : {}),
      onComparison: (text) => (comparison = text),
    });
    const { report, paths } = await runSteps({
      config,
      target,
      steps: [step],
      options: {},
      pacts: [],
      reportDir,
      reportFiles: GUARDRAILS_REPORT_FILES,
      cwd,
      log,
      startedAt,
      ...(options.interrupt ? { interrupt: options.interrupt } : {}),
    });
    const cases = report.steps.flatMap((s) => s.cases);
    const problems = cases.filter((c) => c.outcome === 'failed' || c.outcome === 'error');
    log.info('');
    if (cases.length > 0) log.info(renderCaseTable(cases));
    // Quiet: the problems alone, the verdict and where the reports are.
    if (log.quiet && problems.length > 0) log.result(renderCaseTable(problems));
    for (const s of report.steps) if (s.error) log.result(`guardrails could not run: ${s.error}`);
    if (comparison) {
      log.info('');
      log.info(`step-up rehearsal: ${stage.name} -> ${next?.name ?? '?'}`);
      log.info(comparison);
    }
    log.info('');
    const { passed, failed, error, skipped } = report.totals;
    const counts = `${passed} passed, ${failed} failed, ${error} errors, ${skipped} skipped`;
    log.result(`guardrails ${report.verdict} at stage ${stage.name}: ${counts}`);
    write(`reports: ${[paths.json, paths.junit, paths.markdown].map((p) => relativeTo(p, cwd)).join(', ')}\n`);
    return report.exitCode;
  } finally {
    await nextTarget?.close().catch(() => undefined);
    await target?.close().catch(() => undefined);
    release();
  }
}

const MARK: Record<CaseResult['outcome'], string> = { passed: 'ok', failed: 'FAIL', error: 'ERROR', skipped: 'skip' };

/** One line per check: outcome, severity, check, name, and the message of anything not plainly fine. */
export function renderCaseTable(cases: readonly CaseResult[]): string {
  const rows = cases.map((c) => {
    const data = caseData(c);
    const guardrail = data.kind === 'guardrail' ? data : null;
    return [
      MARK[c.outcome],
      guardrail?.critical ? 'critical' : (c.severity ?? ''),
      guardrail?.check ?? '',
      c.name,
      c.outcome === 'passed' && !c.severity ? '' : (c.message ?? ''),
    ];
  });
  const header = ['result', 'severity', 'check', 'what', 'why'];
  const widths = header.map((h, i) => Math.min(70, Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length))));
  const fmt = (r: string[]) =>
    r
      .map((cell, i) => (i === r.length - 1 ? cell : cell.padEnd(widths[i] ?? 0)))
      .join('  ')
      .trimEnd();
  return [fmt(header), fmt(widths.map((w) => '-'.repeat(w))), ...rows.map(fmt)].join('\n');
}
