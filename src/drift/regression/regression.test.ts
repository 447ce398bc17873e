/** The real-world regression set (`pairs.ts`): each class of spec evolution gives exactly its expected findings. */
import { diffSpecs } from '../diff-specs';
import { loadSpecText } from '../../openapi/load/index';
import { REGRESSION_PAIRS } from './pairs';

function shown(f: { level: string; id: string; operation: string | null; location: { property?: string } }): string {
  return [f.level, f.id, String(f.operation), f.location.property].filter((part) => part !== undefined).join(' ');
}

describe('real-world regression set', () => {
  it.each(REGRESSION_PAIRS.map((pair) => [pair.name, pair] as const))('%s', (_name, pair) => {
    const base = loadSpecText(pair.base, 'base.yaml');
    const revision = loadSpecText(pair.revision, 'revision.yaml');
    const findings = diffSpecs(base, revision, pair.options).map(shown);
    expect(findings.sort()).toEqual([...pair.expected].sort());
  });
});
