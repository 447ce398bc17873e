import type { CaseResult, StepResult } from '../report/model';
import type { StepContext } from './steps';

type RunTokenProbes = (options: Record<string, unknown>) => Promise<CaseResult[]>;

function loadProbes(): RunTokenProbes | null {
  try {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const probes = require('../probes') as { runTokenProbes?: RunTokenProbes };
    return typeof probes.runTokenProbes === 'function' ? probes.runTokenProbes : null;
  } catch {
    return null;
  }
}

/** The token edge-case probes (src/probes) as the run's first step. */
export async function probesStep(ctx: StepContext): Promise<StepResult | null> {
  const runTokenProbes = loadProbes();
  if (runTokenProbes === null) {
    ctx.log('token probes skipped: src/probes is not there yet (hook: src/verify/probes-hook.ts)');
    return null;
  }
  const cases = await runTokenProbes({
    baseUrl: ctx.target.baseUrl,
    tokenUrl: ctx.target.tokenUrl,
    clientId: ctx.target.clientId,
    clientSecret: ctx.target.clientSecret,
    scopes: ctx.target.scopes,
    tokenProvider: ctx.tokens.provider,
  });
  return { id: 'token-probes', title: 'Token probes', cases };
}
