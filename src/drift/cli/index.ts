export { DEFAULT_BASELINE, runDrift } from './run-drift';
export { parseDriftArgs } from './drift-command';
export type { DriftCommandOptions, DriftRunResult, SpecRevision } from './run-drift';
export { canonicalJson } from './canonical-json';
export { DEFAULT_PACT_DIR, loadPacts } from './load-pacts';
export type { LoadedPacts } from './load-pacts';
