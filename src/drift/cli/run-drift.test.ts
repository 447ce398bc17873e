import { spawn } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { loadConfig } from '../../config';
import { ConfigError, exitCodeFor, PactLoadError, SpecLoadError, UsageError } from '../../errors';
import { startLocalTestServer } from '../../http/local-test-server';
import { MemorySink } from '../../log/logger';
import type { DriftJson } from '../format';
import type { DriftCommandOptions } from '.';
import { canonicalJson, runDrift } from '.';
import { colourWanted } from './run-drift';

const REPO = resolve(__dirname, '../../..');

/** What the sandbox's `next` revision changes (docs/architecture.md), as `level rule operation`. */
// merchant_name is optional in Ramp's document (and so in the sandbox's baseline): its removal is a warning.
const EXPECTED_NEXT_DRIFT = [
  'warning response-optional-property-removed GET /developer/v1/transactions',
  'warning response-optional-property-removed GET /developer/v1/transactions/{transaction_id}',
  'error request-property-became-required POST /developer/v1/cards/deferred/virtual',
  'warning request-property-max-length-set POST /developer/v1/cards/deferred/virtual',
  'warning response-property-enum-value-added GET /developer/v1/transactions',
  'info endpoint-added GET /developer/v1/limits',
  'info endpoint-deprecated-with-sunset GET /developer/v1/users/{user_id}',
  'warning api-security-scope-added GET /developer/v1/transactions/{transaction_id}',
];

const BASE = `
openapi: 3.0.3
info: { title: cards, version: '1' }
paths:
  /cards/{id}:
    get:
      parameters: [{ name: id, in: path, required: true, schema: { type: string } }]
      responses:
        '200':
          description: a card
          content:
            application/json:
              schema: { type: object, required: [id, name], properties: { id: { type: string }, name: { type: string } } }
  /users:
    get:
      responses:
        '200':
          description: users
          content:
            application/json:
              schema: { type: object, required: [id, email], properties: { id: { type: string }, email: { type: string } } }
`;

/** Two breaking removals (one per operation) and one new endpoint. */
const REVISION = BASE.replace(
  'required: [id, name], properties: { id: { type: string }, name: { type: string } }',
  'required: [id], properties: { id: { type: string } }',
).replace(
  'required: [id, email], properties: { id: { type: string }, email: { type: string } }',
  'required: [id], properties: { id: { type: string } }',
).concat(`  /limits:
    get:
      responses:
        '200': { description: limits }
`);

/** Only the new endpoint: an info-level finding. */
const ADDITION_ONLY = BASE.concat(`  /limits:
    get:
      responses:
        '200': { description: limits }
`);

let dir: string;
let log: MemorySink;
let stdout: string[];

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'rampart-drift-cli-'));
  writeFileSync(join(dir, 'base.yaml'), BASE);
  writeFileSync(join(dir, 'revision.yaml'), REVISION);
  writeFileSync(join(dir, 'addition.yaml'), ADDITION_ONLY);
  log = new MemorySink();
  stdout = [];
});
afterEach(() => {
  rmSync(dir, { recursive: true, force: true });
});

function drift(options: DriftCommandOptions) {
  return runDrift({
    cwd: dir,
    base: 'base.yaml',
    revision: 'revision.yaml',
    log,
    stdout: (text) => stdout.push(text),
    now: () => new Date('2026-06-15T12:00:00Z'),
    ...options,
  });
}

async function rejection(promise: Promise<unknown>): Promise<Error> {
  try {
    await promise;
  } catch (error) {
    return error as Error;
  }
  throw new Error('expected a rejection');
}

const byOperation = (json: DriftJson) =>
  json.findings.map((f) => [f.operation, f.level, f.ignored ? 'ignored' : 'counts']);

describe('runDrift on two files', () => {
  it('prints text grouped by operation with a summary, and exits 1 when something breaking changed', async () => {
    const result = await drift({ show: 'info' });
    expect(result.exitCode).toBe(1);
    expect(result.summary).toMatchObject({ error: 2, info: 1, ignored: 0, failOn: 'error', failed: true });
    const text = stdout.join('');
    expect(text).toBe(result.output);
    expect(text.indexOf('GET /cards/{id}')).toBeLessThan(text.indexOf('GET /limits'));
    expect(text.split('\n')[1]).toBe('✗ 2 breaking, 0 warnings, 1 info — fails on error');
  });

  it('--base-prefix, --revision-prefix and --strip-prefix align the request paths', async () => {
    const prefixed = BASE.replace('/cards/{id}:', '/api/cards/{id}:').replace('/users:', '/api/users:');
    writeFileSync(join(dir, 'prefixed.yaml'), prefixed);
    const same = { exitCode: 0, findings: [] };
    expect((await drift({ revision: 'prefixed.yaml' })).exitCode).toBe(1);
    expect(await drift({ revision: 'prefixed.yaml', basePrefix: '/api' })).toMatchObject(same);
    expect(await drift({ base: 'prefixed.yaml', revision: 'base.yaml', revisionPrefix: 'api/' })).toMatchObject(same);
    expect(await drift({ revision: 'prefixed.yaml', stripPrefix: '/api' })).toMatchObject(same);
  });

  it('exits 0 with no findings when the documents are the same', async () => {
    const result = await drift({ revision: 'base.yaml' });
    expect(result).toMatchObject({ exitCode: 0, findings: [] });
    expect(stdout.join('')).toContain('✓ 0 breaking, 0 warnings, 0 info — fails on error');
  });

  it('--fail-on decides which level fails the run', async () => {
    expect((await drift({ revision: 'addition.yaml' })).exitCode).toBe(0);
    expect((await drift({ revision: 'addition.yaml', failOn: 'warning' })).exitCode).toBe(0);
    expect((await drift({ revision: 'addition.yaml', failOn: 'info' })).exitCode).toBe(1);
    await expect(drift({ failOn: 'fatal' })).rejects.toThrow(
      new UsageError('--fail-on must be one of error, warning, info (got "fatal")'),
    );
  });

  it('json: the documented shape', async () => {
    await drift({ format: 'json' });
    const json = JSON.parse(stdout.join('')) as DriftJson;
    expect(json).toMatchObject({ schemaVersion: 1, base: 'base.yaml', revision: 'revision.yaml' });
    expect(json.summary).toEqual({ error: 2, warning: 0, info: 1, ignored: 0, failOn: 'error', failed: true });
    expect(byOperation(json).sort()).toEqual([
      ['GET /cards/{id}', 'error', 'counts'],
      ['GET /limits', 'info', 'counts'],
      ['GET /users', 'error', 'counts'],
    ]);
    for (const finding of json.findings)
      expect(Object.keys(finding).slice(0, 5)).toEqual(['id', 'level', 'operation', 'location', 'message']);
  });

  it('markdown, junit and github go through the shared renderers', async () => {
    const markdown = (await drift({ format: 'markdown' })).output;
    expect(markdown.startsWith('<!-- rampart:report -->')).toBe(true);
    const junit = (await drift({ format: 'junit' })).output;
    expect(junit.match(/<testcase /g)).toHaveLength(3);
    expect(junit.match(/<failure /g)).toHaveLength(2);
    const github = (await drift({ format: 'github' })).output.trimEnd().split('\n');
    expect(github.filter((l) => l.startsWith('::error title='))).toHaveLength(2);
    expect(github.filter((l) => l.startsWith('::notice title=endpoint-added::'))).toHaveLength(1);
    await expect(drift({ format: 'yaml' })).rejects.toBeInstanceOf(UsageError);
  });

  it('--out writes the file atomically and keeps stdout empty, with the summary on the log', async () => {
    const result = await drift({ format: 'json', out: 'reports/drift.json' });
    expect(stdout).toEqual([]);
    expect(readFileSync(join(dir, 'reports/drift.json'), 'utf8')).toBe(result.output);
    expect(log.lines).toContain('✗ 2 breaking, 0 warnings, 1 info — fails on error');
  });

  it('reads a revision from a URL', async () => {
    const server = await serve(REVISION);
    try {
      const { port } = server.address() as AddressInfo;
      const result = await drift({ revision: `http://127.0.0.1:${port}/openapi.yaml` });
      expect(result.summary.error).toBe(2);
      expect(result.revision).toBe(`http://127.0.0.1:${port}/openapi.yaml`);
    } finally {
      await new Promise((done) => server.close(done));
    }
  });
});

describe('ignore rules and level overrides', () => {
  function config(text: string): void {
    writeFileSync(join(dir, 'rampart.config.yaml'), text);
  }
  async function removalRuleId(): Promise<string> {
    const result = await drift({ config: null });
    const id = result.findings.find((f) => f.operation === 'GET /cards/{id}')?.id;
    if (!id) throw new Error('no finding on GET /cards/{id}');
    return id;
  }

  it('an ignore by rule, method and path glob marks the finding ignored but still shows it', async () => {
    const id = await removalRuleId();
    config(`drift:\n  ignore:\n    - { rule: ${id}, method: get, path: /cards/**, reason: cards are retired }\n`);
    stdout = [];
    const result = await drift({ format: 'json' });
    expect(byOperation(JSON.parse(stdout.join('')) as DriftJson).sort()).toEqual([
      ['GET /cards/{id}', 'error', 'ignored'],
      ['GET /limits', 'info', 'counts'],
      ['GET /users', 'error', 'counts'],
    ]);
    expect(result.summary).toMatchObject({ error: 1, ignored: 1, failed: true });
    expect(result.findings.find((f) => f.ignored)?.ignored).toEqual({ reason: 'cards are retired' });
  });

  it('ignoring every breaking finding passes; a method that does not match ignores nothing', async () => {
    const id = await removalRuleId();
    config(`drift:\n  ignore:\n    - { rule: ${id}, reason: agreed with the provider, expires: 2026-12-31 }\n`);
    const passed = await drift({ show: 'all' });
    expect(passed).toMatchObject({ exitCode: 0, summary: { error: 0, ignored: 2 } });
    expect(passed.output).toContain('ignored: agreed with the provider (until 2026-12-31)');
    expect(passed.output).toContain('✓ 0 breaking, 0 warnings, 1 info (2 ignored) — fails on error');

    config(`drift:\n  ignore:\n    - { rule: ${id}, method: POST, reason: wrong method }\n`);
    expect((await drift({})).summary).toMatchObject({ error: 2, ignored: 0 });
  });

  it('an expired ignore stops applying and the run says so', async () => {
    const id = await removalRuleId();
    config(`drift:\n  ignore:\n    - { rule: ${id}, reason: temporary, expires: 2026-06-14 }\n`);
    const result = await drift({});
    expect(result).toMatchObject({ exitCode: 1, summary: { error: 2, ignored: 0 } });
    expect(result.output).toContain('counts again: its ignore expired on 2026-06-14 (temporary)');
    expect(log.lines).toContain(`warning: ignore of ${id} expired on 2026-06-14 (temporary); its findings count again`);
  });

  it('levels override a rule: raise it to fail the run, or turn it off', async () => {
    config('drift:\n  levels: { endpoint-added: error }\n');
    const raised = await drift({ revision: 'addition.yaml' });
    expect(raised).toMatchObject({ exitCode: 1, summary: { error: 1, info: 0 } });
    config('drift:\n  levels: { endpoint-added: off }\n');
    expect((await drift({ revision: 'addition.yaml' })).findings).toEqual([]);
  });

  it('a bad config is one clear ConfigError naming the file and key (exit 2)', async () => {
    config('drift:\n  levels: { endpoint-add: error }\n');
    const error = await rejection(drift({}));
    expect(error).toBeInstanceOf(ConfigError);
    expect(error.message).toBe(
      'rampart.config.yaml: drift.levels.endpoint-add: unknown rule id "endpoint-add"; did you mean "endpoint-added"? (the rule ids are listed in docs/drift-rules.md)',
    );
    expect(exitCodeFor(error)).toBe(2);
    const missing = await rejection(drift({ config: 'nope.yaml' }));
    expect(missing.message).toMatch(/^config file nope\.yaml not found/);
  });
});

describe('bad input', () => {
  it('a malformed or missing document is a SpecLoadError (exit 2)', async () => {
    writeFileSync(join(dir, 'broken.yaml'), 'openapi: 3.0.3\npaths: {\n  /a: [\n');
    const broken = await rejection(drift({ revision: 'broken.yaml' }));
    expect(broken).toBeInstanceOf(SpecLoadError);
    expect(broken.message).toContain('broken.yaml');
    expect(exitCodeFor(broken)).toBe(2);
    const missing = await rejection(drift({ base: 'missing.yaml' }));
    expect(missing).toBeInstanceOf(SpecLoadError);
    expect(missing.message).toBe('missing.yaml: file not found');
  });

  it('a malformed baseline file is reported before the published document is fetched', async () => {
    writeFileSync(join(dir, 'broken-base.yaml'), 'openapi: 3.0.3\npaths: {\n  /a: [\n');
    const published = await startLocalTestServer((_request, response) => {
      response.end(REVISION);
    });
    try {
      const error = await rejection(drift({ base: 'broken-base.yaml', revision: `${published.url}/openapi.yaml` }));
      expect(error).toBeInstanceOf(SpecLoadError);
      expect(error.message).toContain('broken-base.yaml');
      expect(published.requests).toEqual([]);
    } finally {
      await published.close();
    }
  });

  it('without a baseline, says how to create one', async () => {
    const error = await rejection(runDrift({ cwd: dir, revision: 'revision.yaml', log }));
    expect(error.message).toBe(
      'specs/ramp/openapi.json: no baseline yet; review the published document and accept it with `npm run drift -- --update-baseline`',
    );
  });
});

describe('--update-baseline', () => {
  it('writes the revision as canonical JSON: reordered input gives byte-identical output', async () => {
    const document = {
      openapi: '3.0.3',
      info: { version: '1', title: 'x' },
      paths: {
        '/b': { get: { responses: { '200': { description: 'b' } } } },
        '/a': { get: { responses: { '200': { description: 'a' } } } },
      },
    };
    const reordered = {
      paths: {
        '/a': { get: { responses: { '200': { description: 'a' } } } },
        '/b': { get: { responses: { '200': { description: 'b' } } } },
      },
      info: { title: 'x', version: '1' },
      openapi: '3.0.3',
    };
    writeFileSync(join(dir, 'one.json'), JSON.stringify(document));
    writeFileSync(join(dir, 'two.json'), JSON.stringify(reordered, null, 4));

    const first = await drift({ base: 'specs/first.json', revision: 'one.json', updateBaseline: true });
    expect(first).toMatchObject({ exitCode: 0, baselineWritten: join(dir, 'specs/first.json') });
    await drift({ base: 'specs/second.json', revision: 'two.json', updateBaseline: true });
    const written = readFileSync(join(dir, 'specs/first.json'), 'utf8');
    expect(readFileSync(join(dir, 'specs/second.json'), 'utf8')).toBe(written);
    expect(written).toBe(canonicalJson(document));
    expect(written.startsWith('{\n  "info": {\n    "title": "x",')).toBe(true);
  });

  it('reports the drift it accepts, then exits 0 and the next run is clean', async () => {
    const accepted = await drift({ updateBaseline: true });
    expect(accepted).toMatchObject({ exitCode: 0, summary: { error: 2 } });
    expect(log.lines).toContain('baseline base.yaml updated from revision.yaml');
    expect((await drift({})).findings).toEqual([]);
  });
});

describe('against the embedded sandbox', () => {
  const baseline = join(REPO, 'specs/ramp/openapi.json');
  const sandboxDrift = (specRevision: 'baseline' | 'next') =>
    runDrift({
      cwd: dir,
      base: baseline,
      specRevision,
      rampartConfig: loadConfig({ env: {}, envFile: null }),
      log,
      stdout: (text) => stdout.push(text),
    });

  it('next: reports each drift the revision introduced, with its level, and exits 1', async () => {
    const result = await sandboxDrift('next');
    expect(result.exitCode).toBe(1);
    expect(result.revision).toMatch(/^sandbox:next \(http:\/\/127\.0\.0\.1:\d+\/openapi\.json\)$/);
    const found = result.findings.map((f) => `${f.level} ${f.id} ${f.operation}`);
    expect(found).toEqual(expect.arrayContaining(EXPECTED_NEXT_DRIFT));
  });

  it('baseline: reports nothing and exits 0', async () => {
    const result = await sandboxDrift('baseline');
    expect(result).toMatchObject({ exitCode: 0, findings: [] });
  });

  it('the committed baseline is canonical JSON', () => {
    const text = readFileSync(baseline, 'utf8');
    expect(canonicalJson(JSON.parse(text))).toBe(text);
  });
});

describe('consumer impact', () => {
  const baseline = join(REPO, 'specs/ramp/openapi.json');
  const committedPacts = join(REPO, 'pacts');
  const ONE_TRANSACTION = 'spend-sync › a request for a transaction';
  const nextDrift = (options: DriftCommandOptions = {}) =>
    runDrift({
      cwd: dir,
      base: baseline,
      specRevision: 'next',
      rampartConfig: loadConfig({ env: {}, envFile: null }),
      log,
      stdout: (text) => stdout.push(text),
      pacts: [committedPacts],
      ...options,
    });
  /** The output without its first line, which names the sandbox's (random) port. */
  const body = (output: string) => output.split('\n').slice(1).join('\n');

  it('text leads with the summary in its first lines; info is counted but listed only with --show info', async () => {
    const result = await nextDrift();
    const lines = result.output.split('\n');
    expect(lines.slice(1, 4)).toEqual([
      '✗ 2 breaking, 6 warnings, 5 info; 2 breaking affect our interactions, 0 unaffected — fails on error',
      '  7 of 13 findings touch our interactions',
      '  not listed: 5 info (--show info or all to list them)',
    ]);
    expect(lines.indexOf('Breaking (2)')).toBeGreaterThan(0);
    expect(lines.indexOf('Breaking (2)')).toBeLessThan(lines.indexOf('Warnings (6)'));
    expect(result.output).not.toMatch(/\(info\)/);
    expect(result.output).not.toContain('\u001b[');
    expect((await nextDrift({ show: 'info' })).output).toContain(
      '  · endpoint-added (info): GET /developer/v1/limits was added',
    );
    await expect(nextDrift({ show: 'everything' })).rejects.toThrow(
      '--show must be one of breaking, warnings, info, all (got "everything")',
    );
  });

  it('colour only on a terminal without NO_COLOR, never into a file or a pipe', () => {
    expect(colourWanted({ isTTY: true, env: {} })).toBe(true);
    expect(colourWanted({ isTTY: true, env: { NO_COLOR: '1' } })).toBe(false);
    expect(colourWanted({ isTTY: false, env: {} })).toBe(false);
    expect(colourWanted({ isTTY: true, env: {}, out: 'drift.txt' })).toBe(false);
  });

  it('text: each finding names the interactions it breaks, or says none touches it; the summary splits the breaking ones', async () => {
    const result = await nextDrift({ show: 'info' });
    expect(result.exitCode).toBe(1);
    const lines = result.output.split('\n');
    const removal = lines.findIndex((l) =>
      l.includes("response-optional-property-removed (error): optional response property 'merchant_name' was removed"),
    );
    expect(removal).toBeGreaterThan(0);
    expect(lines.slice(removal + 1, removal + 5)).toEqual([
      '      at response 200 application/json merchant_name',
      '      raised from warning: reads merchant_name (type matcher); reads merchant_name (null matcher)',
      '      breaks: spend-sync › a request for a transaction (reads merchant_name (type matcher))',
      '      breaks: spend-sync › a request for a transaction without a merchant name (reads merchant_name (null matcher))',
    ]);
    const added = lines.findIndex((l) => l.includes('endpoint-added (info): GET /developer/v1/limits was added'));
    expect(lines[added + 1]).toBe('      no consumer interaction touches this');
    const deprecated = lines.findIndex((l) => l.includes('endpoint-deprecated-with-sunset (warning)'));
    expect(lines[deprecated + 1]).toBe('      raised from info: calls GET /developer/v1/users/{user_id}');
    expect(lines[deprecated + 2]).toBe(
      '      affects: spend-sync › a request for a user (calls GET /developer/v1/users/{user_id})',
    );
    expect(lines).toContain(
      '      breaks: card-issuing › a request to create a virtual card (does not send entity_id, which is now required)',
    );
    expect(result.output.split('\n')[1]).toBe(
      '✗ 2 breaking, 6 warnings, 5 info; 2 breaking affect our interactions, 0 unaffected — fails on error',
    );
    expect(log.lines).toContain(
      `matching the findings to the interactions of ${join(committedPacts, 'card-issuing-ramp-developer-api.json')}, ${join(committedPacts, 'spend-sync-ramp-developer-api.json')}`,
    );
  });

  it('json: each finding carries affectedInteractions, unaffected and raisedFrom; the summary the split', async () => {
    await nextDrift({ format: 'json' });
    const json = JSON.parse(stdout.join('')) as DriftJson;
    expect(json.schemaVersion).toBe(1);
    const removal = json.findings.find(
      (f) =>
        f.id === 'response-optional-property-removed' &&
        f.operation === 'GET /developer/v1/transactions/{transaction_id}',
    );
    expect(removal).toMatchObject({ level: 'error', unaffected: false, raisedFrom: 'warning' });
    expect(removal?.affectedInteractions).toContainEqual({
      consumer: 'spend-sync',
      description: 'a request for a transaction',
      reason: 'reads merchant_name (type matcher)',
    });
    const limits = json.findings.find((f) => f.id === 'endpoint-added');
    expect(limits).toMatchObject({ operation: 'GET /developer/v1/limits', affectedInteractions: [], unaffected: true });
    const deprecated = json.findings.find((f) => f.id === 'endpoint-deprecated-with-sunset');
    expect(deprecated).toMatchObject({
      level: 'warning',
      raisedFrom: 'info',
      unaffected: false,
      affectedInteractions: [
        {
          consumer: 'spend-sync',
          description: 'a request for a user',
          reason: 'calls GET /developer/v1/users/{user_id}',
        },
      ],
    });
    for (const finding of json.findings)
      expect(Object.keys(finding).slice(0, 6)).toEqual(['id', 'level', 'operation', 'location', 'message', 'args']);
    const impact = { breakingAffected: 2, breakingUnaffected: 0, raised: 2 };
    expect(json.summary).toEqual({ error: 2, warning: 6, info: 5, ignored: 0, failOn: 'error', failed: true, impact });
  });

  it('markdown and github: the shared renderers get the affected interactions of each finding', async () => {
    const markdown = (await nextDrift({ format: 'markdown' })).output;
    const removal = markdown.slice(markdown.indexOf("'merchant_name' was removed**"));
    expect(removal.split('\n').find((l) => l.startsWith('- **Breaks** '))).toContain(ONE_TRANSACTION);
    expect(removal).toContain(`- **Reproduce** \`npm run drift -- --base ${baseline} --spec-revision next\``);
    const info = markdown.slice(markdown.indexOf('<details><summary>🔵 Info (5)</summary>'));
    expect(info).toContain('- `endpoint-added` on `GET /developer/v1/limits`: GET /developer/v1/limits was added');
    const github = (await nextDrift({ format: 'github' })).output.split('\n');
    const removalLine = github.find((l) =>
      l.startsWith('::error title=response-optional-property-removed::GET /developer/v1/transactions/'),
    );
    expect(removalLine).toContain(`(affects ${ONE_TRANSACTION}`);
  });

  it('--no-pacts gives the output without impact; by default the pacts/ of the working directory are read', async () => {
    const without = await nextDrift({ pacts: false });
    expect(without.output).not.toMatch(/breaks:|affects:|no consumer interaction|raised from/);
    expect(without.output.split('\n')[1]).toBe('✗ 1 breaking, 6 warnings, 6 info — fails on error');
    expect(without.findings.find((f) => f.id === 'endpoint-deprecated-with-sunset')).toMatchObject({ level: 'info' });
    expect(without.findings.every((f) => !('affectedInteractions' in f))).toBe(true);

    // No pacts/ in the temp dir: the same output as --no-pacts.
    const noDir = await nextDrift({ pacts: undefined });
    expect(body(noDir.output)).toBe(body(without.output));

    mkdirSync(join(dir, 'pacts'));
    copyFileSync(
      join(committedPacts, 'spend-sync-ramp-developer-api.json'),
      join(dir, 'pacts/spend-sync-ramp-developer-api.json'),
    );
    const byDefault = await nextDrift({ pacts: undefined });
    expect(byDefault.output).toContain(`breaks: ${ONE_TRANSACTION} (reads merchant_name`);
    // Only spend-sync's pact: the card creation changes now touch nobody of ours.
    expect(byDefault.summary.impact).toEqual({ breakingAffected: 1, breakingUnaffected: 1, raised: 2 });
    expect(log.lines).toContain(
      'matching the findings to the interactions of pacts/spend-sync-ramp-developer-api.json',
    );
  });

  it('--fail-on judges the raised level', async () => {
    writeFileSync(
      join(dir, 'deprecated.yaml'),
      BASE.replace('  /users:\n    get:\n', '  /users:\n    get:\n      deprecated: true\n'),
    );
    writeFileSync(join(dir, 'ledger.json'), JSON.stringify(LEDGER_PACT));
    const run = (pacts: DriftCommandOptions['pacts']) =>
      drift({ revision: 'deprecated.yaml', failOn: 'warning', pacts });
    const plain = await run(false);
    expect(plain.findings.map((f) => `${f.level} ${f.id}`)).toEqual(['info endpoint-deprecated']);
    expect(plain.exitCode).toBe(0);
    const impacted = await run(['ledger.json']);
    expect(impacted.findings).toMatchObject([
      {
        id: 'endpoint-deprecated',
        level: 'warning',
        raisedFrom: 'info',
        affectedInteractions: [{ consumer: 'ledger', description: 'a request for the users' }],
      },
    ]);
    expect(impacted.exitCode).toBe(1);
    expect(impacted.output.split('\n')[1]).toBe(
      '✗ 0 breaking, 1 warning, 0 info; 0 breaking affect our interactions, 0 unaffected — fails on warning',
    );
  });

  it('a malformed pact is a PactLoadError naming the file (exit 2), before any document is fetched', async () => {
    writeFileSync(join(dir, 'broken.json'), '{"consumer": {"name": "ledger"}, ');
    const broken = await rejection(drift({ pacts: ['broken.json'] }));
    expect(broken).toBeInstanceOf(PactLoadError);
    expect(broken.message).toMatch(/^broken\.json: is not JSON \(/);
    expect(exitCodeFor(broken)).toBe(2);

    writeFileSync(join(dir, 'not-a-pact.json'), JSON.stringify({ consumer: { name: 'ledger' } }));
    const notAPact = await rejection(drift({ pacts: ['not-a-pact.json'] }));
    expect(notAPact.message).toBe('not-a-pact.json: is not a pact: missing provider.name');
    const missing = await rejection(drift({ pacts: ['nope'] }));
    expect(missing).toBeInstanceOf(UsageError);
    expect(missing.message).toBe('--pacts nope: no such file or directory');
    mkdirSync(join(dir, 'empty'));
    expect((await rejection(drift({ pacts: ['empty'] }))).message).toBe(
      '--pacts empty: the directory holds no pact files (*.json)',
    );
    expect(stdout).toEqual([]);
  });
});

/** A minimal V4 pact: one consumer reading `GET /users`. */
const LEDGER_PACT = {
  consumer: { name: 'ledger' },
  provider: { name: 'cards' },
  interactions: [
    {
      type: 'Synchronous/HTTP',
      description: 'a request for the users',
      request: { method: 'GET', path: '/users' },
      response: {
        status: 200,
        headers: { 'Content-Type': ['application/json'] },
        body: { content: { id: 'u1', email: 'a@example.test' }, contentType: 'application/json', encoded: false },
      },
    },
  ],
  metadata: { pactSpecification: { version: '4.0' } },
};

describe('the script', () => {
  it('exits 1 on breaking drift, 0 on none, 2 with one line and no stack on bad input (a document or a pact)', async () => {
    writeFileSync(join(dir, 'broken.json'), '{"consumer": ');
    const [breaking, clean, bad, brokenPact] = await Promise.all([
      script(['--base', join(dir, 'base.yaml'), '--revision', join(dir, 'revision.yaml'), '--format', 'json']),
      script(['--base', join(dir, 'base.yaml'), '--revision', join(dir, 'base.yaml')]),
      script(['--base', join(dir, 'missing.yaml'), '--revision', join(dir, 'base.yaml')]),
      script([
        '--base',
        join(dir, 'base.yaml'),
        '--revision',
        join(dir, 'revision.yaml'),
        '--pacts',
        join(dir, 'broken.json'),
      ]),
    ]);
    expect(brokenPact.code).toBe(2);
    expect(brokenPact.stdout).toBe('');
    expect(brokenPact.stderr.trim().split('\n')).toEqual([
      expect.stringMatching(new RegExp(`^rampart: ${escapeRegExp(join(dir, 'broken.json'))}: is not JSON \\(`)),
    ]);
    expect(breaking.code).toBe(1);
    expect((JSON.parse(breaking.stdout) as DriftJson).summary.error).toBe(2);
    expect(clean.code).toBe(0);
    expect(bad.code).toBe(2);
    expect(bad.stderr.trim()).toBe(`rampart: ${join(dir, 'missing.yaml')}: file not found`);
  });
});

function serve(body: string): Promise<Server> {
  return new Promise((done) => {
    const server = createServer((_req, res) => {
      res.writeHead(200, { 'content-type': 'application/yaml' });
      res.end(body);
    });
    server.listen(0, '127.0.0.1', () => done(server));
  });
}

function script(args: string[]): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((done, fail) => {
    const child = spawn(process.execPath, ['--require', require.resolve('tsx/cjs'), 'scripts/drift.ts', ...args], {
      cwd: REPO,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    const timer = setTimeout(() => child.kill('SIGKILL'), 25_000);
    child.on('error', fail);
    child.on('close', (code) => {
      clearTimeout(timer);
      done({ code, stdout, stderr });
    });
  });
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
