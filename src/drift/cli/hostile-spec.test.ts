/**
 * `npm run drift` against a published spec served by a hostile or broken host on loopback: credentials in
 * the revision URL never reach its outputs or its error lines, and a document that drips or swells ends
 * the run with one SpecLoadError (exit 2) in bounded time.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadConfig } from '../../config';
import { exitCodeFor, SpecLoadError } from '../../errors';
import { startLocalTestServer, type LocalTestServer } from '../../http/local-test-server';
import { MemorySink } from '../../log/logger';
import { runDrift } from '.';

const SPEC = JSON.stringify({
  openapi: '3.0.3',
  info: { title: 'cards', version: '1' },
  paths: { '/cards': { get: { responses: { '200': { description: 'cards' } } } } },
});

let dir: string;
let server: LocalTestServer | undefined;
let timer: NodeJS.Timeout | undefined;

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'rampart-drift-hostile-'));
  writeFileSync(join(dir, 'base.json'), SPEC);
});
afterEach(async () => {
  clearInterval(timer);
  await server?.close();
  server = undefined;
  rmSync(dir, { recursive: true, force: true });
});

const drift = (options: Parameters<typeof runDrift>[0]) =>
  runDrift({
    base: 'base.json',
    cwd: dir,
    pacts: false,
    config: null,
    log: new MemorySink(),
    stdout: () => undefined,
    ...options,
  });

it('a revision URL with user info and a key parameter shows neither in json, text or markdown, nor in an error line', async () => {
  server = await startLocalTestServer((req, res) => {
    res.writeHead(req.url.startsWith('/missing') ? 404 : 200, { 'content-type': 'application/json' });
    res.end(SPEC);
  });
  const revision = `http://ci:pa55-canary-url@${server.host}/openapi.json?api_key=k-canary-9`;
  for (const format of ['json', 'text', 'markdown']) {
    const result = await drift({ revision, format });
    expect(result.output).not.toContain('pa55-canary-url');
    expect(result.output).not.toContain('k-canary-9');
    expect(result.revision).toBe(`http://${server.host}/openapi.json?api_key=[REDACTED]`);
  }
  const error = await drift({ revision: `http://ci:pa55-canary-url@${server.host}/missing.json` }).catch(
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(SpecLoadError);
  expect((error as Error).message).toBe(`http://${server.host}/missing.json: HTTP 404 when fetching the document`);
});

it('a published spec that drips forever ends with one SpecLoadError (exit 2) within the deadline', async () => {
  server = await startLocalTestServer((_req, res) => {
    res.writeHead(200, { 'content-type': 'application/json' });
    res.write('{"openapi":"3.0.3",');
    timer = setInterval(() => res.write(' '), 10);
    res.on('close', () => clearInterval(timer));
  });
  const rampartConfig = loadConfig({
    env: { RAMP_SPEC_URL: `${server.url}/openapi.json`, RAMPART_HTTP_DEADLINE_MS: '150' },
    envFile: null,
  });
  const started = Date.now();
  const error = await drift({ rampartConfig }).catch((e: unknown) => e);
  expect((error as Error).message).toBe(
    `${server.url}/openapi.json: cannot fetch the document: no complete answer within 150 ms (RAMPART_HTTP_DEADLINE_MS)`,
  );
  expect(exitCodeFor(error)).toBe(2);
  expect(Date.now() - started).toBeLessThan(5_000);
});

it("reads a staging's published document without client credentials, as the nightly spec watch does", async () => {
  server = await startLocalTestServer((_req, res) => {
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end(SPEC);
  });
  const env = { STAGING_BASE_URL: server.url, RAMP_SPEC_URL: `${server.url}/openapi.json` };
  const rampartConfig = loadConfig({ env, envFile: null });
  await drift({ rampartConfig });
  expect(server.requests.map((r) => [r.method, r.url, r.headers.authorization])).toEqual([
    ['GET', '/openapi.json', undefined],
  ]);
});

it('RAMP_SPEC_URL_NEEDS_TOKEN to another host needs the host named, then says once that the token goes there', async () => {
  server = await startLocalTestServer((req, res) => {
    if (req.url === '/developer/v1/token') {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ access_token: 'ramp_tok_spec1234567890', token_type: 'Bearer', expires_in: 3600 }));
      return;
    }
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end(SPEC);
  });
  // The spec host is the same server under another name: another origin for the token.
  const specUrl = `http://localhost:${server.host.split(':')[1]}/openapi.json`;
  const env = {
    STAGING_BASE_URL: server.url,
    RAMP_CLIENT_ID: 'id',
    RAMP_CLIENT_SECRET: 'spec-secret-123',
    RAMP_SPEC_URL: specUrl,
    RAMP_SPEC_URL_NEEDS_TOKEN: 'true',
  };
  expect(() => loadConfig({ env, envFile: null })).toThrow(
    `RAMP_SPEC_URL_NEEDS_TOKEN is true but the spec host localhost:${server.host.split(':')[1]} is not the API's (${server.host}); ` +
      `set RAMP_SPEC_TOKEN_HOST=localhost:${server.host.split(':')[1]} to send the API token there, or turn RAMP_SPEC_URL_NEEDS_TOKEN off (environment variable RAMP_SPEC_TOKEN_HOST)`,
  );
  const rampartConfig = loadConfig({
    env: { ...env, RAMP_SPEC_TOKEN_HOST: `localhost:${server.host.split(':')[1]}` },
    envFile: null,
  });
  const log = new MemorySink();
  await drift({ rampartConfig, log });
  expect(log.lines.filter((l) => l.includes('sending the API token'))).toEqual([
    `sending the API token to localhost:${server.host.split(':')[1]} to fetch RAMP_SPEC_URL (named in RAMP_SPEC_TOKEN_HOST)`,
  ]);
  expect(server.requests.find((r) => r.url === '/openapi.json')?.headers.authorization).toBe(
    'Bearer ramp_tok_spec1234567890',
  );
});
