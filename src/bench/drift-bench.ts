import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { diffSpecs, loadSpec } from '../drift';
import type { ChildRun } from './measure';
import { formatMb, formatMs, formatRatio, median, repeat, runChild, timeSync } from './measure';
import type { BenchCheck, BenchContext, BenchResult, BenchRow, BenchSection } from './sections';

/** Targets of issue 5 "Performance", checked on the GitHub pair. */
export const DRIFT_TARGETS = {
  /** The whole drift command takes less than this many times the parse floor. */
  maxDriftToParse: 4,
  maxDriftRssBytes: 400 * 1024 * 1024,
  /** redocly diff takes at least this many times as long as the drift command. */
  minRedoclyToDrift: 4,
} as const;

export interface SpecPair {
  id: string;
  label: string;
  base: string;
  revision: string;
  /** Whether the performance targets apply to this pair. */
  checked: boolean;
}

interface PairFigures {
  parseChild: ChildFigures | null;
  parseInProcessMs: number;
  driftChild: ChildFigures | null;
  loadInProcessMs: number | null;
  diffInProcessMs: number | null;
  findings: number | null;
  redocly: ChildFigures | null;
}

interface ChildFigures {
  wallMs: number;
  maxRssBytes: number | null;
}

const PARSE_SCRIPT =
  "const fs = require('fs'); for (const f of process.argv.slice(1)) JSON.parse(fs.readFileSync(f, 'utf8'));";

/** The GitHub REST description, 18.2.0 vs 22.0.0 (about 11 MB each), and the sandbox's two revisions. */
export function benchPairs(context: BenchContext): SpecPair[] {
  const github = (version: string) =>
    join(context.rootDir, `node_modules/octokit-openapi-${version}/generated/api.github.com.json`);
  return [
    { id: 'github', label: 'GitHub 18.2.0 → 22.0.0', base: github('18'), revision: github('22'), checked: true },
    { id: 'sandbox', label: 'sandbox baseline → next', ...writeSandboxPair(context), checked: false },
  ];
}

function writeSandboxPair(context: BenchContext): { base: string; revision: string } {
  // Lazy: only the bench needs the sandbox's documents as files.
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- lazy: only the bench needs the sandbox
  const { sandboxSpec } = require('../providers/sandbox') as typeof import('../providers/sandbox');
  const base = join(context.tempDir, 'sandbox-baseline.json');
  const revision = join(context.tempDir, 'sandbox-next.json');
  writeFileSync(base, JSON.stringify(sandboxSpec('baseline')));
  writeFileSync(revision, JSON.stringify(sandboxSpec('next')));
  return { base, revision };
}

export const driftBenchSection: BenchSection = {
  id: 'drift',
  title: 'Spec drift: rampart vs parse floor vs redocly diff',
  async run(context) {
    const notes: string[] = [];
    const pairs = benchPairs(context).filter((pair) => {
      const present = existsSync(pair.base) && existsSync(pair.revision);
      if (!present) notes.push(`${pair.label}: skipped, ${pair.base} or ${pair.revision} is missing`);
      return present;
    });
    const figures = new Map<string, PairFigures>();
    for (const pair of pairs) figures.set(pair.id, await measurePair(pair, context, notes));
    return tabulate(pairs, figures, context, notes);
  },
};

async function measurePair(pair: SpecPair, context: BenchContext, notes: string[]): Promise<PairFigures> {
  const { runs, rootDir, tempDir } = context;
  const attempt = async (what: string, fn: () => Promise<ChildFigures>): Promise<ChildFigures | null> => {
    try {
      return await fn();
    } catch (error) {
      notes.push(`${pair.label}: ${what} failed: ${(error as Error).message.split('\n')[0]}`);
      return null;
    }
  };
  const children = async (command: Parameters<typeof runChild>[0]) =>
    summarizeRuns(await repeat(runs, () => runChild(command, tempDir)));

  context.log(`${pair.label}: parse (process)`);
  const parseChild = await attempt('parse', () =>
    children({ command: process.execPath, args: ['-e', PARSE_SCRIPT, pair.base, pair.revision], cwd: rootDir }),
  );

  context.log(`${pair.label}: parse (in process)`);
  const parseSamples = await repeat(runs, () =>
    Promise.resolve(
      timeSync(() => [pair.base, pair.revision].map((f) => JSON.parse(readFileSync(f, 'utf8')) as unknown)).ms,
    ),
  );

  context.log(`${pair.label}: rampart drift (process)`);
  const driftChild = await attempt('rampart drift', () =>
    children({
      // Exactly what `npm run drift` runs.
      command: process.execPath,
      args: [
        '--require',
        'tsx/cjs',
        'scripts/drift.ts',
        '--base',
        pair.base,
        '--revision',
        pair.revision,
        '--format',
        'json',
        '--out',
        '/dev/null',
      ],
      cwd: rootDir,
      // 1 is "drift reaches --fail-on": a normal outcome here.
      okExitCodes: [0, 1],
    }),
  );

  context.log(`${pair.label}: rampart drift (in process)`);
  let loadInProcessMs: number | null = null;
  let diffInProcessMs: number | null = null;
  let findings: number | null = null;
  try {
    const samples = await repeat(runs, async () => {
      const loadStart = process.hrtime.bigint();
      const [base, revision] = await Promise.all([loadSpec(pair.base), loadSpec(pair.revision)]);
      const loadMs = Number(process.hrtime.bigint() - loadStart) / 1e6;
      const diff = timeSync(() => diffSpecs(base, revision));
      return { loadMs, diffMs: diff.ms, findings: diff.value.length };
    });
    loadInProcessMs = median(samples.map((s) => s.loadMs));
    diffInProcessMs = median(samples.map((s) => s.diffMs));
    findings = samples[0]?.findings ?? null;
  } catch (error) {
    notes.push(`${pair.label}: in-process drift failed: ${(error as Error).message.split('\n')[0]}`);
  }

  context.log(`${pair.label}: redocly diff (process)`);
  const redocly = await attempt('redocly diff', () =>
    children({
      command: join(rootDir, 'node_modules/.bin/redocly'),
      args: ['diff', pair.base, pair.revision, '--format', 'json', '-o', join(tempDir, `redocly-${pair.id}.json`)],
      cwd: rootDir,
      env: { REDOCLY_TELEMETRY: 'off', REDOCLY_SUPPRESS_UPDATE_NOTICE: 'true' },
      okExitCodes: [0, 1],
    }),
  );

  return {
    parseChild,
    parseInProcessMs: median(parseSamples),
    driftChild,
    loadInProcessMs,
    diffInProcessMs,
    findings,
    redocly,
  };
}

function summarizeRuns(samples: readonly ChildRun[]): ChildFigures {
  const rss = samples.map((s) => s.maxRssBytes).filter((v): v is number => v !== null);
  return { wallMs: median(samples.map((s) => s.wallMs)), maxRssBytes: rss.length > 0 ? median(rss) : null };
}

function tabulate(
  pairs: readonly SpecPair[],
  figures: Map<string, PairFigures>,
  context: BenchContext,
  notes: string[],
): BenchResult {
  const metrics: Array<[string, (f: PairFigures) => string]> = [
    ['parse both files (process)', (f) => (f.parseChild ? formatMs(f.parseChild.wallMs) : 'n/a')],
    ['parse both files (in process)', (f) => formatMs(f.parseInProcessMs)],
    ['rampart drift command (npm run drift)', (f) => (f.driftChild ? formatMs(f.driftChild.wallMs) : 'n/a')],
    ['rampart load both (in process)', (f) => (f.loadInProcessMs === null ? 'n/a' : formatMs(f.loadInProcessMs))],
    ['rampart diff (in process)', (f) => (f.diffInProcessMs === null ? 'n/a' : formatMs(f.diffInProcessMs))],
    ['redocly diff (process)', (f) => (f.redocly ? formatMs(f.redocly.wallMs) : 'n/a')],
    ['drift / parse (processes)', (f) => formatRatio(driftToParse(f))],
    [
      'drift in process / parse in process',
      (f) => formatRatio(((f.loadInProcessMs ?? NaN) + (f.diffInProcessMs ?? NaN)) / f.parseInProcessMs),
    ],
    ['redocly / drift (processes)', (f) => formatRatio(redoclyToDrift(f))],
    ['peak RSS: parse', (f) => formatMb(f.parseChild?.maxRssBytes ?? null)],
    ['peak RSS: rampart drift', (f) => formatMb(f.driftChild?.maxRssBytes ?? null)],
    ['peak RSS: redocly diff', (f) => formatMb(f.redocly?.maxRssBytes ?? null)],
    ['rampart findings', (f) => (f.findings === null ? 'n/a' : String(f.findings))],
  ];
  const rows: BenchRow[] = metrics.map(([metric, value]) => {
    const row: BenchRow = { metric };
    for (const pair of pairs) {
      const f = figures.get(pair.id);
      row[pair.label] = f ? value(f) : 'n/a';
    }
    return row;
  });

  const checks: BenchCheck[] = [];
  for (const pair of pairs.filter((p) => p.checked)) {
    const f = figures.get(pair.id);
    if (!f) continue;
    const ratio = driftToParse(f);
    checks.push({
      name: `${pair.label}: drift command < ${DRIFT_TARGETS.maxDriftToParse}× parse`,
      actual: formatRatio(ratio),
      pass: ratio < DRIFT_TARGETS.maxDriftToParse,
    });
    const rss = f.driftChild?.maxRssBytes ?? null;
    checks.push({
      name: `${pair.label}: drift peak RSS < ${formatMb(DRIFT_TARGETS.maxDriftRssBytes)}`,
      actual: formatMb(rss),
      pass: rss !== null && rss < DRIFT_TARGETS.maxDriftRssBytes,
    });
    const speedup = redoclyToDrift(f);
    checks.push({
      name: `${pair.label}: ≥ ${DRIFT_TARGETS.minRedoclyToDrift}× faster than redocly diff`,
      actual: formatRatio(speedup),
      pass: speedup >= DRIFT_TARGETS.minRedoclyToDrift,
    });
  }

  notes.push(
    `median of ${context.runs} run${context.runs === 1 ? '' : 's'}; processes timed wall-clock from spawn to exit, peak RSS ${existsSync('/usr/bin/time') ? 'from /usr/bin/time -v' : 'reported by each node process'}`,
    'the drift command is `node --require tsx/cjs scripts/drift.ts` (what `npm run drift` runs: TypeScript compiled on the fly, cached), so its time includes that startup; the in-process rows show the engine alone',
  );
  return { title: driftBenchSection.title, rows, checks, notes };
}

function driftToParse(f: PairFigures): number {
  return f.driftChild && f.parseChild ? f.driftChild.wallMs / f.parseChild.wallMs : Number.NaN;
}

function redoclyToDrift(f: PairFigures): number {
  return f.driftChild && f.redocly ? f.redocly.wallMs / f.driftChild.wallMs : Number.NaN;
}
