import { readFileSync, rmSync, writeFileSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ConfigError } from '../errors';
import { checkKeyAge } from './key-rotation';
import { checkLeastPrivilege } from './least-privilege';
import {
  loadRampPolicy,
  nextStage,
  parseRampPolicy,
  resolveStage,
  stageAllowsOperation,
  DEFAULT_POLICY_FILE,
} from './policy';
import type { SpecOperation } from './spec-operations';
import { matchOperation, specOperations } from './spec-operations';

const policy = loadRampPolicy(DEFAULT_POLICY_FILE);
const pilot = resolveStage(policy, null);
const growth = resolveStage(policy, 'growth');

describe('the ramp policy', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'rampart-policy-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  // the committed policy is valid and its first stage is the default
  it('loads the committed policy; the first stage is the default and the stages are ordered', () => {
    expect(policy.stages.map((s) => s.name)).toEqual(['pilot', 'growth', 'scale']);
    expect(pilot.name).toBe('pilot');
    expect(nextStage(policy, pilot)?.name).toBe('growth');
    expect(nextStage(policy, resolveStage(policy, 'scale'))).toBeNull();
  });

  // a bad value is one line naming the file and the key
  it('names the file and the key of a bad value', () => {
    const file = join(dir, 'ramp-policy.json');
    const broken = JSON.parse(JSON.stringify(policy)) as { stages: Array<{ rateLimit: { requests: number } }> };
    broken.stages[1]!.rateLimit.requests = 0;
    writeFileSync(file, JSON.stringify(broken));
    expect(() => loadRampPolicy(file)).toThrow(ConfigError);
    expect(() => loadRampPolicy(file)).toThrow(
      `ramp policy ${file} at stages[1].rateLimit.requests: must be at least 1`,
    );
  });

  it.each([
    [{ ...policy, stages: [] }, /at stages: must list at least one stage/],
    [{ ...policy, stages: [pilot, pilot] }, /at stages: stage names must be unique/],
    [
      { ...policy, stages: [{ ...pilot, operations: ['FETCH /x'] }] },
      /at stages\[0\]\.operations\[0\]: must look like "GET/,
    ],
    [{ ...policy, stages: [{ ...pilot, scopes: ['everything'] }] }, /at stages\[0\]\.scopes\[0\]: must be a scope/],
    [{ ...policy, surprise: true }, /Unrecognized key/],
    [{ ...policy, provider: 'acme-api' }, /at provider: must be "ramp-developer-api", the provider whose pacts/],
  ])('refuses a malformed policy (%#)', (json, message) => {
    expect(() => parseRampPolicy(json, 'p.json')).toThrow(message);
  });

  it('refuses an unreadable or non-JSON file with one line', () => {
    expect(() => loadRampPolicy(join(dir, 'missing.json'))).toThrow(/cannot be read \(ENOENT\)/);
    const file = join(dir, 'bad.json');
    writeFileSync(file, '{');
    expect(() => loadRampPolicy(file)).toThrow(/is not JSON/);
  });

  it('reads a policy an editor saved with a byte order mark', () => {
    const file = join(dir, 'bom.json');
    writeFileSync(file, `\uFEFF${readFileSync(DEFAULT_POLICY_FILE, 'utf8')}`);
    expect(loadRampPolicy(file)).toEqual(loadRampPolicy(DEFAULT_POLICY_FILE));
  });

  it('names the known stages when RAMPART_STAGE is unknown', () => {
    expect(() => resolveStage(policy, 'hyper')).toThrow(
      'unknown stage "hyper" (RAMPART_STAGE); the ramp policy has pilot, growth, scale',
    );
  });

  // globs: * is one path segment, ** any number, a method of * any method
  it('matches operations against the stage globs', () => {
    expect(stageAllowsOperation(pilot, 'GET /developer/v1/cards/{card_id}')).toBe(true);
    expect(stageAllowsOperation(pilot, 'PATCH /developer/v1/users/{user_id}')).toBe(false);
    expect(stageAllowsOperation(pilot, 'GET /developer/v1/locations')).toBe(false);
    expect(stageAllowsOperation(growth, 'GET /developer/v1/cards/deferred/status/{task_id}')).toBe(true);
    expect(
      stageAllowsOperation(resolveStage(policy, 'scale'), 'GET /developer/v1/reimbursements/{reimbursement_id}'),
    ).toBe(true);
    expect(
      stageAllowsOperation({ ...pilot, operations: ['* /developer/v1/business'] }, 'POST /developer/v1/business'),
    ).toBe(true);
  });
});

describe('key age', () => {
  const day = 86_400_000;
  const now = () => Date.parse('2026-06-30T12:00:00Z');
  const issued = (daysAgo: number) => new Date(now() - daysAgo * day).toISOString().slice(0, 10);

  it('is a notice when the issue date is unknown', () => {
    const c = checkKeyAge({ stage: pilot, issuedAt: null, now });
    expect(c).toMatchObject({ outcome: 'passed', severity: 'info', data: { check: 'key-age', stage: 'pilot' } });
  });

  it('passes a young secret, warns within 14 days of the maximum, fails past it', () => {
    expect(checkKeyAge({ stage: pilot, issuedAt: issued(10), now })).toMatchObject({ outcome: 'passed' });
    expect(checkKeyAge({ stage: pilot, issuedAt: issued(10), now }).severity).toBeUndefined();
    expect(checkKeyAge({ stage: pilot, issuedAt: issued(80), now })).toMatchObject({
      outcome: 'passed',
      severity: 'warning',
      message: expect.stringContaining('10 day(s) left'),
    });
    const old = checkKeyAge({ stage: pilot, issuedAt: issued(91), now });
    expect(old).toMatchObject({ outcome: 'failed', severity: 'error', data: { ageDays: 91, maxSecretAgeDays: 90 } });
    expect(String(old.data?.['remedy'])).toMatch(/rotate/);
    // the same secret is fine at pilot but too old for growth (60 days)
    expect(checkKeyAge({ stage: growth, issuedAt: issued(70), now }).outcome).toBe('failed');
  });
});

describe('least privilege', () => {
  const op = (method: string, path: string, scopes: string[], basePaths: string[] = []): SpecOperation => ({
    method,
    path,
    basePaths,
    key: `${method} ${path}`,
    scopes,
    requiresToken: true,
    pathParams: [...path.matchAll(/\{([^}]+)\}/g)].map((m) => m[1] as string),
    requiredQuery: {},
    hasRequestBody: false,
    deprecated: false,
  });
  const operations = [
    op('GET', '/developer/v1/cards', ['cards:read']),
    op('GET', '/developer/v1/cards/{card_id}', ['cards:read']),
    op('POST', '/developer/v1/cards/deferred/virtual', ['cards:write']),
    op('GET', '/developer/v1/locations', ['locations:read']),
  ];
  const pactCalls = [
    { consumer: 'card-issuing', description: 'a card', method: 'GET', path: '/developer/v1/cards/3c9e8f7a' },
    {
      consumer: 'card-issuing',
      description: 'a new card',
      method: 'POST',
      path: '/developer/v1/cards/deferred/virtual',
    },
  ];
  const failures = (cases: ReturnType<typeof checkLeastPrivilege>) =>
    cases.filter((c) => c.outcome === 'failed').map((c) => c.message);

  it('prefers a literal path to a template when matching pact requests', () => {
    expect(matchOperation([op('GET', '/a/{id}', []), op('GET', '/a/list', [])], 'GET', '/a/list')?.path).toBe(
      '/a/list',
    );
  });

  it('matches a pact request under the base path of a server URL whose version variable has a default', () => {
    const spec = {
      source: 'versioned.json',
      version: '3.0' as const,
      document: {
        openapi: '3.0.3',
        info: { title: 't', version: '1' },
        servers: [{ url: 'https://api.example.com/{version}', variables: { version: { default: 'v1' } } }],
        paths: { '/cards/{card_id}': { get: { responses: {} } } },
      },
    };
    // The key names the operation as it is requested: under the servers' path.
    expect(matchOperation(specOperations(spec), 'GET', '/v1/cards/3c9e8f7a')?.key).toBe('GET /v1/cards/{card_id}');
    expect(matchOperation(specOperations(spec), 'GET', '/v2/cards/3c9e8f7a')).toBeNull();
  });

  it('passes when every requested scope is needed and allowed', () => {
    const cases = checkLeastPrivilege({
      policy,
      stage: pilot,
      operations,
      pactCalls,
      configuredScopes: ['cards:read', 'cards:write', 'business:read'],
    });
    expect(failures(cases)).toEqual([]);
    expect(cases.find((c) => c.data?.['scope'] === 'business:read')?.message).toMatch(/token probes/);
  });

  it('names an unused scope and an over-stage scope, and why', () => {
    const atGrowth = checkLeastPrivilege({
      policy,
      stage: growth,
      operations,
      pactCalls,
      configuredScopes: ['cards:read', 'cards:write', 'business:read', 'locations:read'],
    });
    expect(failures(atGrowth)).toEqual([
      expect.stringMatching(/^unused scope: locations:read is requested but no pact interaction/),
    ]);
    const atPilot = checkLeastPrivilege({
      policy,
      stage: pilot,
      operations,
      pactCalls,
      configuredScopes: ['cards:read', 'cards:write', 'business:read', 'locations:read'],
    });
    expect(failures(atPilot)).toEqual([
      expect.stringMatching(/^over-stage scope: locations:read is requested but stage pilot allows only/),
    ]);
    expect(atPilot.find((c) => c.outcome === 'failed')?.data).toMatchObject({
      check: 'least-privilege',
      stage: 'pilot',
      scope: 'locations:read',
      remedy: expect.stringMatching(/remove locations:read/),
    });
  });

  it('names a scope the pacts need but the client does not request, and an operation beyond the stage', () => {
    const calls = [
      ...pactCalls,
      { consumer: 'spend-sync', description: 'locations', method: 'GET', path: '/developer/v1/locations' },
    ];
    const cases = checkLeastPrivilege({
      policy,
      stage: pilot,
      operations,
      pactCalls: calls,
      configuredScopes: ['cards:read', 'cards:write', 'business:read'],
    });
    expect(failures(cases)).toEqual([
      expect.stringMatching(
        /^missing scope: GET \/developer\/v1\/locations needs locations:read, which RAMP_SCOPES does not request and stage pilot does not allow/,
      ),
      expect.stringMatching(/^over-stage operation: spend-sync calls GET \/developer\/v1\/locations/),
    ]);
  });

  it('reports a grant broader than the request', () => {
    const cases = checkLeastPrivilege({
      policy,
      stage: pilot,
      operations,
      pactCalls,
      configuredScopes: ['cards:read', 'cards:write', 'business:read'],
      scopeDrift: [
        {
          scopeSet: 'business:read cards:read cards:write',
          requested: [],
          granted: ['business:read', 'cards:read', 'cards:write', 'users:write'],
          missing: [],
          extra: ['users:write'],
          note: null,
        },
      ],
    });
    expect(failures(cases)).toEqual([expect.stringMatching(/^over-broad grant: .* also granted users:write/)]);
  });
});
