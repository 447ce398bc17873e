import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { findCycles, importGraph, type ImportEdge } from './import-graph';

/**
 * The import graph of `src/` and `scripts/` (TypeScript's import scanner, `require()` and `import()` with
 * a literal included, type-only imports too): a cycle, even one dodged with a runtime `require`, fails.
 */
const ROOT = join(__dirname, '..', '..');
const graph = importGraph(ROOT, ['src', 'scripts']);

const folderOf = (file: string) => file.split('/')[1] ?? '';

describe('import graph', () => {
  it('has no import cycle in src/ or scripts/', () => {
    expect(findCycles(graph).map((cycle) => cycle.join(' -> '))).toEqual([]);
  });

  it('libraries (drift, impact, guardrails, probes) never import the orchestration (verify, steps)', () => {
    const libraries = new Set(['drift', 'impact', 'guardrails', 'probes']);
    const upward = graph.filter((e) => libraries.has(folderOf(e.from)) && ['verify', 'steps'].includes(folderOf(e.to)));
    expect(upward.map((e) => `${e.from} -> ${e.to}`)).toEqual([]);
  });

  it('sees the edges it checks: a planted cycle through a require() is found', () => {
    expect(graph.some((e) => e.from === 'src/verify/run-verify.ts' && e.to === 'src/steps/index.ts')).toBe(true);
    // A type-only import is an edge, and so is a lazy require().
    expect(graph.some((e) => e.from === 'src/http/call-recorder.ts' && e.to === 'src/report/model.ts')).toBe(true);
    expect(graph.some((e) => e.from === 'src/drift/cli/run-drift.ts' && e.to === 'src/providers/sandbox.ts')).toBe(
      true,
    );
    const planted: ImportEdge[] = [
      { from: 'a.ts', to: 'b.ts' },
      { from: 'b.ts', to: 'c.ts' },
      { from: 'c.ts', to: 'a.ts' },
      { from: 'c.ts', to: 'd.ts' },
    ];
    expect(findCycles(planted)).toEqual([['a.ts', 'b.ts', 'c.ts', 'a.ts']]);
  });

  it('reads a cycle closed by a type-only import and a lazy require(), not one spelled in a comment or a string', () => {
    const root = mkdtempSync(join(tmpdir(), 'rampart-import-graph-'));
    try {
      mkdirSync(join(root, 'src'));
      const files: Record<string, string> = {
        'a.ts': "import { b } from './b';\n// require('./d')\nexport const a = () => `${b} require('./d')`;\n",
        'b.ts': "import type { T } from './c';\nexport const b: T = 1;\n",
        'c.ts': "export type T = number;\nexport const lazy = () => require('./a') as unknown;\n",
        'd.ts': "import './a';\n",
      };
      for (const [name, text] of Object.entries(files)) writeFileSync(join(root, 'src', name), text);
      const edges = importGraph(root, ['src']);
      expect(edges.map((e) => `${e.from} -> ${e.to}`).sort()).toEqual([
        'src/a.ts -> src/b.ts',
        'src/b.ts -> src/c.ts',
        'src/c.ts -> src/a.ts',
        'src/d.ts -> src/a.ts',
      ]);
      expect(findCycles(edges)).toEqual([['src/a.ts', 'src/b.ts', 'src/c.ts', 'src/a.ts']]);
    } finally {
      rmSync(root, { recursive: true, force: true });
    }
  });
});
