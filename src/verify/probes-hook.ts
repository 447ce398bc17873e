import { runTokenProbes } from '../probes';
import type { StepResult } from '../report/model';
import type { StepContext } from './steps';

/** The token edge-case probes (src/probes) as the run's first step. */
export async function probesStep(ctx: StepContext): Promise<StepResult> {
  const cases = await runTokenProbes({
    baseUrl: ctx.target.baseUrl,
    tokenUrl: ctx.target.tokenUrl,
    clientId: ctx.target.clientId,
    clientSecret: ctx.target.clientSecret,
    scopes: ctx.target.scopes,
    tokenProvider: ctx.tokens.provider,
    timeoutMs: ctx.config.http.timeoutMs,
    retry: { maxAttempts: ctx.config.http.maxAttempts, maxRetryTimeMs: ctx.config.http.maxRetryTimeMs },
    ...(ctx.target.expiryClient ? { expiryClient: ctx.target.expiryClient } : {}),
  });
  return { id: 'token-probes', title: 'Token probes', cases };
}
