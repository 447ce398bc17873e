export { runBench, loadBenchSections, renderBenchResult, renderTable } from './run-bench';
export type { BenchOptions, BenchOutcome } from './run-bench';
export { BENCH_SECTIONS, registerBenchSection } from './sections';
export type { BenchCell, BenchCheck, BenchContext, BenchResult, BenchRow, BenchSection } from './sections';
export { driftBenchSection, DRIFT_TARGETS } from './drift-bench';
export { median, runChild } from './measure';
