/** Loading: JSON and YAML, files and URLs, external refs, and one clear error for bad input. */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { SpecLoadError } from '../../errors/index';
import { createHttpClient } from '../../http/index';
import { diffSpecs } from '../../drift/diff-specs';
import { loadSpec, loadSpecText } from '.';

const minimal = "openapi: 3.0.3\ninfo: { title: t, version: '1' }\npaths: {}\n";

function loadError(text: string): SpecLoadError {
  try {
    loadSpecText(text, 'spec.yaml');
  } catch (error) {
    if (error instanceof SpecLoadError) return error;
    throw error;
  }
  throw new Error('expected a SpecLoadError');
}

describe('loadSpecText', () => {
  it('reads YAML and JSON', () => {
    expect(loadSpecText(minimal, 'a.yaml').version).toBe('3.0');
    expect(loadSpecText(JSON.stringify({ openapi: '3.1.0', info: {}, paths: {} }), 'a.json').version).toBe('3.1');
  });

  it('refuses Swagger 2.0 with a clear message', () => {
    expect(loadError('swagger: "2.0"\ninfo: {}\npaths: {}\n').message).toBe(
      'spec.yaml at /swagger: Swagger 2.0 is not supported; convert it to OpenAPI 3 first',
    );
  });

  it('names line and column of a YAML syntax error', () => {
    expect(loadError('openapi: 3.0.3\npaths: [a\n  b: c: d\n').where).toMatch(/^\d+:\d+$/);
  });

  it('names line and column of a JSON syntax error', () => {
    const error = loadError('{\n  "openapi": "3.0.3",\n  "paths": {,}\n}');
    expect(error.where).toBe('3:13');
  });

  it('names the pointer of a missing openapi or paths', () => {
    expect(loadError('info: {}\npaths: {}\n').where).toBe('/openapi');
    expect(loadError('openapi: 3.0.3\ninfo: {}\n').where).toBe('/paths');
  });

  it('names the pointer of a dangling $ref', () => {
    const error = loadError(
      `${minimal.replace('paths: {}', 'paths:\n  /a:\n    get:\n      responses:\n        "200": { $ref: "#/components/responses/Nope" }')}`,
    );
    expect(error.message).toContain('"#/components/responses/Nope" points to nothing');
    expect(error.where).toBe('#/paths/~1a/get/responses/200/$ref');
  });

  it('survives ref cycles and self references', () => {
    const text = `${minimal.replace('paths: {}', 'paths:\n  /a:\n    get:\n      responses:\n        "200":\n          description: ok\n          content:\n            application/json:\n              schema: { $ref: "#/components/schemas/A" }')}components:\n  schemas:\n    A: { $ref: "#/components/schemas/B" }\n    B: { $ref: "#/components/schemas/A" }\n`;
    const spec = loadSpecText(text, 'a.yaml');
    expect(diffSpecs(spec, spec)).toEqual([]);
  });
});

describe('loadSpec', () => {
  let dir: string;
  let server: Server | undefined;

  beforeEach(() => {
    dir = mkdtempSync(path.join(tmpdir(), 'rampart-load-'));
  });
  afterEach(async () => {
    rmSync(dir, { recursive: true, force: true });
    if (server) await new Promise<void>((resolve) => server!.close(() => resolve()));
    server = undefined;
  });

  it('follows refs to files next to the document', async () => {
    const op = (type: string): string =>
      `openapi: 3.0.3\ninfo: { title: t, version: '1' }\npaths:\n  /a:\n    get:\n      responses:\n        '200':\n          description: ok\n          content:\n            application/json:\n              schema: { $ref: 'schemas-${type}.yaml#/components/schemas/Thing' }\n`;
    writeFileSync(
      path.join(dir, 'schemas-a.yaml'),
      'components:\n  schemas:\n    Thing: { type: object, required: [x], properties: { x: { $ref: "#/components/schemas/X" } } }\n    X: { type: string }\n',
    );
    writeFileSync(
      path.join(dir, 'schemas-b.yaml'),
      'components:\n  schemas:\n    Thing: { type: object, required: [x], properties: { x: { $ref: "#/components/schemas/X" } } }\n    X: { type: integer }\n',
    );
    writeFileSync(path.join(dir, 'base.yaml'), op('a'));
    writeFileSync(path.join(dir, 'revision.yaml'), op('b'));
    const findings = diffSpecs(
      await loadSpec(path.join(dir, 'base.yaml')),
      await loadSpec(path.join(dir, 'revision.yaml')),
    );
    expect(findings.map((f) => f.id)).toEqual(['response-property-type-changed']);
  });

  it('names a missing referenced file', async () => {
    writeFileSync(path.join(dir, 'base.yaml'), `${minimal}components:\n  schemas:\n    A: { $ref: 'gone.yaml#/X' }\n`);
    await expect(loadSpec(path.join(dir, 'base.yaml'))).rejects.toThrow(
      /cannot read the referenced file .*gone\.yaml: ENOENT/,
    );
  });

  it('names a missing file', async () => {
    await expect(loadSpec(path.join(dir, 'nope.yaml'))).rejects.toThrow(/nope\.yaml: no such file/);
  });

  it('fetches a URL through the given client (the token-bearing one of src/http)', async () => {
    let seenAuth: string | undefined;
    server = createServer((req, res) => {
      seenAuth = req.headers.authorization;
      res.setHeader('content-type', 'application/json');
      res.end(JSON.stringify({ openapi: '3.0.3', info: {}, paths: {} }));
    });
    await new Promise<void>((resolve) => server!.listen(0, '127.0.0.1', resolve));
    const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/openapi.json`;
    const http = createHttpClient({
      baseUrl: url,
      writeAllowedHosts: [],
      headers: { Authorization: 'Bearer t-value-123' },
    });
    const spec = await loadSpec(url, { http, timeoutMs: 2000 });
    expect(spec.source).toBe(url);
    expect(seenAuth).toBe('Bearer t-value-123');
  });

  it('turns an HTTP error status into a SpecLoadError', async () => {
    server = createServer((_req, res) => {
      res.statusCode = 404;
      res.end('nope');
    });
    await new Promise<void>((resolve) => server!.listen(0, '127.0.0.1', resolve));
    const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/openapi.json`;
    await expect(loadSpec(url)).rejects.toThrow('HTTP 404 when fetching the document');
  });

  it('ends a document that drips slower than the deadline with one SpecLoadError, in bounded time', async () => {
    let timer: NodeJS.Timeout | undefined;
    server = createServer((_req, res) => {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.write('{"openapi":"3.0.3",');
      timer = setInterval(() => res.write(' '), 10);
      res.on('close', () => clearInterval(timer));
    });
    await new Promise<void>((resolve) => server!.listen(0, '127.0.0.1', resolve));
    const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/openapi.json`;
    const started = Date.now();
    try {
      await expect(loadSpec(url, { deadlineMs: 120, timeoutMs: 5_000 })).rejects.toThrow(
        new SpecLoadError(
          url,
          'cannot fetch the document: no complete answer within 120 ms (RAMPART_HTTP_DEADLINE_MS)',
        ),
      );
      expect(Date.now() - started).toBeLessThan(2_000);
    } finally {
      clearInterval(timer);
    }
  });

  it('ends a document larger than the size cap, and names the URL without its credentials', async () => {
    server = createServer((_req, res) => {
      res.setHeader('content-type', 'application/json');
      res.end(JSON.stringify({ openapi: '3.0.3', info: { description: 'x'.repeat(50_000) }, paths: {} }));
    });
    await new Promise<void>((resolve) => server!.listen(0, '127.0.0.1', resolve));
    const port = (server.address() as AddressInfo).port;
    const error = await loadSpec(`http://ops:pa55-canary@127.0.0.1:${port}/openapi.json`, { maxBytes: 10_000 }).catch(
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(SpecLoadError);
    expect((error as Error).message).toBe(
      `http://127.0.0.1:${port}/openapi.json: cannot fetch the document: it is larger than 10000 bytes (RAMPART_HTTP_MAX_BYTES)`,
    );
  });
});
