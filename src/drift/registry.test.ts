/** The whole registry: unique kebab-case ids, complete metadata, and a fixture pair that triggers each rule. */
import { existsSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import { diffSpecs } from './diff-specs';
import { loadSpecText } from '../openapi/load/index';
import { ALL_RULES } from './registry';
import { RULE_IDS } from './rule-ids';

const FIXTURES = path.join(__dirname, 'rules', '__fixtures__');

describe('rule registry', () => {
  it('has unique kebab-case ids', () => {
    const ids = ALL_RULES.map((r) => r.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const id of ids) expect(id).toMatch(/^[a-z0-9]+(-[a-z0-9]+)*$/);
  });

  it('has one rule per id of RULE_IDS, in its order', () => {
    expect(ALL_RULES.map((r) => r.id)).toEqual([...RULE_IDS]);
  });

  it('lists every id in docs/drift-rules.md', () => {
    const doc = readFileSync(path.join(__dirname, '..', '..', 'docs', 'drift-rules.md'), 'utf8');
    expect(RULE_IDS.filter((id) => !doc.includes(`\`${id}\``))).toEqual([]);
  });

  it('gives every rule a level, a direction and a description', () => {
    for (const rule of ALL_RULES) {
      expect(['error', 'warning', 'info']).toContain(rule.level);
      expect(['request', 'response', 'none']).toContain(rule.direction);
      expect(rule.description.length).toBeGreaterThan(10);
    }
  });

  describe.each(ALL_RULES.map((rule) => [rule.id, rule] as const))('%s', (id, rule) => {
    it('fires on its fixture pair with a one-line message', () => {
      const dir = path.join(FIXTURES, id);
      expect(existsSync(path.join(dir, 'base.yaml'))).toBe(true);
      const base = loadSpecText(readFileSync(path.join(dir, 'base.yaml'), 'utf8'), path.join(dir, 'base.yaml'));
      const revision = loadSpecText(
        readFileSync(path.join(dir, 'revision.yaml'), 'utf8'),
        path.join(dir, 'revision.yaml'),
      );
      const hits = diffSpecs(base, revision).filter((f) => f.id === id);
      expect(hits.length).toBeGreaterThan(0);
      for (const hit of hits) {
        expect(hit.level).toBe(rule.level);
        expect(hit.message).not.toMatch(/\n|undefined/);
        expect(hit.message.length).toBeGreaterThan(5);
      }
    });
  });
});
