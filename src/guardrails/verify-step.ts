import type { StepResult } from '../report/model';
import type { ExtraStep, StepContext } from '../verify';
import { loadRampPolicy, resolveStage, RAMP_POLICY_FILE } from './policy';
import { GUARDRAILS_STEP_ID, GUARDRAILS_STEP_TITLE, runGuardrails } from './run-guardrails';

/** Options of the verify step; each defaults to the run's config. */
export interface GuardrailsStepOptions {
  /** @default specs/ramp/ramp-policy.json */
  policyFile?: string;
  /** @default config.stage (RAMPART_STAGE), else the policy's first stage */
  stage?: string;
  /** Rehearse the next stage (policy-level checks; warnings only). @default true */
  rehearse?: boolean;
  /** @default config.rateLimitProbe (RAMPART_RATE_LIMIT_PROBE) */
  rateLimitProbe?: boolean;
}

/**
 * The guardrails as a step of `npm run verify`: `runVerify({ extraSteps: [guardrailsStep()] })`.
 * Reuses the run's target, token provider and audit trail; findings at error fail the run (exit 1).
 */
export function guardrailsStep(options: GuardrailsStepOptions = {}): ExtraStep {
  return {
    id: GUARDRAILS_STEP_ID,
    title: GUARDRAILS_STEP_TITLE,
    async run(ctx: StepContext): Promise<StepResult | null> {
      const policy = loadRampPolicy(options.policyFile ?? RAMP_POLICY_FILE);
      const stage = resolveStage(policy, options.stage ?? ctx.config.stage, options.stage ? 'stage' : 'RAMPART_STAGE');
      const run = await runGuardrails({
        policy,
        stage,
        target: ctx.target,
        tokenProvider: ctx.tokens.provider,
        clientSecretIssuedAt: ctx.config.clientSecretIssuedAt,
        previousClientSecret: ctx.config.previousClientSecret,
        rateLimitProbe: options.rateLimitProbe ?? ctx.config.rateLimitProbe,
        rehearse: options.rehearse ?? true,
        timeoutMs: ctx.config.http.timeoutMs,
        ...(ctx.audit ? { audit: ctx.audit } : {}),
        log: (line) => ctx.log(line),
      });
      if (run.comparison) for (const line of run.comparison.split('\n')) ctx.log(line);
      return run.step;
    },
  };
}
