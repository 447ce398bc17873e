import { join } from 'node:path';
import { findCycles, importGraph, type ImportEdge } from './import-graph';

/**
 * The import graph of `src/` and `scripts/` (TypeScript compiler API, `require()` and `import()` with a
 * literal included, type-only imports too): a cycle, even one dodged with a runtime `require`, fails.
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
    // A lazy require() is an edge like any import.
    expect(graph.some((e) => e.from === 'src/drift/cli/run-drift.ts' && e.to === 'src/providers/sandbox.ts')).toBe(
      true,
    );
    const planted: ImportEdge[] = [
      { from: 'a.ts', to: 'b.ts', typeOnly: false },
      { from: 'b.ts', to: 'c.ts', typeOnly: true },
      { from: 'c.ts', to: 'a.ts', typeOnly: false },
      { from: 'c.ts', to: 'd.ts', typeOnly: false },
    ];
    expect(findCycles(planted)).toEqual([['a.ts', 'b.ts', 'c.ts', 'a.ts']]);
  });
});
