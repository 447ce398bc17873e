import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { AuditTrail } from '../audit';
import { loadConfig, type RampartConfig } from '../config';
import { PACT_DIR, PROVIDER } from '../contracts/parties';
import { PactLoadError, UsageError } from '../errors';
import { Logger } from '../log/logger';
import { redact } from '../log/redact';
import { countOutcomes, verdictOf, type CaseResult, type RunReport, type StepResult } from '../report/model';
import { ProgressPrinter, renderSummaryTable, writeReports } from '../report';
import { brokerStep } from './broker';
import { guardrailsStep } from '../guardrails';
import { driftExtraStep } from './drift-hook';
import { PACT_VS_SPEC_STEP_ID, PROVIDER_SPEC_STEP_ID, type RecordingProxy } from '../impact';
import { listPactFiles, loadPactFiles, type LoadedPact } from './pact-files';
import { runPactStep } from './pact-step';
import { probesStep } from './probes-hook';
import { publishedSpecLoader } from './published-spec';
import { RunTokens } from './run-tokens';
import { pactVsSpec, providerVsSpec, startReplayRecorder } from './spec-checks';
import { STATE_HANDLERS } from './state-handlers';
import { runGuarded, type ExtraStep, type StepContext } from './steps';
import { resolveTarget, type ResolveTargetOptions, type VerifyTarget } from './target';

/** Options of `runVerify`; the CLI flags of `npm run verify` map onto these one to one. */
export interface VerifyOptions {
  /** @default loadConfig() */
  config?: RampartConfig;
  /** Sandbox only (`--spec-revision`). @default 'baseline' */
  specRevision?: 'baseline' | 'next';
  /** Pact files to verify (`--pact`). @default every `*.json` in `pacts/` */
  pactFiles?: readonly string[];
  /** Verify only the interaction with this description (`--interaction`). */
  interaction?: string;
  /** Run the token probes step (`--no-probes` turns it off). @default true */
  probes?: boolean;
  /** Run the drift step (`--no-drift` turns it off). @default true */
  drift?: boolean;
  /**
   * Check the pacts against the target's published spec before the replay, and the responses the
   * replay receives against it after (`--no-spec-checks` turns both off). @default true
   */
  specChecks?: boolean;
  /** Run the guardrails step (`--no-guardrails` turns it off). @default true */
  guardrails?: boolean;
  /** @default 'parallel' */
  mode?: 'parallel' | 'sequential';
  /** Where verify.json, junit.xml, verify.md and audit.jsonl go. @default config.reportDir */
  reportDir?: string;
  /** Progress and summary to stdout only when false. @default false */
  quiet?: boolean;
  /** Steps run after the built-in ones (guardrails). */
  extraSteps?: readonly ExtraStep[];
  /** Sandbox-only options for tests and benchmarks (faults, log, rate limit). */
  sandbox?: ResolveTargetOptions['sandbox'];
  /** Where progress and summary lines go. @default stdout/stderr */
  logger?: Logger;
  /** Worker cap in parallel mode. */
  maxWorkers?: number;
  /** @default process.cwd() */
  cwd?: string;
}

export interface VerifyResult {
  report: RunReport;
  exitCode: 0 | 1 | 2;
  reportPaths: { json: string; junit: string; markdown: string } | null;
}

const TOOL_VERSION = readVersion();

/**
 * `npm run verify`: target (staging or the embedded sandbox), pacts, token probes, pact verification,
 * drift, extra steps; then the report in every format. Never throws for a broken contract or
 * environment: those are in the report and its exit code. Throws a RampartError only for bad input
 * found before the run starts (config, a malformed pact, an unknown --interaction) — after writing an
 * error report, so a stale green report is never left behind.
 */
export async function runVerify(options: VerifyOptions = {}): Promise<VerifyResult> {
  const config = options.config ?? loadConfig();
  const cwd = options.cwd ?? process.cwd();
  const reportDir = resolve(cwd, options.reportDir ?? config.reportDir);
  const log = options.logger ?? new Logger(undefined, options.quiet ?? false);
  const startedAt = new Date().toISOString();
  process.env['PACT_DO_NOT_TRACK'] = 'true';

  // Bad input first: a malformed pact or unknown interaction fails before anything starts.
  let pacts: LoadedPact[] = [];
  if (!config.pactBroker) {
    try {
      pacts = await loadPactFiles(options.pactFiles?.length ? options.pactFiles : listPactFiles(relativeOr(PACT_DIR, cwd)), cwd);
      if (options.interaction !== undefined && !pacts.some((p) => p.interactions.some((i) => i.description === options.interaction))) {
        throw new UsageError(`no interaction "${options.interaction}" in ${pacts.map((p) => p.file).join(', ')}`);
      }
    } catch (error) {
      if (error instanceof PactLoadError || error instanceof UsageError) {
        await writeReports(errorReport(startedAt, null, 'pacts', 'Pact verification', error.message), reportDir);
      }
      throw error;
    }
  }

  // The sandbox enforces the rate limit of the stage the guardrails check.
  const sandboxOptions = config.stage ? { stage: config.stage, ...options.sandbox } : options.sandbox;
  const target = await resolveTarget(config, { specRevision: options.specRevision, sandbox: sandboxOptions });
  let audit: AuditTrail | undefined;
  let tokens: RunTokens | undefined;
  let proxy: RecordingProxy | null = null;
  try {
    log.info(target.announcement);
    audit = await AuditTrail.open(join(reportDir, 'audit.jsonl'));
    tokens = new RunTokens({
      tokenUrl: target.tokenUrl,
      clientId: target.clientId,
      clientSecret: target.clientSecret,
      scopes: target.scopes,
      timeoutMs: config.http.timeoutMs,
      audit,
    });
    const ctx: StepContext = {
      config,
      target,
      tokens,
      audit,
      pacts,
      publishedSpec: publishedSpecLoader(target, tokens, config.http.timeoutMs),
      cwd,
      log: (line) => log.info(line),
    };
    const steps: StepResult[] = [];
    const deprecatedCalls: RunReport['deprecatedCalls'] = [];

    if (options.probes !== false && !options.interaction) {
      const probes = await runGuarded('token-probes', 'Token probes', () => probesStep(ctx));
      if (probes) {
        steps.push(probes);
        printCases(log, 'probe', probes.cases);
      }
    }

    // A rerun of one interaction is about that interaction; the spec checks are about the whole contract.
    const specChecks = options.specChecks !== false && !options.interaction;
    if (specChecks && target.specUrl === null) log.info('spec checks skipped: no published spec URL for this target (RAMP_SPEC_URL)');
    const checkSpecs = specChecks && target.specUrl !== null;

    if (checkSpecs) {
      if (config.pactBroker) log.info('pacts vs the published spec skipped: the pacts come from the Pact Broker');
      else {
        const step = await runGuarded(PACT_VS_SPEC_STEP_ID, 'Pacts against the published spec', () => pactVsSpec(ctx));
        if (step) steps.push(step);
      }
    }

    let proxyError: string | null = null;
    if (checkSpecs) {
      try {
        proxy = await startReplayRecorder(ctx);
      } catch (error) {
        proxyError = `could not start the recording proxy: ${error instanceof Error ? error.message : String(error)}`;
      }
    }
    const replayBaseUrl = proxy?.url;

    const pactStep = config.pactBroker
      ? await runGuarded('pacts', 'Pact verification', () => brokerStep(ctx, options, process.env, replayBaseUrl))
      : await runGuarded('pacts', 'Pact verification', async () => {
          const total = pacts.reduce((n, p) => n + p.interactions.filter((i) => options.interaction === undefined || i.description === options.interaction).length, 0);
          const progress = new ProgressPrinter({ total, write: (line) => log.info(line) });
          const outcome = await runPactStep({
            pacts,
            provider: PROVIDER,
            baseUrl: target.baseUrl,
            ...(replayBaseUrl !== undefined ? { replayBaseUrl } : {}),
            writeAllowedHosts: target.writeAllowedHosts,
            tokens: tokens as RunTokens,
            handlers: STATE_HANDLERS,
            mode: options.mode ?? 'parallel',
            ...(options.interaction !== undefined ? { onlyDescription: options.interaction } : {}),
            ...(target.kind === 'sandbox' && target.specRevision ? { rerun: { specRevision: target.specRevision } } : {}),
            timeoutMs: config.http.timeoutMs,
            namespace: target.clientId,
            audit,
            onCase: (c) => progress.record(c),
            ...(options.maxWorkers !== undefined ? { maxWorkers: options.maxWorkers } : {}),
          });
          deprecatedCalls.push(...outcome.deprecatedCalls);
          return outcome.step;
        });
    if (pactStep) steps.push(pactStep);

    if (checkSpecs) {
      const recorder = proxy;
      const step = await runGuarded(PROVIDER_SPEC_STEP_ID, 'Responses against the published spec', async () => {
        if (recorder === null) throw new Error(proxyError ?? 'the recording proxy did not start');
        return providerVsSpec(ctx, recorder);
      });
      if (step) steps.push(step);
    }

    const extras: ExtraStep[] = [];
    if (options.drift !== false && !options.interaction) extras.push(driftExtraStep);
    if (options.guardrails !== false && !options.interaction) extras.push(guardrailsStep());
    extras.push(...(options.extraSteps ?? []));
    for (const extra of extras) {
      const step = await runGuarded(extra.id, extra.title, () => extra.run(ctx));
      if (step) steps.push(step);
    }

    if (config.revokeTokens) {
      for (const problem of await tokens.revokeAll()) log.warn(`token revocation: ${problem}`);
    }

    const report: RunReport = {
      schemaVersion: 1,
      tool: { name: 'rampart', version: TOOL_VERSION },
      startedAt,
      finishedAt: new Date().toISOString(),
      target: { kind: target.kind, baseUrl: target.baseUrl, ...(target.specRevision ? { specRevision: target.specRevision } : {}) },
      ...verdictOf(steps),
      steps,
      deprecatedCalls,
      tokens: { requests: tokens.tokenRequests, scopeSets: tokens.scopeSets },
      totals: countOutcomes(steps.flatMap((s) => s.cases)),
    };
    const paths = await writeReports(report, reportDir);
    log.info('');
    log.info(renderSummaryTable(report));
    log.info(`reports: ${[paths.json, paths.junit, paths.markdown].map((p) => relativeOr(p, cwd)).join(', ')}`);
    return { report, exitCode: report.exitCode, reportPaths: { json: paths.json, junit: paths.junit, markdown: paths.markdown } };
  } finally {
    await proxy?.close().catch(() => undefined);
    await audit?.close().catch(() => undefined);
    await target.close().catch(() => undefined);
  }
}

function printCases(log: Logger, noun: string, cases: readonly CaseResult[]): void {
  const progress = new ProgressPrinter({ total: cases.length, noun, write: (line) => log.info(line) });
  for (const c of cases) progress.record(c);
}

function errorReport(startedAt: string, target: VerifyTarget | null, id: string, title: string, error: string): RunReport {
  const steps: StepResult[] = [{ id, title, cases: [], error: redact(error) }];
  return {
    schemaVersion: 1,
    tool: { name: 'rampart', version: TOOL_VERSION },
    startedAt,
    finishedAt: new Date().toISOString(),
    target: target ? { kind: target.kind, baseUrl: target.baseUrl } : { kind: 'sandbox', baseUrl: '' },
    ...verdictOf(steps),
    steps,
    deprecatedCalls: [],
    tokens: { requests: 0, scopeSets: 0 },
    totals: countOutcomes([]),
  };
}

function relativeOr(path: string, cwd: string): string {
  return path.startsWith(`${cwd}/`) ? path.slice(cwd.length + 1) : path;
}

function readVersion(): string {
  try {
    return (JSON.parse(readFileSync(join(__dirname, '..', '..', 'package.json'), 'utf8')) as { version?: string }).version ?? '0.0.0';
  } catch {
    return '0.0.0';
  }
}
