import { join } from 'node:path';
import { AuditTrail } from '../audit';
import type { RampartConfig } from '../config';
import { startRecordingProxy } from '../impact';
import type { Logger } from '../log/logger';
import type { ReportPaths } from '../report';
import { buildRunReport } from '../report/run-report';
import type { DeprecatedCall, RunReport, StepResult } from '../report/model';
import { ReplayRecorder } from '../steps/replay';
import { runGuarded, type Step, type StepContext, type StepOptions } from '../steps/step';
import { DeadlineClock } from './deadline';
import type { LoadedPact } from '../contracts/pact-reader';
import { publishedSpecLoader } from './published-spec';
import { writeReportFiles, type ReportFileNames } from './report-files';
import { RunTokens } from './run-tokens';
import type { VerifyTarget } from './target';

export interface RunStepsOptions {
  config: RampartConfig;
  target: VerifyTarget;
  /** The steps in run order; the disabled ones (`enabled(options)`) are left out. */
  steps: readonly Step[];
  options: StepOptions;
  pacts: readonly LoadedPact[];
  /** Absolute; already checked by `prepareReportDir`. */
  reportDir: string;
  reportFiles: ReportFileNames;
  cwd: string;
  log: Logger;
  startedAt: Date;
  /** Overall deadline of the run in milliseconds, from `startedAt`'s clock. */
  deadlineMs?: number;
  /** @default performance.now */
  now?: () => number;
  /** Aborted to interrupt the run: the running step stops, the rest is wound up as at the deadline. */
  interrupt?: AbortSignal;
}

export interface StepsRun {
  report: RunReport;
  paths: ReportPaths;
}

/**
 * The one lifecycle every command that runs steps shares: audit trail, the run's tokens, the shared
 * published spec and replay proxy, each enabled step in order (a thrown error becomes that step's
 * error), the deadline, token revocation, the report in three formats; everything closed at the end.
 */
export async function runSteps(o: RunStepsOptions): Promise<StepsRun> {
  const { config, target } = o;
  const clock = new DeadlineClock(o.deadlineMs, o.now, o.interrupt);
  const replay = new ReplayRecorder(() =>
    startRecordingProxy({ target: target.baseUrl, timeoutMs: config.http.timeoutMs }),
  );
  let audit: AuditTrail | undefined;
  try {
    audit = await AuditTrail.open(join(o.reportDir, 'audit.jsonl'), { key: config.auditKey });
    const tokens = new RunTokens({
      ...credentialsOf(target),
      timeoutMs: config.http.timeoutMs,
      deadlineMs: config.http.deadlineMs,
      audit,
    });
    const deprecatedCalls: DeprecatedCall[] = [];
    const ctx: StepContext = {
      config,
      target,
      tokens,
      audit,
      options: { ...o.options, signal: clock.signal },
      pacts: o.pacts,
      publishedSpec: publishedSpecLoader(target, tokens, config, (line) => o.log.info(line)),
      replay,
      deprecatedCalls,
      cwd: o.cwd,
      log: (line) => o.log.info(line),
    };
    const steps: StepResult[] = [];
    for (const step of o.steps.filter((s) => s.enabled(o.options))) {
      const result = await clock.race(runGuarded(step, ctx), () => clock.overrun(step));
      if (result) steps.push(result);
      if (clock.expired) break;
    }
    await clock.settled(STRAGGLER_GRACE_MS);
    if (config.revokeTokens) for (const problem of await tokens.revokeAll()) o.log.warn(`token revocation: ${problem}`);
    // Closed before the report is written: its final hash is the run's anchor, printed and in verify.json.
    const session = await audit.close();
    o.log.info(
      `audit trail: session ${session.session}, final hash ${session.finalHash}${session.keyed ? ' (HMAC)' : ''}`,
    );
    const report = buildRunReport({
      startedAt: o.startedAt,
      target: {
        kind: target.kind,
        baseUrl: target.baseUrl,
        ...(target.specRevision ? { specRevision: target.specRevision } : {}),
      },
      steps,
      deprecatedCalls,
      tokens: { requests: tokens.tokenRequests, scopeSets: tokens.scopeSets },
      audit: session,
    });
    return { report, paths: await writeReportFiles(report, o.reportDir, o.reportFiles) };
  } finally {
    clock.stop();
    await replay.close();
    await audit?.close().catch(() => undefined);
    await target.close().catch(() => undefined);
  }
}

/** How long a step cut short by the deadline or an interruption gets to wind up before the run's teardown. */
const STRAGGLER_GRACE_MS = 5_000;

/** The client credentials a run mints its tokens with: the target's. */
export function credentialsOf(target: VerifyTarget) {
  return {
    tokenUrl: target.tokenUrl,
    clientId: target.clientId,
    clientSecret: target.clientSecret,
    scopes: target.scopes,
  };
}
