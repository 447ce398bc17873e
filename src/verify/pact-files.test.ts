import { rmSync } from 'node:fs';
import { PactLoadError } from '../errors';
import { parsePactDocument, readPacts } from '../contracts/pact-reader';
import { rerunCommand } from './pact-plan';
import { spendSyncPact, writeTestPacts } from '../providers/ramp/testing/test-pacts';

const pact = (over: Record<string, unknown>) => ({ ...spendSyncPact(), ...over });

describe('pact files', () => {
  it('loads a V4 pact: parties, spec version, interactions with states and params', () => {
    const { dir, files } = writeTestPacts({ 'a.json': spendSyncPact() });
    try {
      const [loaded] = readPacts(files);
      expect(loaded).toMatchObject({ consumer: 'spend-sync', provider: 'ramp-developer-api', specVersion: '4.0' });
      expect(loaded?.interactions[0]).toEqual({
        description: 'list transactions',
        providerStates: [{ name: 'transactions exist', params: { minCount: 2 } }],
        method: 'GET',
        path: '/developer/v1/transactions',
        raw: (spendSyncPact() as { interactions: unknown[] }).interactions[0],
      });
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it.each([
    [pact({ metadata: {} }), 'missing metadata.pactSpecification.version'],
    [pact({ interactions: [] }), 'the pact has no interactions'],
    [pact({ interactions: [{ request: { method: 'GET', path: '/' } }] }), 'interactions[0] has no description'],
    [
      pact({
        interactions: [
          { description: 'a', request: { method: 'GET', path: '/' } },
          { description: 'a', request: { method: 'GET', path: '/' } },
        ],
      }),
      'duplicate description "a"',
    ],
    [pact({ interactions: [{ description: 'm', type: 'Asynchronous/Messages' }] }), 'unsupported interaction type'],
    [pact({ consumer: {} }), 'missing consumer.name'],
  ])('refuses a malformed pact with a PactLoadError naming the file (%#)', (document, problem) => {
    expect(() => parsePactDocument(document, 'pacts/x.json')).toThrow(PactLoadError);
    expect(() => parsePactDocument(document, 'pacts/x.json')).toThrow(
      new RegExp(`^pacts/x\\.json: .*${problem.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}`),
    );
  });

  it('names a missing file', () => {
    expect(() => readPacts(['pacts/none.json'])).toThrow('pacts/none.json: cannot be read (ENOENT)');
  });

  it('builds a rerun command quoted for the shell', () => {
    expect(rerunCommand('pacts/a.json', 'get "x" for $USER')).toBe(
      'npm run verify -- --pact pacts/a.json --interaction "get \\"x\\" for \\$USER"',
    );
    expect(rerunCommand('pacts/a.json', 'x', { specRevision: 'next' })).toBe(
      'npm run verify -- --spec-revision next --pact pacts/a.json --interaction x',
    );
  });
});
