import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ConfigError } from '../errors';
import {
  comparePactsToSpec,
  loadSpecGapConfig,
  validateExchanges,
  type RecordedExchange,
  type SpecGapConfig,
} from './index';

/**
 * Spec gaps are not contract breaks: a 4xx the provider's document does not describe is a documentation
 * gap (a warning by default), which `rampart.config.yaml` can raise to error or ignore with a reason and
 * an expiry. A 2xx the document does not describe stays a failure.
 */

/** A provider document like Ramp's: successes only. */
const spec = {
  openapi: '3.0.3',
  info: { title: 'widgets', version: '1' },
  paths: {
    '/widgets/{id}': {
      get: {
        responses: {
          '200': {
            description: 'ok',
            content: { 'application/json': { schema: { type: 'object', properties: { id: { type: 'string' } } } } },
          },
        },
      },
    },
  },
};

function pactExpecting(status: number, description = `get a widget (${status})`) {
  return {
    consumer: { name: 'shop' },
    provider: { name: 'widgets' },
    interactions: [
      {
        type: 'Synchronous/HTTP',
        description,
        request: { method: 'GET', path: '/widgets/w-1' },
        response: {
          status,
          ...(status < 300 && { body: { content: { id: 'w-1' }, contentType: 'application/json', encoded: false } }),
        },
      },
    ],
    metadata: { pactSpecification: { version: '4.0' } },
  };
}

const config = (over: Partial<SpecGapConfig>): SpecGapConfig => ({
  file: 'rampart.config.yaml',
  levels: {},
  ignore: [],
  ...over,
});
const exchange = (status: number): RecordedExchange => ({
  method: 'GET',
  path: '/widgets/w-1',
  status,
  contentType: null,
  durationMs: 1,
});

describe('documentation gaps in pacts vs spec', () => {
  it('passes an expected 4xx the spec does not describe with a warning, and still fails an undescribed 2xx', async () => {
    const [gap] = await comparePactsToSpec([pactExpecting(403)], spec);
    expect(gap).toMatchObject({
      outcome: 'passed',
      severity: 'warning',
      data: { ruleId: 'pact-undocumented-error-status', level: 'warning' },
    });
    expect(gap?.message).toBe(
      'the interaction expects status 403, which the published spec does not describe (a documentation gap, pact-undocumented-error-status)',
    );
    const [undescribedSuccess] = await comparePactsToSpec([pactExpecting(201)], spec);
    expect(undescribedSuccess).toMatchObject({
      outcome: 'failed',
      severity: 'error',
      data: { ruleId: 'response.status.unknown' },
    });
  });

  it('fails the gap when the team raises it to error', async () => {
    const levels = { 'pact-undocumented-error-status': 'error' } as const;
    const [gap] = await comparePactsToSpec([pactExpecting(404)], spec, config({ levels }));
    expect(gap).toMatchObject({ outcome: 'failed', severity: 'error' });
    expect(gap?.message).toContain('(error in rampart.config.yaml)');
  });

  it('ignores it with a reason until the expiry, then counts it again', async () => {
    const ignore = [
      {
        rule: 'pact-undocumented-error-status' as const,
        method: 'GET',
        path: '/widgets/**',
        status: 404,
        reason: 'asked the provider',
        expires: '2099-12-31',
      },
    ];
    const [ignored] = await comparePactsToSpec([pactExpecting(404)], spec, config({ ignore }));
    expect(ignored).toMatchObject({
      outcome: 'passed',
      data: { ignored: { reason: 'asked the provider', expires: '2099-12-31' } },
    });
    expect(ignored?.severity).toBeUndefined();
    // another status is not covered by the ignore
    const [other] = await comparePactsToSpec([pactExpecting(401)], spec, config({ ignore }));
    expect(other?.severity).toBe('warning');
    const expired = [{ ...ignore[0]!, expires: '2020-01-01' }];
    const [back] = await comparePactsToSpec([pactExpecting(404)], spec, config({ ignore: expired }));
    expect(back).toMatchObject({
      outcome: 'passed',
      severity: 'warning',
      data: { ignoreExpired: { reason: 'asked the provider', expires: '2020-01-01' } },
    });
    expect(back?.message).toContain('its ignore expired on 2020-01-01');
  });
});

describe('documentation gaps in responses vs spec', () => {
  it('warns of a 4xx the provider sent that the spec does not describe; a 2xx stays a failure', () => {
    const [gap, success] = validateExchanges(spec, [exchange(404), exchange(202)]);
    expect(gap).toMatchObject({
      outcome: 'passed',
      severity: 'warning',
      data: { ruleId: 'provider-undocumented-error-status' },
    });
    expect(success).toMatchObject({
      outcome: 'failed',
      severity: 'error',
      data: { ruleId: 'provider-undocumented-status' },
    });
  });

  it('follows the same config: raised to error, or turned off', () => {
    const raised = validateExchanges(
      spec,
      [exchange(404)],
      config({ levels: { 'provider-undocumented-error-status': 'error' } }),
    );
    expect(raised[0]).toMatchObject({ outcome: 'failed', severity: 'error' });
    const off = validateExchanges(
      spec,
      [exchange(404)],
      config({ levels: { 'provider-undocumented-error-status': 'off' } }),
    );
    expect(off[0]?.outcome).toBe('passed');
    expect(off[0]?.severity).toBeUndefined();
  });
});

describe('loadSpecGapConfig', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'rampart-spec-gaps-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));
  const write = (text: string) => writeFileSync(join(dir, 'rampart.config.yaml'), text);

  it('reads the spec-gaps section next to drift, and defaults without a file', () => {
    expect(loadSpecGapConfig({ cwd: dir })).toEqual({ file: null, levels: {}, ignore: [] });
    write(
      [
        'drift:',
        '  levels: { endpoint-added: off }',
        'spec-gaps:',
        '  levels:',
        '    pact-undocumented-error-status: error',
        '  ignore:',
        '    - rule: provider-undocumented-error-status',
        '      method: get',
        '      path: /developer/v1/cards/**',
        '      status: 404',
        '      reason: Ramp documents no 404',
        '      expires: 2027-06-30',
      ].join('\n'),
    );
    expect(loadSpecGapConfig({ cwd: dir })).toEqual({
      file: 'rampart.config.yaml',
      levels: { 'pact-undocumented-error-status': 'error' },
      ignore: [
        {
          rule: 'provider-undocumented-error-status',
          method: 'GET',
          path: '/developer/v1/cards/**',
          status: 404,
          reason: 'Ramp documents no 404',
          expires: '2027-06-30',
        },
      ],
    });
  });

  it('names the file and the key of a mistake in one line', () => {
    write('spec-gaps:\n  ignore:\n    - rule: pact-undocumented-error-status\n      status: 404\n');
    expect(() => loadSpecGapConfig({ cwd: dir })).toThrow(ConfigError);
    expect(() => loadSpecGapConfig({ cwd: dir })).toThrow(
      /^rampart\.config\.yaml: spec-gaps\.ignore\[0\]\.reason is required: say why the gap is accepted$/,
    );
    write('spec-gaps:\n  levels:\n    pact-undocumented-status: error\n');
    expect(() => loadSpecGapConfig({ cwd: dir })).toThrow(
      'rampart.config.yaml: spec-gaps.levels has unknown key "pact-undocumented-status" (rule ids: pact-undocumented-error-status, provider-undocumented-error-status)',
    );
  });
});
