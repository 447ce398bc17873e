/** A path item `$ref`'d from another file is compared where it is written: its own `$ref`s resolve from there. */
import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { diffSpecs, loadSpec } from '..';

const MAIN = `
openapi: 3.0.3
info: { title: t, version: '1' }
paths:
  /cards:
    $ref: 'paths/cards.yaml'
`;

const CARDS = `
get:
  parameters:
    - $ref: '../common.yaml#/Limit'
  responses:
    '200':
      description: ok
      content:
        application/json:
          schema: { $ref: '../common.yaml#/Card' }
`;

function writeSpec(root: string, name: string, required: boolean, nameType: string): string {
  const dir = join(root, name);
  mkdirSync(join(dir, 'paths'), { recursive: true });
  writeFileSync(join(dir, 'main.yaml'), MAIN);
  writeFileSync(join(dir, 'paths', 'cards.yaml'), CARDS);
  writeFileSync(
    join(dir, 'common.yaml'),
    `Limit: { name: limit, in: query, required: ${required}, schema: { type: integer } }\n` +
      `Card: { type: object, properties: { name: { type: ${nameType} } } }\n`,
  );
  return join(dir, 'main.yaml');
}

describe('a path item in another file', () => {
  let root: string;
  beforeAll(() => {
    root = mkdtempSync(join(tmpdir(), 'rampart-path-item-'));
  });
  afterAll(() => rmSync(root, { recursive: true, force: true }));

  it('has its parameters and response schemas compared through its own relative $refs', async () => {
    const base = await loadSpec(writeSpec(root, 'base', false, 'string'));
    const revision = await loadSpec(writeSpec(root, 'revision', true, 'integer'));
    const findings = diffSpecs(base, revision);
    expect(findings.map((f) => [f.id, f.operation]).sort()).toEqual([
      ['request-parameter-became-required', 'GET /cards'],
      ['response-property-type-changed', 'GET /cards'],
    ]);
  });
});
