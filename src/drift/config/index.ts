export { DEFAULT_CONFIG_FILE, EMPTY_DRIFT_CONFIG, loadDriftConfig } from './load-drift-config';
export type { DriftConfig, IgnoreRule, LoadDriftConfigOptions } from './load-drift-config';
export { applyIgnores } from './apply-ignores';
export type { ApplyIgnoresOptions } from './apply-ignores';
export { nearestId } from './nearest-id';
export { configuredDiff, type ConfiguredDiffOptions } from './configured-diff';
