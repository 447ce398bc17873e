import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { formatRatio, median, repeat, runChild } from './measure';

describe('median', () => {
  it('takes the middle sample, or the mean of the two middle ones', () => {
    expect(median([3, 1, 2])).toBe(2);
    expect(median([4, 1, 3, 2])).toBe(2.5);
    expect(median([])).toBeNaN();
  });
});

describe('runChild', () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'rampart-bench-test-'));
  });
  afterAll(() => {
    rmSync(dir, { recursive: true, force: true });
  });

  it('reports the exit code and the peak memory of a child that allocates', async () => {
    const run = await runChild(
      {
        command: process.execPath,
        args: ['-e', 'const b = Buffer.alloc(64 * 1024 * 1024, 1); process.exitCode = b[0]'],
        cwd: dir,
        okExitCodes: [1],
      },
      dir,
    );
    expect(run.exitCode).toBe(1);
    expect(run.maxRssBytes).toBeGreaterThan(64 * 1024 * 1024);
    expect(run.wallMs).toBeGreaterThan(0);
  });

  it('fails with the tail of stderr when the exit code is not accepted', async () => {
    await expect(
      runChild({ command: process.execPath, args: ['-e', 'console.error("boom"); process.exit(2)'], cwd: dir }, dir),
    ).rejects.toThrow(/exited with 2:\nboom/);
  });

  it('repeats a measurement the number of times asked', async () => {
    let calls = 0;
    expect(await repeat(3, () => Promise.resolve(++calls))).toEqual([1, 2, 3]);
    expect(formatRatio(Number.NaN)).toBe('n/a');
    expect(formatRatio(3.14159)).toBe('3.14×');
  });
});
