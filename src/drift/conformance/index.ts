export { runConformance, MIN_BREAKING_SHARE } from './run-conformance';
export type { ConformanceOptions } from './run-conformance';
export { defaultCorpusDirectory, scoreCorpus } from './score-corpus';
export type { CaseOutcome, CategoryScore } from './score-corpus';
