/**
 * Consumer impact: ties drift findings to the pact interactions they touch, checks the pacts against
 * the published spec (bi-directional, no provider needed), and checks what the provider actually
 * sent against its own spec (through a recording proxy during verification).
 */
export { assessImpact, RAISE_WHEN_DEPENDED_ON, statusMatches } from './assess-impact';
export type { AffectedInteraction, ImpactedFinding, ImpactFields } from './assess-impact';
export { comparePactsToSpec, pactVsSpecStep, PACT_VS_SPEC_STEP_ID, PACT_VS_SPEC_SUITE } from './compare-pacts';
export type { PactSpecProblem } from './compare-pacts';
export { startRecordingProxy } from './recording-proxy';
export type { RecordedExchange, RecordingProxy, RecordingProxyOptions } from './recording-proxy';
export {
  providerSpecStep,
  validateExchanges,
  PROVIDER_RULES,
  PROVIDER_SPEC_STEP_ID,
  PROVIDER_SPEC_SUITE,
} from './validate-exchanges';
export { DEFAULT_SPEC_GAP_CONFIG, judgeGap, loadSpecGapConfig, SPEC_GAP_RULES } from './spec-gaps';
export type { SpecGapConfig, SpecGapIgnore, SpecGapRule } from './spec-gaps';
export { interactionLabel, LABEL_SEPARATOR } from './interaction-facts';
export type { PactInput } from './pact-input';
export type { SpecInput } from './spec-input';
