import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { StepResult } from '../report/model';
import type { ExtraStep, StepContext } from './steps';

/** The committed baseline the target's published document is compared with. */
export const BASELINE_SPEC = join(__dirname, '..', '..', 'specs', 'ramp', 'openapi.json');

/** The slice of src/drift the step needs; looked up at run time so verify works before drift lands. */
interface DriftEngine {
  loadSpec(source: string, options?: { headers?: Record<string, string>; timeoutMs?: number }): Promise<unknown>;
  diffSpecs(base: unknown, revision: unknown): unknown[] | Promise<unknown[]>;
  driftStep(findings: readonly unknown[], failOn: 'error'): StepResult;
}

function loadDriftEngine(): DriftEngine | null {
  try {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const drift = require('../drift') as Partial<DriftEngine>;
    if (typeof drift.loadSpec === 'function' && typeof drift.diffSpecs === 'function' && typeof drift.driftStep === 'function') {
      return drift as DriftEngine;
    }
  } catch {
    // not there yet
  }
  return null;
}

/**
 * HOOK — the drift step of verify: fetch the target's published OpenAPI document and diff it against
 * `specs/ramp/openapi.json`; findings at level `error` fail the run. Skipped (with a line saying so)
 * while src/drift does not export `loadSpec`, `diffSpecs` and `driftStep`.
 */
export const driftExtraStep: ExtraStep = {
  id: 'drift',
  title: 'Spec drift',
  async run(ctx: StepContext): Promise<StepResult | null> {
    const engine = loadDriftEngine();
    if (engine === null) {
      ctx.log('drift step skipped: src/drift does not export loadSpec/diffSpecs/driftStep yet (hook: src/verify/drift-hook.ts)');
      return null;
    }
    if (ctx.target.specUrl === null) {
      ctx.log('drift step skipped: no published spec URL for this target (RAMP_SPEC_URL)');
      return null;
    }
    if (!existsSync(BASELINE_SPEC)) {
      throw new Error(`no baseline at specs/ramp/openapi.json (create it with npm run drift -- --update-baseline)`);
    }
    const headers = ctx.target.specUrlNeedsToken ? { authorization: `Bearer ${(await ctx.tokens.provider.getToken()).value}` } : undefined;
    const [base, revision] = await Promise.all([
      engine.loadSpec(BASELINE_SPEC),
      engine.loadSpec(ctx.target.specUrl, { ...(headers ? { headers } : {}), timeoutMs: ctx.config.http.timeoutMs }),
    ]);
    const step = engine.driftStep(await engine.diffSpecs(base, revision), 'error');
    return { ...step, summary: { ...step.summary, base: 'specs/ramp/openapi.json', revision: ctx.target.specUrl } };
  },
};
