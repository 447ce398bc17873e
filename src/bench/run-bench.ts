import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { UsageError } from '../errors';
import { driftBenchSection } from './drift-bench';
import type { BenchResult, BenchRow, BenchSection } from './sections';
import { BENCH_SECTIONS, registerBenchSection } from './sections';

export interface BenchOptions {
  /** Runs per measurement; the median is reported. @default 3 */
  runs?: number;
  /** Only these section ids. @default every section */
  only?: readonly string[];
  /** @default process.cwd() */
  rootDir?: string;
  /** Where the tables go. @default process.stdout */
  out?: (text: string) => void;
  /** Progress lines. @default process.stderr */
  log?: (line: string) => void;
}

export interface BenchOutcome {
  results: BenchResult[];
  /** Every check of every section passed. */
  passed: boolean;
}

/** Registers the built-in sections and the optional ones other modules provide, once. */
export function loadBenchSections(): readonly BenchSection[] {
  if (!BENCH_SECTIONS.some((s) => s.id === driftBenchSection.id)) registerBenchSection(driftBenchSection);
  if (!BENCH_SECTIONS.some((s) => s.id === 'verify') && existsSync(join(__dirname, 'verify-bench.ts'))) {
    // Written by the verifier's owner; picked up when present so neither file has to know the other's release.
    // eslint-disable-next-line @typescript-eslint/no-require-imports -- optional module, present only in some releases
    const module = require('./verify-bench') as { verifyBenchSection?: () => Promise<BenchResult> };
    const verifyBenchSection = module.verifyBenchSection;
    if (typeof verifyBenchSection === 'function') {
      registerBenchSection({ id: 'verify', title: 'Verification', run: () => verifyBenchSection() });
    }
  }
  return BENCH_SECTIONS;
}

/** `npm run bench`: runs every section and prints its table, checks and notes. */
export async function runBench(options: BenchOptions = {}): Promise<BenchOutcome> {
  const runs = options.runs ?? 3;
  if (!Number.isInteger(runs) || runs < 1 || runs > 50)
    throw new UsageError(`--runs must be a whole number from 1 to 50 (got ${runs})`);
  const out = options.out ?? ((text: string) => process.stdout.write(text));
  const log = options.log ?? ((line: string) => process.stderr.write(`${line}\n`));
  const sections = loadBenchSections();
  const unknown = (options.only ?? []).filter((id) => !sections.some((s) => s.id === id));
  if (unknown.length > 0)
    throw new UsageError(`unknown bench section ${unknown.join(', ')}; known: ${sections.map((s) => s.id).join(', ')}`);
  const selected = options.only?.length ? sections.filter((s) => options.only?.includes(s.id)) : sections;

  const tempDir = mkdtempSync(join(tmpdir(), 'rampart-bench-'));
  const results: BenchResult[] = [];
  try {
    for (const section of selected) {
      log(`bench: ${section.title}`);
      const result = await section.run({
        runs,
        rootDir: resolve(options.rootDir ?? process.cwd()),
        tempDir,
        log: (line) => log(`  ${line}`),
      });
      results.push(result);
      out(renderBenchResult(result));
    }
  } finally {
    rmSync(tempDir, { recursive: true, force: true });
  }
  return { results, passed: results.every((r) => (r.checks ?? []).every((c) => c.pass)) };
}

/** A section's table as aligned plain text, then its checks and notes. */
export function renderBenchResult(result: BenchResult): string {
  const lines = [`\n## ${result.title}\n`, ...renderTable(result.rows)];
  if (result.checks?.length) {
    lines.push('');
    for (const check of result.checks) lines.push(`${check.pass ? 'PASS' : 'FAIL'}  ${check.name}: ${check.actual}`);
  }
  if (result.notes?.length) {
    lines.push('');
    for (const note of result.notes) lines.push(`note: ${note}`);
  }
  return `${lines.join('\n')}\n`;
}

export function renderTable(rows: readonly BenchRow[]): string[] {
  if (rows.length === 0) return ['(no rows)'];
  const columns = [...new Set(rows.flatMap((row) => Object.keys(row)))];
  const cell = (row: BenchRow, column: string) => String(row[column] ?? '');
  const widths = columns.map((column) => Math.max(column.length, ...rows.map((row) => cell(row, column).length)));
  const line = (cells: string[]) => `| ${cells.map((c, i) => c.padEnd(widths[i] ?? 0)).join(' | ')} |`;
  return [
    line(columns),
    `|${widths.map((w) => '-'.repeat(w + 2)).join('|')}|`,
    ...rows.map((row) => line(columns.map((c) => cell(row, c)))),
  ];
}
