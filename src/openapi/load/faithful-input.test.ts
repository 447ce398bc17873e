/** Inputs are read faithfully or refused with one line: merge keys, duplicate templates, deep nesting. */
import { SpecLoadError } from '../../errors/index';
import { diffSpecs } from '../../drift/diff-specs';
import { MAX_NESTING } from './load-spec';
import { loadSpecText } from '.';

function loadError(text: string, source = 'spec.yaml'): SpecLoadError {
  try {
    loadSpecText(text, source);
  } catch (error) {
    if (error instanceof SpecLoadError) return error;
    throw error;
  }
  throw new Error('expected a SpecLoadError');
}

/** A JSON document whose response body nests `depth` object levels (text built directly: no recursion). */
function deepDocument(depth: number, leafType: string): string {
  const open = '{"type":"object","properties":{"p":'.repeat(depth);
  const close = '}}'.repeat(depth);
  const schema = `${open}{"type":"${leafType}"}${close}`;
  const head = '{"openapi":"3.0.3","info":{"title":"t","version":"1"}';
  const body = `{"description":"ok","content":{"application/json":{"schema":${schema}}}}`;
  return `${head},"paths":{"/a":{"get":{"responses":{"200":${body}}}}}}`;
}

describe('YAML merge keys', () => {
  const withMerge = `
openapi: 3.0.3
info: { title: t, version: '1' }
paths:
  /cards:
    get:
      responses:
        '200':
          description: ok
          content:
            application/json:
              schema:
                type: object
                properties:
                  card: &card { type: object, required: [id], properties: { id: { type: string } } }
                  virtual_card:
                    <<: *card
                    description: the virtual one
`;

  it('copies the anchored mapping into the merging one', () => {
    const spec = loadSpecText(withMerge, 'merge.yaml');
    const path = [
      'paths',
      '/cards',
      'get',
      'responses',
      '200',
      'content',
      'application/json',
      'schema',
      'properties',
      'virtual_card',
    ];
    const virtualCard = path.reduce<unknown>(
      (node, key) => (node as Record<string, unknown>)[key],
      spec.document,
    ) as Record<string, unknown>;
    expect(virtualCard).toEqual({
      type: 'object',
      required: ['id'],
      properties: { id: { type: 'string' } },
      description: 'the virtual one',
    });
    expect(virtualCard['<<']).toBeUndefined();
  });

  it('equals the same document spelled out', () => {
    const spelled = withMerge
      .replace('card: &card {', 'card: {')
      .replace(
        /virtual_card:\n\s+<<: \*card\n\s+description: the virtual one/,
        'virtual_card: { type: object, required: [id], properties: { id: { type: string } }, ' +
          "description: 'the virtual one' }",
      );
    expect(diffSpecs(loadSpecText(withMerge, 'a.yaml'), loadSpecText(spelled, 'b.yaml'))).toEqual([]);
  });
});

describe('duplicate path templates', () => {
  it('are an invalid document naming both paths when both declare one method', () => {
    const error = loadError(`
openapi: 3.0.3
info: { title: t, version: '1' }
paths:
  /cards/{id}: { get: { responses: { '200': { description: ok } } } }
  /cards/{card_id}:
    get: { responses: { '200': { description: ok } } }
    delete: { responses: { '204': { description: gone } } }
`);
    expect(error.message).toBe(
      'spec.yaml at /paths: paths "/cards/{id}" and "/cards/{card_id}" are the same template and both declare GET',
    );
  });

  it('with disjoint methods keep every operation, each compared with its own path', () => {
    const doc = (deleteStatus: string): string => `
openapi: 3.0.3
info: { title: t, version: '1' }
paths:
  /attestations/{attestation_id}: { delete: { responses: { '${deleteStatus}': { description: gone } } } }
  /attestations/{subject_digest}: { get: { responses: { '200': { description: ok } } } }
`;
    const base = loadSpecText(doc('204'), 'a.yaml');
    const findings = diffSpecs(base, loadSpecText(doc('200'), 'b.yaml')).map((f) => `${f.id} ${f.operation}`);
    expect(findings).toEqual([
      'response-success-status-removed DELETE /attestations/{attestation_id}',
      'response-success-status-added DELETE /attestations/{attestation_id}',
    ]);
    expect(diffSpecs(base, loadSpecText(doc('204'), 'c.yaml'))).toEqual([]);
  });

  it('leave different templates alone', () => {
    const spec = loadSpecText(
      "openapi: 3.0.3\ninfo: { title: t, version: '1' }\npaths:\n  /cards/{id}: {}\n  /cards/{id}/lock: {}\n",
      'ok.yaml',
    );
    expect(Object.keys(spec.document.paths as object)).toHaveLength(2);
  });
});

describe('deep nesting', () => {
  it('refuses a JSON document nested thousands of levels deep with one line', () => {
    const error = loadError(deepDocument(3000, 'string'), 'deep.json');
    expect(error.message).toMatch(
      new RegExp(
        `^deep\\.json at #/paths/~1a/get/.*…: nested deeper than ${MAX_NESTING} levels; refusing to compare it$`,
      ),
    );
    expect(error.message).not.toMatch(/\n/);
  });

  it('refuses a YAML document too deep to parse with one line', () => {
    let text = "openapi: 3.0.3\ninfo: { title: t, version: '1' }\npaths: {}\nx:\n";
    for (let i = 0; i < 3000; i++) text += `${'  '.repeat(i + 1)}p:\n`;
    const error = loadError(text);
    expect(error.message).toMatch(
      /^spec\.yaml at \d+:\d+: invalid YAML: the document nests too deeply to read$|nested deeper than/,
    );
  });

  it('compares a document nested a few hundred levels deep', () => {
    const findings = diffSpecs(
      loadSpecText(deepDocument(150, 'string'), 'a.json'),
      loadSpecText(deepDocument(150, 'integer'), 'b.json'),
    );
    expect(findings.map((f) => f.id)).toEqual(['response-property-type-changed']);
  });

  it('refuses a $ref chain deeper than the differ walks, with one line', () => {
    const schemas: Record<string, unknown> = {};
    for (let i = 0; i < 600; i++)
      schemas[`S${i}`] = { type: 'object', properties: { next: { $ref: `#/components/schemas/S${i + 1}` } } };
    const doc = (leaf: string): string => {
      schemas.S600 = { type: leaf };
      const body = {
        content: { 'application/json': { schema: { $ref: '#/components/schemas/S0' } } },
        description: 'ok',
      };
      return JSON.stringify({
        openapi: '3.0.3',
        info: { title: 't', version: '1' },
        paths: { '/a': { get: { responses: { 200: body } } } },
        components: { schemas },
      });
    };
    const base = loadSpecText(doc('string'), 'a.json');
    const revision = loadSpecText(doc('integer'), 'b.json');
    expect(() => diffSpecs(base, revision)).toThrow(SpecLoadError);
    expect(() => diffSpecs(base, revision)).toThrow(
      /^b\.json: a schema nests deeper than 400 levels; refusing to compare it$/,
    );
  });
});
