import { driftVerifyStep } from './drift';
import { guardrailsStep } from './guardrails';
import { pactVerificationStep } from './pact-verification';
import { pactsVsSpecStep } from './pacts-vs-spec';
import { responsesVsSpecStep } from './responses-vs-spec';
import type { Step } from './step';
import { tokenProbesStep } from './token-probes';

/** The steps of `npm run verify`, in run order (report order). */
export const VERIFY_STEPS: readonly Step[] = [
  tokenProbesStep,
  pactsVsSpecStep,
  pactVerificationStep,
  responsesVsSpecStep,
  driftVerifyStep,
  guardrailsStep(),
];

export { BASELINE_SPEC, driftVerifyStep } from './drift';
export { guardrailsStep } from './guardrails';
export type { GuardrailsStepOptions } from './guardrails';
export { CONSUMER_VERSION_SELECTORS } from './pact-broker';
export { pactVerificationStep } from './pact-verification';
export { pactsVsSpecStep } from './pacts-vs-spec';
export { specOf } from './published-spec';
export { ReplayRecorder } from './replay';
export { responsesVsSpecStep } from './responses-vs-spec';
export { runGuarded, specChecksOn, wholeContract } from './step';
export type { Step, StepContext, StepOptions } from './step';
export { tokenProbesStep } from './token-probes';
