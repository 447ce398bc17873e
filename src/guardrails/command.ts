import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { Command, CommanderError } from 'commander';
import { AuditTrail } from '../audit';
import { TokenProvider } from '../auth';
import { loadConfig, type RampartConfig } from '../config';
import { UsageError } from '../errors';
import { redact } from '../log/redact';
import { countOutcomes, verdictOf, type CaseResult, type RunReport } from '../report/model';
import { renderJson, renderJunit, renderMarkdown, writeAtomic } from '../report';
import type { SandboxOptions } from '../sandbox';
import { resolveTarget, type VerifyTarget } from '../verify/target';
import { loadRampPolicy, nextStage, RAMP_POLICY_FILE, resolveStage, stageRateLimit } from './policy';
import { runGuardrails, type GuardrailsRunOptions } from './run-guardrails';

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
    .description('Check the ramp guardrails (auth, scopes, rate limit, key age) for the current stage, and rehearse the next.')
    .exitOverride()
    .configureOutput({ writeErr: () => undefined, writeOut: (text) => process.stdout.write(text) })
    .option('--stage <name>', 'stage of the ramp policy (default: RAMPART_STAGE, else the first stage)')
    .option('--rehearse', 'also run the next stage\'s checks and print what the step-up changes', false)
    .option('--rate-limit-probe', 'send the bounded burst (write-allowed hosts only; also RAMPART_RATE_LIMIT_PROBE)', false)
    .option('--misconfigured', 'sandbox only: plant the guardrail faults in the embedded sandbox', false)
    .option('--policy <file>', 'ramp policy file (default: specs/ramp/ramp-policy.json)')
    .option('--report-dir <dir>', 'where guardrails.json, guardrails-junit.xml and guardrails.md go (default: RAMPART_REPORT_DIR or reports)')
    .option('--quiet', 'print only the report paths and problems', false);
  try {
    program.parse([...argv], { from: 'user' });
  } catch (error) {
    if (error instanceof CommanderError) {
      if (error.code === 'commander.helpDisplayed' || error.code === 'commander.help') return 'help';
      throw new UsageError(`guardrails: ${error.message.replace(/^error: /, '')}`);
    }
    throw error;
  }
  return program.opts<GuardrailsFlags>();
}

export interface GuardrailsCommandOptions {
  /** @default loadConfig() */
  config?: RampartConfig;
  /** @default process.cwd() */
  cwd?: string;
  /** Extra sandbox options (tests: a request counter as `log`, short windows). */
  sandbox?: SandboxOptions;
  sweep?: GuardrailsRunOptions['sweep'];
  burst?: GuardrailsRunOptions['burst'];
  pactCalls?: GuardrailsRunOptions['pactCalls'];
  write?: (text: string) => void;
}

export interface ReportFiles {
  json: string;
  junit: string;
  markdown: string;
}

/** Runs the guardrails once; the exit code: 0 all hold, 1 a finding at error, 2 the tool or input failed. */
export async function runGuardrailsCommand(argv: readonly string[], options: GuardrailsCommandOptions = {}): Promise<number> {
  const flags = parseGuardrailsArgs(argv);
  if (flags === 'help') return 0;
  const write = options.write ?? ((text: string) => process.stdout.write(text));
  const say = (line: string) => {
    if (!flags.quiet) write(`${redact(line)}\n`);
  };
  const config = options.config ?? loadConfig();
  const cwd = options.cwd ?? process.cwd();
  const policyFile = flags.policy ? resolve(cwd, flags.policy) : RAMP_POLICY_FILE;
  const policy = loadRampPolicy(policyFile);
  const stage = resolveStage(policy, flags.stage ?? config.stage, flags.stage ? '--stage' : 'RAMPART_STAGE');
  if (flags.misconfigured && config.stagingBaseUrl !== null) {
    throw new UsageError('guardrails: --misconfigured plants faults in the embedded sandbox only; unset STAGING_BASE_URL to use it');
  }
  const reportDir = resolve(cwd, flags.reportDir ?? config.reportDir);
  const rateLimitProbe = flags.rateLimitProbe || config.rateLimitProbe;
  const stageRateLimits = Object.fromEntries(policy.stages.map((s) => [s.name, stageRateLimit(s)]));
  const sandboxFor = (name: string): SandboxOptions => ({ ...options.sandbox, stage: name, stageRateLimits, ...(flags.misconfigured ? { misconfigured: true } : {}) });

  const startedAt = new Date().toISOString();
  const targets: VerifyTarget[] = [];
  let audit: AuditTrail | undefined;
  let provider: TokenProvider | undefined;
  try {
    const target = await resolveTarget(config, { sandbox: sandboxFor(stage.name) });
    targets.push(target);
    say(target.announcement.replace(/^verifying against/, 'checking guardrails against'));
    const next = flags.rehearse ? nextStage(policy, stage) : null;
    // Only a sandbox can serve the next stage's tier before the ramp; a staging shows the expectation only.
    const nextTarget = next && rateLimitProbe && target.kind === 'sandbox' ? await resolveTarget(config, { sandbox: sandboxFor(next.name) }) : null;
    if (nextTarget) targets.push(nextTarget);

    audit = await AuditTrail.open(join(reportDir, 'audit.jsonl'));
    provider = new TokenProvider({ tokenUrl: target.tokenUrl, clientId: target.clientId, clientSecret: target.clientSecret, scopes: target.scopes, timeoutMs: config.http.timeoutMs, audit });
    const run = await runGuardrails({
      policy,
      stage,
      target,
      tokenProvider: provider,
      clientSecretIssuedAt: config.clientSecretIssuedAt,
      previousClientSecret: config.previousClientSecret,
      rateLimitProbe,
      rehearse: flags.rehearse,
      ...(nextTarget ? { nextStageTarget: nextTarget } : {}),
      ...(options.pactCalls ? { pactCalls: options.pactCalls } : {}),
      timeoutMs: config.http.timeoutMs,
      audit,
      ...(options.sweep ? { sweep: options.sweep } : {}),
      ...(options.burst ? { burst: options.burst } : {}),
      log: say,
    });

    const steps = [run.step];
    const report: RunReport = {
      schemaVersion: 1,
      tool: { name: 'rampart', version: toolVersion() },
      startedAt,
      finishedAt: new Date().toISOString(),
      target: { kind: target.kind, baseUrl: target.baseUrl, ...(target.specRevision ? { specRevision: target.specRevision } : {}) },
      ...verdictOf(steps),
      steps,
      deprecatedCalls: [],
      tokens: { requests: provider.tokenRequests, scopeSets: provider.scopeDrift().length },
      totals: countOutcomes(steps.flatMap((s) => s.cases)),
    };
    const files = await writeGuardrailsReports(report, reportDir);
    say('');
    say(renderCaseTable(run.step.cases));
    if (run.comparison) {
      say('');
      say(`step-up rehearsal: ${stage.name} -> ${next?.name ?? '?'}`);
      say(run.comparison);
    }
    say('');
    say(`guardrails ${report.verdict} at stage ${stage.name}: ${report.totals.passed} passed, ${report.totals.failed} failed, ${report.totals.error} errors, ${report.totals.skipped} skipped`);
    write(`reports: ${[files.json, files.junit, files.markdown].map((p) => (p.startsWith(`${cwd}/`) ? p.slice(cwd.length + 1) : p)).join(', ')}\n`);
    return report.exitCode;
  } finally {
    if (provider && config.revokeTokens) await provider.revokeAll().catch(() => undefined);
    await audit?.close().catch(() => undefined);
    for (const t of targets) await t.close().catch(() => undefined);
  }
}

/** `guardrails.json`, `guardrails-junit.xml`, `guardrails.md`: each written to a temp file, then renamed. */
export async function writeGuardrailsReports(report: RunReport, dir: string): Promise<ReportFiles> {
  const files: ReportFiles = { json: join(dir, 'guardrails.json'), junit: join(dir, 'guardrails-junit.xml'), markdown: join(dir, 'guardrails.md') };
  await writeAtomic(files.json, renderJson(report));
  await writeAtomic(files.junit, renderJunit(report));
  await writeAtomic(files.markdown, renderMarkdown(report));
  return files;
}

const MARK: Record<CaseResult['outcome'], string> = { passed: 'ok', failed: 'FAIL', error: 'ERROR', skipped: 'skip' };

/** One line per check: outcome, severity, check, name, and the message of anything not plainly fine. */
export function renderCaseTable(cases: readonly CaseResult[]): string {
  const rows = cases.map((c) => [
    MARK[c.outcome],
    c.data?.['critical'] ? 'critical' : (c.severity ?? ''),
    String(c.data?.['check'] ?? ''),
    c.name,
    c.outcome === 'passed' && !c.severity ? '' : (c.message ?? ''),
  ]);
  const header = ['result', 'severity', 'check', 'what', 'why'];
  const widths = header.map((h, i) => Math.min(70, Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length))));
  const fmt = (r: string[]) => r.map((cell, i) => (i === r.length - 1 ? cell : cell.padEnd(widths[i] ?? 0))).join('  ').trimEnd();
  return [fmt(header), fmt(widths.map((w) => '-'.repeat(w))), ...rows.map(fmt)].join('\n');
}

function toolVersion(): string {
  try {
    return (JSON.parse(readFileSync(join(__dirname, '..', '..', 'package.json'), 'utf8')) as { version?: string }).version ?? '0.0.0';
  } catch {
    return '0.0.0';
  }
}
