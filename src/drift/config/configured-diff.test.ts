import { loadSpecText } from '..';
import { configuredDiff } from './configured-diff';
import { EMPTY_DRIFT_CONFIG, type DriftConfig } from './load-drift-config';

const spec = (properties: Record<string, unknown>) =>
  loadSpecText(
    JSON.stringify({
      openapi: '3.0.3',
      info: { title: 't', version: '1' },
      paths: {
        '/cards': {
          get: {
            responses: {
              '200': {
                description: 'ok',
                content: {
                  'application/json': { schema: { type: 'object', required: Object.keys(properties), properties } },
                },
              },
            },
          },
        },
      },
    }),
    'inline.json',
  );

const base = spec({ id: { type: 'string' }, last_four: { type: 'string' } });
const revision = spec({ id: { type: 'string' } });

describe('configuredDiff', () => {
  it('with no config, reports what the engine reports', () => {
    const findings = configuredDiff(base, revision, EMPTY_DRIFT_CONFIG);
    expect(findings.map((f) => [f.id, f.level, f.ignored])).toEqual([
      ['response-required-property-removed', 'error', undefined],
    ]);
  });

  it('applies level overrides and marks ignored findings without dropping them', () => {
    const config: DriftConfig = {
      ...EMPTY_DRIFT_CONFIG,
      levels: { 'response-required-property-removed': 'warning' },
      ignore: [{ rule: 'response-required-property-removed', method: 'GET', path: '/cards', reason: 'retiring cards' }],
    };
    const [finding] = configuredDiff(base, revision, config, { now: () => new Date('2026-01-01') });
    expect(finding?.level).toBe('warning');
    expect(finding?.ignored).toEqual({ reason: 'retiring cards' });
  });
});
