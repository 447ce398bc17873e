import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ConfigError } from '../../errors';
import type { Finding } from '../format';
import type { RuleId } from '../rule-ids';
import { applyIgnores, loadDriftConfig, nearestId } from '.';

const KNOWN: readonly RuleId[] = [
  'response-required-property-removed',
  'response-property-enum-value-added',
  'request-property-became-required',
  'endpoint-added',
];

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'rampart-drift-config-'));
});
afterEach(() => {
  rmSync(dir, { recursive: true, force: true });
});

function writeConfig(text: string, name = 'rampart.config.yaml'): string {
  const file = join(dir, name);
  writeFileSync(file, text);
  return file;
}

function load(file?: string) {
  return loadDriftConfig({ cwd: dir, knownRuleIds: KNOWN, ...(file ? { file } : {}) });
}

function configError(fn: () => unknown): ConfigError {
  try {
    fn();
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigError);
    return error as ConfigError;
  }
  throw new Error('expected a ConfigError');
}

function finding(id: RuleId, operation: string | null, level: Finding['level'] = 'error'): Finding {
  return { id, level, operation, location: {}, message: `${id} on ${operation ?? 'the document'}`, args: {} };
}

describe('loadDriftConfig', () => {
  it('refuses a section nobody reads, such as a misspelt drift, instead of ignoring it', () => {
    writeConfig('drfit:\n  levels: { endpoint-added: error }\n');
    expect(configError(() => load()).message).toBe(
      'rampart.config.yaml: unknown section "drfit" (the sections are drift, spec-gaps)',
    );
    writeConfig('- drift\n');
    expect(configError(() => load()).message).toBe(
      'rampart.config.yaml: must be a mapping of sections (drift, spec-gaps)',
    );
  });

  it('is empty when there is no config file in the working directory', () => {
    expect(load()).toEqual({ file: null, levels: {}, ignore: [] });
  });

  it('reads levels and ignore rules from rampart.config.yaml, upper-casing methods', () => {
    writeConfig(`
spec-gaps: { levels: {} }
drift:
  levels: { response-property-enum-value-added: error, endpoint-added: off }
  ignore:
    - rule: response-required-property-removed
      method: get
      path: /developer/v1/cards/**
      reason: "cards API is being retired"
      expires: 2027-01-31
    - rule: request-property-became-required
      reason: agreed with Ramp
`);
    expect(load()).toEqual({
      file: 'rampart.config.yaml',
      levels: { 'response-property-enum-value-added': 'error', 'endpoint-added': 'off' },
      ignore: [
        {
          rule: 'response-required-property-removed',
          method: 'GET',
          path: '/developer/v1/cards/**',
          reason: 'cards API is being retired',
          expires: '2027-01-31',
        },
        { rule: 'request-property-became-required', reason: 'agreed with Ramp' },
      ],
    });
  });

  it('reads an explicit --config file and fails clearly when it does not exist', () => {
    const file = writeConfig('drift:\n  levels: { endpoint-added: warning }\n', 'custom.yaml');
    expect(load(file).levels).toEqual({ 'endpoint-added': 'warning' });
    expect(configError(() => load('missing.yaml')).message).toMatch(/^config file missing\.yaml not found/);
  });

  it('names the file and the key when a required field is missing', () => {
    writeConfig('drift:\n  ignore:\n    - rule: response-required-property-removed\n');
    expect(configError(() => load()).message).toBe(
      'rampart.config.yaml: drift.ignore[0].reason is required: say why the finding is accepted',
    );
  });

  it('rejects an unknown level, method, date and key with the key named', () => {
    writeConfig('drift:\n  levels: { endpoint-added: fatal }\n');
    expect(configError(() => load()).message).toBe(
      'rampart.config.yaml: drift.levels.endpoint-added must be one of error, warning, info, off',
    );
    writeConfig('drift:\n  ignore: [{ rule: endpoint-added, reason: x, method: FETCH }]\n');
    expect(configError(() => load()).message).toMatch(/drift\.ignore\[0\]\.method must be one of GET, PUT/);
    writeConfig('drift:\n  ignore: [{ rule: endpoint-added, reason: x, expires: 2027-02-30 }]\n');
    expect(configError(() => load()).message).toBe(
      'rampart.config.yaml: drift.ignore[0].expires must be a date like 2027-01-31 (got "2027-02-30")',
    );
    writeConfig('drift:\n  ignores: []\n');
    expect(configError(() => load()).message).toBe('rampart.config.yaml: drift: unknown key "ignores"');
  });

  it('points at the nearest known id for an unknown rule id', () => {
    writeConfig('drift:\n  levels: { response-property-enum-added: error }\n');
    expect(configError(() => load()).message).toBe(
      'rampart.config.yaml: drift.levels.response-property-enum-added: unknown rule id "response-property-enum-added"; did you mean "response-property-enum-value-added"? (the rule ids are listed in docs/drift-rules.md)',
    );
    writeConfig('drift:\n  ignore: [{ rule: response-required-propertyremoved, reason: x }]\n');
    expect(configError(() => load()).message).toMatch(
      /drift\.ignore\[0\]\.rule: unknown rule id "response-required-propertyremoved"; did you mean "response-required-property-removed"\?/,
    );
  });

  it('reports YAML syntax errors with line and column', () => {
    writeConfig('drift:\n  levels: { endpoint-added: error\n');
    expect(configError(() => load()).message).toMatch(/^rampart\.config\.yaml at line \d+, column \d+: not valid YAML/);
  });
});

describe('applyIgnores', () => {
  const now = () => new Date('2026-06-15T12:00:00Z');
  const findings = [
    finding('response-required-property-removed', 'GET /developer/v1/cards/{id}'),
    finding('response-required-property-removed', 'POST /developer/v1/cards/deferred/virtual'),
    finding('response-required-property-removed', 'GET /developer/v1/transactions'),
    finding('response-required-property-removed', null),
    finding('endpoint-added', 'GET /developer/v1/cards/{id}', 'info'),
  ];

  it('marks findings matching rule id, method and path glob, and keeps every finding', () => {
    const out = applyIgnores(
      findings,
      [
        {
          rule: 'response-required-property-removed',
          method: 'GET',
          path: '/developer/v1/cards/**',
          reason: 'retiring',
        },
      ],
      { now },
    );
    expect(out).toHaveLength(findings.length);
    expect(out.map((f) => f.ignored ?? null)).toEqual([{ reason: 'retiring' }, null, null, null, null]);
  });

  it('without a method or path, covers every finding of the rule, document-level ones included', () => {
    const out = applyIgnores(findings, [{ rule: 'response-required-property-removed', reason: 'all of them' }], {
      now,
    });
    expect(out.filter((f) => f.ignored).map((f) => f.operation)).toEqual([
      'GET /developer/v1/cards/{id}',
      'POST /developer/v1/cards/deferred/virtual',
      'GET /developer/v1/transactions',
      null,
    ]);
  });

  it('applies through the expiry day and stops after it, marking the finding as counting again', () => {
    const rule = { rule: 'endpoint-added' as const, reason: 'temporary', expires: '2026-06-15' };
    expect(applyIgnores(findings, [rule], { now })[4]?.ignored).toEqual({ reason: 'temporary', expires: '2026-06-15' });
    const later = applyIgnores(findings, [rule], { now: () => new Date('2026-06-16T00:00:01Z') })[4];
    expect(later?.ignored).toBeUndefined();
    expect(later?.ignoreExpired).toEqual({ reason: 'temporary', expires: '2026-06-15' });
  });
});

describe('nearestId', () => {
  it('picks the smallest edit distance', () => {
    expect(nearestId('endpont-added', KNOWN)).toBe('endpoint-added');
    expect(nearestId('x', [])).toBeNull();
  });

  it('names no id when even the closest one is mostly different', () => {
    expect(nearestId('nope', KNOWN)).toBeNull();
    expect(nearestId('removed', KNOWN)).toBeNull();
  });
});
