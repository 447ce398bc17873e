/** `$ref` structure, key order, syntax and 3.0/3.1 spelling are not changes; recursion is reported once. */
import { diffSpecs, loadSpecText } from '.';

const base = `
openapi: 3.0.3
info: { title: t, version: '1' }
paths:
  /cards/{id}:
    get:
      parameters:
        - { name: id, in: path, required: true, schema: { type: string } }
      responses:
        '200':
          description: ok
          content:
            application/json:
              schema: { $ref: '#/components/schemas/Card' }
components:
  schemas:
    Card:
      type: object
      required: [id]
      properties:
        id: { type: string }
        nickname: { type: string, nullable: true }
        parent: { $ref: '#/components/schemas/Card' }
        children: { type: array, items: { $ref: '#/components/schemas/Card' } }
`;

describe('structural no-change cases', () => {
  const spec = loadSpecText(base, 'base.yaml');

  it('renaming a component produces nothing', () => {
    const renamed = base.replace(/Card'/g, "VirtualCard'").replace('    Card:', '    VirtualCard:');
    expect(diffSpecs(spec, loadSpecText(renamed, 'revision.yaml'))).toEqual([]);
  });

  it('reordering keys and switching YAML to JSON produces nothing', () => {
    const doc = spec.document as { components: { schemas: { Card: Record<string, unknown> } } };
    const reordered = JSON.parse(
      JSON.stringify(doc, (_k, v: unknown) =>
        v && typeof v === 'object' && !Array.isArray(v) ? Object.fromEntries(Object.entries(v).reverse()) : v,
      ),
    ) as unknown;
    expect(diffSpecs(spec, loadSpecText(JSON.stringify(reordered, null, 2), 'revision.json'))).toEqual([]);
  });

  it('3.0 nullable and 3.1 type arrays compare equal', () => {
    const v31 = base
      .replace('openapi: 3.0.3', 'openapi: 3.1.0')
      .replace('nickname: { type: string, nullable: true }', "nickname: { type: [string, 'null'] }");
    const revision = loadSpecText(v31, 'revision.yaml');
    expect(revision.version).toBe('3.1');
    expect(diffSpecs(spec, revision)).toEqual([]);
  });

  it('renaming a path parameter keeps the operation', () => {
    const renamed = base
      .replace('/cards/{id}', '/cards/{cardId}')
      .replace('{ name: id, in: path', '{ name: cardId, in: path');
    expect(diffSpecs(spec, loadSpecText(renamed, 'revision.yaml'))).toEqual([]);
  });

  it('a change inside a recursive schema is reported once', () => {
    const changed = base.replace('id: { type: string }', 'id: { type: integer }');
    const findings = diffSpecs(spec, loadSpecText(changed, 'revision.yaml'));
    expect(findings.map((f) => [f.id, f.operation, f.location.pointer])).toEqual([
      ['response-property-type-changed', 'GET /cards/{id}', '/properties/id'],
    ]);
  });

  it('a removed response property of a shared schema is located by pointer and property path', () => {
    const changed = base.replace('        nickname: { type: string, nullable: true }\n', '');
    const findings = diffSpecs(spec, loadSpecText(changed, 'revision.yaml'));
    expect(findings).toHaveLength(1);
    expect(findings[0]).toMatchObject({
      id: 'response-optional-property-removed',
      level: 'warning',
      operation: 'GET /cards/{id}',
      location: {
        direction: 'response',
        status: '200',
        mediaType: 'application/json',
        pointer: '/properties/nickname',
        property: 'nickname',
      },
      args: { name: 'nickname' },
    });
  });

  it('level overrides replace defaults and off drops a rule', () => {
    const changed = base.replace('        nickname: { type: string, nullable: true }\n', '');
    const revision = loadSpecText(changed, 'revision.yaml');
    expect(diffSpecs(spec, revision, { levels: { 'response-optional-property-removed': 'error' } })[0]?.level).toBe(
      'error',
    );
    expect(diffSpecs(spec, revision, { levels: { 'response-optional-property-removed': 'off' } })).toEqual([]);
  });
});
