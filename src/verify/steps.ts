import type { AuditTrail } from '../audit';
import type { RampartConfig } from '../config';
import type { LoadedSpec } from '../drift';
import type { StepResult } from '../report/model';
import type { LoadedPact } from './pact-files';
import { publishedSpecLoader } from './published-spec';
import type { RunTokens } from './run-tokens';
import type { VerifyTarget } from './target';

/** What an extra step of the run (drift, guardrails, ...) is given. */
export interface StepContext {
  config: RampartConfig;
  target: VerifyTarget;
  /** The run's tokens; `tokens.provider` gives the standard token provider. */
  tokens: RunTokens;
  audit: AuditTrail | undefined;
  /**
   * The run's pacts as loaded from `pacts/` or `--pact`; empty when they come from a Pact Broker.
   * Optional so a step can be run on its own (tests); `runVerify` always sets it.
   */
  pacts?: readonly LoadedPact[];
  /**
   * The target's published OpenAPI document, fetched once per run and shared by every step that reads
   * it; `null` when the target has no spec URL. Rejects when it cannot be fetched. Optional like
   * `pacts`: `specOf(ctx)` fetches it when absent.
   */
  publishedSpec?(): Promise<LoadedSpec | null>;
  /** Where the run's `rampart.config.yaml` is looked up (drift levels and ignores). @default process.cwd() */
  cwd?: string;
  log(line: string): void;
}

/** The run's shared published spec, or (a step run on its own) a fetch of it. */
export function specOf(ctx: StepContext): Promise<LoadedSpec | null> {
  return ctx.publishedSpec ? ctx.publishedSpec() : publishedSpecLoader(ctx.target, ctx.tokens, ctx.config.http.timeoutMs)();
}

/**
 * A step added to the run after the built-in ones. Returning `null` leaves it out of the report
 * (e.g. a step that does not apply to this target). A thrown error becomes the step's `error` (exit 2).
 */
export interface ExtraStep {
  id: string;
  title: string;
  run(ctx: StepContext): Promise<StepResult | null>;
}

/** Runs a step, turning a thrown error into a step error so the run still reports (and exits 2). */
export async function runGuarded(id: string, title: string, body: () => Promise<StepResult | null>): Promise<StepResult | null> {
  const started = performance.now();
  // How long the step took, for the summary's slowest step.
  const timed = (step: StepResult): StepResult => ({ ...step, summary: { ...step.summary, durationMs: Math.round(performance.now() - started) } });
  try {
    const step = await body();
    return step && timed(step);
  } catch (error) {
    return timed({ id, title, cases: [], error: error instanceof Error ? error.message : String(error) });
  }
}
