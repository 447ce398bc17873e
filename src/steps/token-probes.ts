import { runTokenProbes } from '../probes';
import { ProgressPrinter } from '../report';
import { wholeContract, type Step } from './step';

/** The token edge-case probes (src/probes) as the run's first step; each probe printed as it is judged. */
export const tokenProbesStep: Step = {
  id: 'token-probes',
  title: 'Token probes',
  enabled: (options) => options.probes !== false && wholeContract(options),
  async run(ctx) {
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
      ...(ctx.options?.signal ? { signal: ctx.options.signal } : {}),
      // Their tokens' grants and revocations and their token-bearing GETs belong to the run's trail too.
      ...(ctx.audit ? { audit: ctx.audit } : {}),
    });
    // Stopped (interrupted, out of time): the run has reported this step already.
    if (ctx.options?.signal?.aborted) return { id: 'token-probes', title: 'Token probes', cases };
    const progress = new ProgressPrinter({ total: cases.length, noun: 'probe', write: (line) => ctx.log(line) });
    for (const c of cases) progress.record(c);
    return { id: 'token-probes', title: 'Token probes', cases };
  },
};
