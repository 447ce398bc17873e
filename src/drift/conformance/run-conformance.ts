import { ExitCode } from '../../errors';
import { defaultCorpusDirectory, emptyScore, scoreCorpus, type CategoryScore } from './score-corpus';

export interface ConformanceOptions {
  /** The corpus folder (`--corpus`). @default ../shared/conformance/openapi-diff beside the repository */
  corpus?: string;
  print(line: string): void;
}

/** Share of oasdiff's breaking expectations the engine must report as errors on the same operation. */
export const MIN_BREAKING_SHARE = 0.9;

/**
 * `npm run conformance`: scores the drift engine on the oasdiff corpus and prints one row per category.
 * Exit 0 when the targets hold (no crash, every no-change case clean, at least 90% of the breaking
 * expectations found), 1 when one is missed, 2 (UsageError) when there is no corpus.
 */
export async function runConformance(options: ConformanceOptions): Promise<ExitCode> {
  const dir = options.corpus ?? defaultCorpusDirectory();
  const { categories, cases } = await scoreCorpus(dir);
  const total = sum(categories);
  for (const line of renderTable([...categories, total])) options.print(line);

  const crashes = cases.filter((c) => c.crashed !== undefined);
  for (const c of crashes) options.print(`crashed: ${c.name}: ${c.crashed ?? ''}`);
  for (const c of cases) {
    for (const f of c.falsePositives)
      options.print(`not clean: ${c.name}: ${f.level} ${f.id} ${f.operation ?? ''}`.trimEnd());
  }
  const share = total.errorExpected === 0 ? 0 : total.errorFound / total.errorExpected;
  const held = crashes.length === 0 && total.noChangeClean === total.noChangeCases && share >= MIN_BREAKING_SHARE;
  options.print(
    `${held ? 'conformance OK' : 'conformance BELOW TARGET'}: ${total.errorFound}/${total.errorExpected} breaking found ` +
      `(target ${Math.round(MIN_BREAKING_SHARE * 100)}%), ${total.noChangeClean}/${total.noChangeCases} no-change clean, ${crashes.length} crashed`,
  );
  return held ? ExitCode.Ok : ExitCode.ContractBroken;
}

function sum(categories: readonly CategoryScore[]): CategoryScore {
  const total = emptyScore('TOTAL');
  for (const c of categories) {
    total.cases += c.cases;
    total.errorExpected += c.errorExpected;
    total.errorFound += c.errorFound;
    total.errorIdMatched += c.errorIdMatched;
    total.noChangeCases += c.noChangeCases;
    total.noChangeClean += c.noChangeClean;
    total.crashed += c.crashed;
  }
  return total;
}

function renderTable(rows: readonly CategoryScore[]): string[] {
  const header = ['category', 'cases', 'breaking found', 'same id', 'no-change clean', 'crashed'];
  const body = rows.map((r) => [
    r.category,
    String(r.cases),
    `${r.errorFound}/${r.errorExpected}`,
    `${r.errorIdMatched}/${r.errorExpected}`,
    `${r.noChangeClean}/${r.noChangeCases}`,
    String(r.crashed),
  ]);
  const widths = header.map((h, i) => Math.max(h.length, ...body.map((b) => (b[i] ?? '').length)));
  const line = (cells: readonly string[]): string =>
    cells.map((c, i) => (i === 0 ? c.padEnd(widths[i] ?? 0) : c.padStart(widths[i] ?? 0))).join('  ');
  return [line(header), widths.map((w) => '-'.repeat(w)).join('  '), ...body.map(line)];
}
