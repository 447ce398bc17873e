import type { AuditTrail } from '../audit';
import type { RampartConfig } from '../config';
import type { StepResult } from '../report/model';
import type { RunTokens } from './run-tokens';
import type { VerifyTarget } from './target';

/** What an extra step of the run (drift, guardrails, ...) is given. */
export interface StepContext {
  config: RampartConfig;
  target: VerifyTarget;
  /** The run's tokens; `tokens.provider` gives the standard token provider. */
  tokens: RunTokens;
  audit: AuditTrail | undefined;
  log(line: string): void;
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
  try {
    return await body();
  } catch (error) {
    return { id, title, cases: [], error: error instanceof Error ? error.message : String(error) };
  }
}
