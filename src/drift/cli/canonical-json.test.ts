import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { canonicalJson } from './canonical-json';
import { writeFileAtomic } from '../../fs';

describe('canonicalJson', () => {
  it('sorts keys recursively by code point, keeps array order, indents by 2 and ends with a newline', () => {
    const text = canonicalJson({ b: 1, a: { z: [3, { y: 1, x: 2 }], B: null }, _: 'u' });
    expect(text).toBe(
      '{\n  "_": "u",\n  "a": {\n    "B": null,\n    "z": [\n      3,\n      {\n        "x": 2,\n        "y": 1\n      }\n    ]\n  },\n  "b": 1\n}\n',
    );
  });

  it('turns two documents that differ only in key order into the same bytes', () => {
    const one = {
      openapi: '3.0.3',
      paths: { '/b': { get: {} }, '/a': { post: {}, get: {} } },
      info: { version: '1', title: 't' },
    };
    const two = {
      info: { title: 't', version: '1' },
      paths: { '/a': { get: {}, post: {} }, '/b': { get: {} } },
      openapi: '3.0.3',
    };
    expect(canonicalJson(one)).toBe(canonicalJson(two));
  });
});

describe('writeFileAtomic', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'rampart-atomic-'));
  });
  afterEach(() => {
    rmSync(dir, { recursive: true, force: true });
  });

  it('replaces the file whole and leaves no temp file behind, creating directories as needed', () => {
    const file = join(dir, 'nested', 'out.json');
    writeFileAtomic(file, 'first\n');
    writeFileAtomic(file, 'second\n');
    expect(readFileSync(file, 'utf8')).toBe('second\n');
    expect(readdirSync(join(dir, 'nested'))).toEqual(['out.json']);
  });

  it('writes through a path that is not a regular file instead of renaming over it', () => {
    writeFileAtomic('/dev/null', 'discarded');
    expect(statSync('/dev/null').isCharacterDevice()).toBe(true);
    expect(readdirSync('/dev').filter((name) => name.startsWith('.null.'))).toEqual([]);
  });
});
