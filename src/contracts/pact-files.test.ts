import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PactLoadError } from '../errors';
import { canonicalPactText, parsePact, readPactFile, type PactFile } from './pact-files';

const pact = (interactions: PactFile['interactions']): PactFile => ({
  consumer: { name: 'spend-sync' },
  provider: { name: 'ramp-developer-api' },
  interactions,
  metadata: { pactSpecification: { version: '4.0' } },
});

describe('canonicalPactText', () => {
  it('gives the same bytes whatever the order interactions and keys were written in', () => {
    const a = { description: 'b request', request: { path: '/x', method: 'GET' } };
    const b = { description: 'a request', providerStates: [{ name: 's', params: { y: 1, x: 2 } }] };
    const first = canonicalPactText(pact([a, b]));
    const second = canonicalPactText({
      ...pact([
        { ...b, providerStates: [{ params: { x: 2, y: 1 }, name: 's' }] },
        { request: { method: 'GET', path: '/x' }, description: 'b request' },
      ]),
    });

    expect(second).toBe(first);
    expect(first.endsWith('}\n')).toBe(true);
    expect(first.indexOf('"a request"')).toBeLessThan(first.indexOf('"b request"'));
  });

  it('orders interactions with the same description by provider state', () => {
    const text = canonicalPactText(
      pact([
        { description: 'same', providerStates: [{ name: 'z state' }] },
        { description: 'same', providerStates: [{ name: 'a state' }] },
      ]),
    );
    expect(text.indexOf('a state')).toBeLessThan(text.indexOf('z state'));
  });
});

describe('parsePact / readPactFile', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'rampart-pact-files-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('names the file and the problem for malformed pacts', () => {
    expect(() => parsePact('{', 'pacts/x.json')).toThrow(PactLoadError);
    expect(() => parsePact('{', 'pacts/x.json')).toThrow(/^pacts\/x\.json: is not JSON/);
    expect(() => parsePact('[]', 'p.json')).toThrow('p.json: is not a pact: expected a JSON object');
    const noVersion = JSON.stringify({ ...pact([]), metadata: {} });
    expect(() => parsePact(noVersion, 'p.json')).toThrow('missing metadata.pactSpecification.version');
    const undescribed = JSON.stringify(pact([{ description: '' }]));
    expect(() => parsePact(undescribed, 'p.json')).toThrow('p.json: interactions[0] has no description');
    expect(() => parsePact(`\uFEFF${JSON.stringify(pact([]))}`, 'p.json')).toThrow(
      'p.json: starts with a byte order mark, which the Pact verifier cannot read: save it as UTF-8 without one',
    );
  });

  it('reads a valid pact and reports an unreadable file as PactLoadError', () => {
    const file = join(dir, 'ok.json');
    writeFileSync(file, JSON.stringify(pact([{ description: 'd', request: { method: 'GET', path: '/' } }])));
    expect(readPactFile(file).interactions).toHaveLength(1);
    expect(() => readPactFile(join(dir, 'missing.json'))).toThrow(/missing\.json: cannot be read \(ENOENT\)/);
  });
});
