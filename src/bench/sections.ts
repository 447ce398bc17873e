/**
 * The bench is a list of sections, each measuring one thing and returning a table. `npm run bench`
 * runs them in order. To add one, push a `BenchSection` onto `BENCH_SECTIONS` (or export
 * `verifyBenchSection` from `src/bench/verify-bench.ts`, which the bench picks up when present).
 */

export type BenchCell = string | number;
export type BenchRow = Record<string, BenchCell>;

/** A target the section checks, shown as PASS or FAIL. */
export interface BenchCheck {
  /** What is compared, e.g. `drift command < 4× parse (GitHub pair)`. */
  name: string;
  /** The measured value, formatted, e.g. `2.9×`. */
  actual: string;
  pass: boolean;
}

export interface BenchResult {
  title: string;
  rows: BenchRow[];
  checks?: BenchCheck[];
  /** Lines printed under the table (how something was measured, what was skipped). */
  notes?: string[];
}

export interface BenchContext {
  /** Runs per measurement; the median is reported. */
  runs: number;
  /** The repository root (where `node_modules` and `scripts` are). */
  rootDir: string;
  /** A scratch directory, removed when the bench ends. */
  tempDir: string;
  /** Progress lines (stderr). */
  log(line: string): void;
}

export interface BenchSection {
  /** Short id for `--only`, e.g. `drift`. */
  id: string;
  title: string;
  run(context: BenchContext): Promise<BenchResult>;
}

/** Every section `npm run bench` runs, in order. */
export const BENCH_SECTIONS: BenchSection[] = [];

export function registerBenchSection(section: BenchSection): void {
  if (BENCH_SECTIONS.some((s) => s.id === section.id))
    throw new Error(`bench section ${section.id} is registered twice`);
  BENCH_SECTIONS.push(section);
}
