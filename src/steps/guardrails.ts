import { loadRampPolicy, resolveStage, type RampPolicy } from '../guardrails/policy';
import {
  GUARDRAILS_STEP_ID,
  GUARDRAILS_STEP_TITLE,
  runGuardrails,
  type GuardrailsRunOptions,
  type GuardrailsTarget,
} from '../guardrails/run-guardrails';
import { ConfigError } from '../errors';
import { providerEnv } from '../providers';
import { specOf } from './published-spec';
import { wholeContract, type Step } from './step';

/** Options of the guardrails step; each defaults to the run's config. */
export interface GuardrailsStepOptions {
  /** The ramp policy, when the caller has read it already. @default read from specs/ramp/ramp-policy.json */
  policy?: RampPolicy;
  /** @default config.stage (RAMPART_STAGE), else the policy's first stage */
  stage?: string;
  /** Where a given `stage` came from, for the message naming an unknown one. @default 'stage' */
  stageSource?: string;
  /** Rehearse the next stage (policy-level checks; warnings only). @default true */
  rehearse?: boolean;
  /** @default config.rateLimitProbe (RAMPART_RATE_LIMIT_PROBE) */
  rateLimitProbe?: boolean;
  /** Sandbox only: a target serving the next stage, so the rehearsal can probe its rate limit too. */
  nextStageTarget?: GuardrailsTarget;
  pactCalls?: GuardrailsRunOptions['pactCalls'];
  sweep?: GuardrailsRunOptions['sweep'];
  burst?: GuardrailsRunOptions['burst'];
  /** The clock of the checks and of the burst's Retry-After wait (tests pass a manual one). @default the wall clock */
  clock?: { now(): number; sleep(ms: number): Promise<void> };
  /** Receives the step-up comparison table. @default each line to the run's log */
  onComparison?(comparison: string): void;
}

/**
 * The guardrails as a step: the run's target, token provider and audit trail; findings at error fail
 * the run (exit 1). `npm run verify` runs it with the defaults, `npm run guardrails` with its flags.
 */
export function guardrailsStep(options: GuardrailsStepOptions = {}): Step {
  return {
    id: GUARDRAILS_STEP_ID,
    title: GUARDRAILS_STEP_TITLE,
    enabled: (run) => run.guardrails !== false && wholeContract(run),
    async run(ctx) {
      const policy = options.policy ?? loadRampPolicy();
      const source = options.stage ? (options.stageSource ?? 'stage') : 'RAMPART_STAGE';
      const stage = resolveStage(policy, options.stage ?? ctx.config.stage, source);
      const spec = await specOf(ctx);
      if (spec === null) {
        const variable = providerEnv('SPEC_URL');
        throw new ConfigError(`the guardrails need the published OpenAPI document: set ${variable}`, { variable });
      }
      const run = await runGuardrails({
        policy,
        stage,
        target: ctx.target,
        spec,
        tokenProvider: ctx.tokens.provider,
        clientSecretIssuedAt: ctx.config.clientSecretIssuedAt,
        previousClientSecret: ctx.config.previousClientSecret,
        rateLimitProbe: options.rateLimitProbe ?? ctx.config.rateLimitProbe,
        rehearse: options.rehearse ?? true,
        ...(options.nextStageTarget ? { nextStageTarget: options.nextStageTarget } : {}),
        ...(options.pactCalls ? { pactCalls: options.pactCalls } : {}),
        ...(options.sweep ? { sweep: options.sweep } : {}),
        ...(options.burst ? { burst: options.burst } : {}),
        ...(options.clock ? { now: () => options.clock!.now(), sleep: (ms: number) => options.clock!.sleep(ms) } : {}),
        timeoutMs: ctx.config.http.timeoutMs,
        ...(ctx.audit ? { audit: ctx.audit } : {}),
        log: (line) => ctx.log(line),
        ...(ctx.options?.signal ? { signal: ctx.options.signal } : {}),
      });
      if (run.comparison) {
        if (options.onComparison) options.onComparison(run.comparison);
        else for (const line of run.comparison.split('\n')) ctx.log(line);
      }
      return { id: GUARDRAILS_STEP_ID, title: GUARDRAILS_STEP_TITLE, cases: run.cases, summary: run.summary };
    },
  };
}
