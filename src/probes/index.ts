export { runTokenProbes, TOKEN_PROBES, TOKEN_PROBES_SUITE } from './token-probes';
export type {
  ProbeClock,
  ProbeContext,
  ProbeExpectation,
  ProbeObservation,
  ProbeOptions,
  TokenProbe,
} from './token-probes';
