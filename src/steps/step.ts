import type { AuditTrail } from '../audit';
import type { RampartConfig } from '../config';
import type { LoadedSpec } from '../openapi';
import type { DeprecatedCall, StepResult } from '../report/model';
import type { LoadedPact } from '../contracts/pact-reader';
import type { RunTokens } from '../verify/run-tokens';
import type { VerifyTarget } from '../verify/target';
import type { PactWorkerPool } from '../verify/worker-pool';
import type { ReplayRecorder } from './replay';

/** What the steps read of the run's options; `VerifyOptions` extends it with the run's own. */
export interface StepOptions {
  /** Verify only the interaction with this description (`--interaction`); the whole-contract steps stand down. */
  interaction?: string;
  /** Run the token probes step (`--no-probes` turns it off). @default true */
  probes?: boolean;
  /** Run the drift step (`--no-drift` turns it off). @default true */
  drift?: boolean;
  /** Check the pacts and the replayed responses against the published spec (`--no-spec-checks`). @default true */
  specChecks?: boolean;
  /** Run the guardrails step (`--no-guardrails` turns it off). @default true */
  guardrails?: boolean;
  /** @default 'parallel' */
  mode?: 'parallel' | 'sequential';
  /** Worker cap in parallel mode. */
  maxWorkers?: number;
  /** Aborted when the run's deadline passes: a step that can stop early does. */
  signal?: AbortSignal;
  /** Pact worker processes kept between runs (several runs in one process). @default each run starts its own */
  workerPool?: PactWorkerPool;
}

/** What a step is given: the run's target, tokens, audit trail and shared documents. */
export interface StepContext {
  config: RampartConfig;
  target: VerifyTarget;
  /** The run's tokens; `tokens.provider` gives the standard token provider. */
  tokens: RunTokens;
  audit: AuditTrail | undefined;
  /** The run's options. @default {} */
  options?: StepOptions;
  /**
   * The run's pacts as loaded from `pacts/` or `--pact`; empty when they come from a Pact Broker.
   * Optional so a step can be run on its own (tests); the pipeline always sets it.
   */
  pacts?: readonly LoadedPact[];
  /**
   * The target's published OpenAPI document, fetched once per run and shared by every step that reads
   * it; `null` when the target has no spec URL. Optional like `pacts`: `specOf(ctx)` fetches it when absent.
   */
  publishedSpec?(): Promise<LoadedSpec | null>;
  /** The loopback proxy the replay goes through when the spec checks are on; started on first use. */
  replay?: ReplayRecorder;
  /** Where a step puts the deprecated operations the run called (the report's `deprecatedCalls`). */
  deprecatedCalls?: DeprecatedCall[];
  /** Where the run's `rampart.config.yaml` is looked up (drift levels and ignores). @default process.cwd() */
  cwd?: string;
  log(line: string): void;
}

/**
 * One step of a run. `enabled` decides from the options alone; `run` returning `null` leaves the step
 * out of the report (it does not apply to this target). A thrown error becomes the step's `error` (exit 2).
 */
export interface Step {
  id: string;
  title: string;
  enabled(options: StepOptions): boolean;
  run(ctx: StepContext): Promise<StepResult | null>;
}

/** Runs a step, turning a thrown error into a step error so the run still reports (and exits 2). */
export async function runGuarded(
  step: Pick<Step, 'id' | 'title' | 'run'>,
  ctx: StepContext,
): Promise<StepResult | null> {
  const started = performance.now();
  // How long the step took, for the summary's slowest step.
  const timed = (result: StepResult): StepResult => ({
    ...result,
    summary: { ...result.summary, durationMs: Math.round(performance.now() - started) },
  });
  try {
    const result = await step.run(ctx);
    return result && timed(result);
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    return timed({ id: step.id, title: step.title, cases: [], error: message });
  }
}

/** The whole-contract steps stand down when one interaction is rerun. */
export function wholeContract(options: StepOptions): boolean {
  return options.interaction === undefined || options.interaction === '';
}

/** The spec checks (pacts vs spec, responses vs spec) are on for this run. */
export function specChecksOn(options: StepOptions): boolean {
  return options.specChecks !== false && wholeContract(options);
}
