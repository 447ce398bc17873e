/** Ramp guardrails: the ramp policy and the checks that prove its guardrails hold at every capacity stage. */
export {
  loadRampPolicy,
  parseRampPolicy,
  resolveStage,
  nextStage,
  stageAllowsOperation,
  stageRateLimit,
  stageRateLimits,
  DEFAULT_POLICY_FILE,
} from './policy';
export type { RampPolicy, RampStage } from './policy';
export { GUARDRAILS_SUITE, guardrailCase } from './cases';
export type { GuardrailCheck, GuardrailFinding } from './cases';
export { specOperations, matchOperation, PLACEHOLDER_ID } from './spec-operations';
export type { SpecOperation } from './spec-operations';
export { readPactCalls } from './pact-calls';
export type { PactCall } from './pact-calls';
export { runAuthSweep, SWEEP_LIMITS } from './auth-sweep';
export type { AuthSweepOptions, AuthSweepResult } from './auth-sweep';
export { checkLeastPrivilege, neededScopes } from './least-privilege';
export type { LeastPrivilegeInput } from './least-privilege';
export { runRateLimitProbe, BURST_LIMITS, RATE_LIMIT_TOLERANCE } from './rate-limit-probe';
export type { RateLimitProbeOptions, RateLimitProbeResult } from './rate-limit-probe';
export { checkKeyAge, checkKeyRotation, KEY_AGE_WARNING_DAYS } from './key-rotation';
export type { KeyRotationOptions } from './key-rotation';
export { rehearsalCases, renderStageComparison } from './rehearsal';
export { runGuardrails, pickProbeOperation, GUARDRAILS_STEP_ID, GUARDRAILS_STEP_TITLE } from './run-guardrails';
export type { GuardrailsRun, GuardrailsRunOptions, GuardrailsTarget } from './run-guardrails';
