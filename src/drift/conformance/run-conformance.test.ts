/**
 * The conformance command on a tiny corpus the test writes itself (the real corpus lives outside the
 * repository and is run by `.ci/run`, never by `npm test`).
 */
import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ExitCode, UsageError } from '../../errors';
import { runConformance } from './run-conformance';

const base = `openapi: 3.0.3
info: { title: t, version: '1' }
paths:
  /pets:
    get:
      responses:
        '200': { description: ok }
  /owners:
    get:
      responses:
        '200': { description: ok }
`;
const withoutPets = `openapi: 3.0.3
info: { title: t, version: '1' }
paths:
  /owners:
    get:
      responses:
        '200': { description: ok }
`;

function writeCase(dir: string, name: string, revision: string, expected: object): { name: string; category: string } {
  mkdirSync(join(dir, 'cases', name), { recursive: true });
  writeFileSync(join(dir, 'cases', name, 'base.yaml'), base);
  writeFileSync(join(dir, 'cases', name, 'revision.yaml'), revision);
  writeFileSync(join(dir, 'cases', name, 'expected.json'), JSON.stringify(expected));
  return { name, category: name };
}

describe('npm run conformance', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'rampart-corpus-'));
    writeFileSync(
      join(dir, 'oasdiff-rules.json'),
      JSON.stringify([{ id: 'api-path-removed-without-deprecation', check: 'APIRemovedCheck' }]),
    );
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  function writeIndex(entries: object[]): void {
    writeFileSync(join(dir, 'index.json'), JSON.stringify(entries));
  }

  it('prints one row per category and a total, and exits 0 when the targets hold', async () => {
    writeIndex([
      writeCase(dir, 'path-removed', withoutPets, {
        checks_run: 'all',
        min_level: 'warning',
        assertion: 'exact',
        changes: [{ id: 'api-path-removed-without-deprecation', level: 'error', operation: 'GET /pets' }],
      }),
      writeCase(dir, 'no-change', base, { checks_run: 'all', min_level: 'warning', assertion: 'none', changes: [] }),
    ]);
    const lines: string[] = [];
    const code = await runConformance({ corpus: dir, print: (l) => lines.push(l) });
    expect(code).toBe(ExitCode.Ok);
    expect(lines[0]).toMatch(/^category\s+cases\s+breaking found\s+same id\s+no-change clean\s+crashed$/);
    expect(lines.find((l) => l.startsWith('path-removed'))).toMatch(/1\/1\s+1\/1\s+0\/0\s+0$/);
    expect(lines.find((l) => l.startsWith('TOTAL'))).toMatch(/1\/1\s+1\/1\s+1\/1\s+0$/);
    expect(lines.at(-1)).toBe('conformance OK: 1/1 breaking found (target 90%), 1/1 no-change clean, 0 crashed');
  });

  it('exits 1 and names the case when a no-change case is not clean', async () => {
    writeIndex([
      writeCase(dir, 'claims-no-change', withoutPets, {
        checks_run: 'all',
        min_level: 'warning',
        assertion: 'none',
        changes: [],
      }),
    ]);
    const lines: string[] = [];
    expect(await runConformance({ corpus: dir, print: (l) => lines.push(l) })).toBe(ExitCode.ContractBroken);
    expect(lines).toContain('not clean: claims-no-change: error api-path-removed-without-deprecation GET /pets');
    expect(lines.at(-1)).toMatch(/^conformance BELOW TARGET: /);
  });

  it('counts an unreadable case as a crash instead of stopping', async () => {
    writeIndex([
      writeCase(dir, 'broken', 'openapi: [', {
        checks_run: 'all',
        min_level: 'warning',
        assertion: 'none',
        changes: [],
      }),
    ]);
    const lines: string[] = [];
    expect(await runConformance({ corpus: dir, print: (l) => lines.push(l) })).toBe(ExitCode.ContractBroken);
    expect(lines.some((l) => l.startsWith('crashed: broken: '))).toBe(true);
  });

  it('refuses a folder that is not a corpus with a usage error (exit 2)', async () => {
    const missing = join(dir, 'nowhere');
    await expect(runConformance({ corpus: missing, print: () => undefined })).rejects.toThrow(UsageError);
    await expect(runConformance({ corpus: missing, print: () => undefined })).rejects.toThrow(
      `no conformance corpus at ${missing}`,
    );
  });
});
