/**
 * Runs the engine on every case of the oasdiff conformance corpus (read from ../shared at test time,
 * never copied) and holds it to the targets: at least 90% of oasdiff's breaking (error) expectations
 * reported as errors on the same operation, every no-change case clean, no crash.
 */
import { scoreCorpus, type CategoryScore } from './conformance-corpus';

describe('oasdiff conformance corpus', () => {
  let categories: CategoryScore[];
  let crashes: string[];

  beforeAll(async () => {
    const result = await scoreCorpus();
    categories = result.categories;
    crashes = result.cases.filter((c) => c.crashed).map((c) => `${c.name}: ${c.crashed}`);
    const pct = (a: number, b: number): string => (b === 0 ? '-' : `${Math.round((100 * a) / b)}%`);
    const rows = categories.map((c) => ({
      category: c.category,
      cases: c.cases,
      'breaking found': `${c.errorFound}/${c.errorExpected}`,
      'same id': `${c.errorIdMatched}/${c.errorExpected}`,
      'no-change clean': `${c.noChangeClean}/${c.noChangeCases}`,
      crashed: c.crashed,
    }));
    const total = categories.reduce(
      (t, c) => ({ e: t.e + c.errorExpected, f: t.f + c.errorFound, i: t.i + c.errorIdMatched, n: t.n + c.noChangeCases, k: t.k + c.noChangeClean }),
      { e: 0, f: 0, i: 0, n: 0, k: 0 },
    );
    rows.push({ category: 'TOTAL', cases: categories.reduce((s, c) => s + c.cases, 0), 'breaking found': `${total.f}/${total.e} (${pct(total.f, total.e)})`, 'same id': `${total.i}/${total.e} (${pct(total.i, total.e)})`, 'no-change clean': `${total.k}/${total.n}`, crashed: crashes.length });
    console.table(rows);
  });

  it('never crashes on a case', () => {
    expect(crashes).toEqual([]);
  });

  it('reports at least 90% of the breaking expectations as errors on the same operation', () => {
    const expected = categories.reduce((s, c) => s + c.errorExpected, 0);
    const found = categories.reduce((s, c) => s + c.errorFound, 0);
    expect(expected).toBeGreaterThan(100);
    expect(found / expected).toBeGreaterThanOrEqual(0.9);
  });

  it('keeps every no-change case clean', () => {
    const cases = categories.reduce((s, c) => s + c.noChangeCases, 0);
    const clean = categories.reduce((s, c) => s + c.noChangeClean, 0);
    expect(cases).toBeGreaterThan(0);
    expect(clean).toBe(cases);
  });
});
