import { UsageError } from '../errors';
import { BENCH_SECTIONS, loadBenchSections, registerBenchSection, renderTable, runBench } from '.';

describe('bench sections', () => {
  it('registers the drift section once, however often the sections are loaded', () => {
    loadBenchSections();
    loadBenchSections();
    expect(BENCH_SECTIONS.filter((s) => s.id === 'drift')).toHaveLength(1);
  });

  it('runs a registered section and prints its table, checks and notes', async () => {
    registerBenchSection({
      id: 'example',
      title: 'Example section',
      run: ({ runs }) =>
        Promise.resolve({
          title: 'Example section',
          rows: [{ metric: 'runs', value: runs }],
          checks: [{ name: 'runs ≥ 2', actual: String(runs), pass: runs >= 2 }],
          notes: ['an example'],
        }),
    });
    const printed: string[] = [];
    const outcome = await runBench({
      runs: 1,
      only: ['example'],
      out: (text) => printed.push(text),
      log: () => undefined,
    });
    expect(outcome.passed).toBe(false);
    expect(printed.join('')).toBe(
      [
        '',
        '## Example section',
        '',
        '| metric | value |',
        '|--------|-------|',
        '| runs   | 1     |',
        '',
        'FAIL  runs ≥ 2: 1',
        '',
        'note: an example',
        '',
      ].join('\n'),
    );
    expect(() =>
      registerBenchSection({ id: 'example', title: 'again', run: () => Promise.resolve({ title: '', rows: [] }) }),
    ).toThrow(/registered twice/);
  });

  it('rejects unknown sections and run counts out of range', async () => {
    await expect(runBench({ only: ['nope'], log: () => undefined })).rejects.toThrow(UsageError);
    await expect(runBench({ runs: 0, log: () => undefined })).rejects.toThrow(
      '--runs must be a whole number from 1 to 50 (got 0)',
    );
  });

  it('aligns columns taken from every row', () => {
    expect(renderTable([{ a: 1 }, { a: 'long value', b: 'x' }])).toEqual([
      '| a          | b |',
      '|------------|---|',
      '| 1          |   |',
      '| long value | x |',
    ]);
    expect(renderTable([])).toEqual(['(no rows)']);
  });
});
