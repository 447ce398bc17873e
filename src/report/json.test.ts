import { clearRegisteredSecrets, registerSecret } from '../log/redact';
import { renderJson } from './json';
import { pactCase, reportOf } from './test-fixtures';
import { driftedReport } from '../providers/ramp/testing/sample-reports';

afterEach(() => clearRegisteredSecrets());

describe('renderJson', () => {
  test('keys come in the documented order whatever order the report was built in', () => {
    const report = driftedReport();
    const shuffled = Object.fromEntries(Object.entries(report).reverse()) as typeof report;
    const json = renderJson(shuffled);
    expect(json).toBe(renderJson(report));
    expect(Object.keys(JSON.parse(json) as object)).toEqual([
      'schemaVersion',
      'tool',
      'startedAt',
      'finishedAt',
      'target',
      'verdict',
      'exitCode',
      'totals',
      'tokens',
      'steps',
      'deprecatedCalls',
    ]);
    const parsed = JSON.parse(json) as { steps: Array<{ cases: Array<Record<string, unknown>> }> };
    expect(Object.keys(parsed.steps[0]!.cases[0]!)).toEqual([
      'suite',
      'name',
      'outcome',
      'durationMs',
      'providerState',
      'message',
      'detail',
      'rerun',
    ]);
    expect(Object.keys(parsed.steps[2]!.cases[0]!.data as object)).toEqual([
      'affectedInteractions',
      'level',
      'location',
      'operation',
      'ruleId',
    ]);
  });

  test('2-space indent, trailing newline, and it round-trips to the same values', () => {
    const report = driftedReport();
    const json = renderJson(report);
    expect(json.endsWith('}\n')).toBe(true);
    expect(json.split('\n')[1]).toBe('  "schemaVersion": 1,');
    expect(JSON.parse(json)).toEqual(JSON.parse(JSON.stringify(report)));
  });

  test('masks a registered secret, even one JSON would escape', () => {
    const canary = 'canary"json\\secret';
    registerSecret(canary);
    const json = renderJson(
      reportOf([
        {
          id: 'x',
          title: 'X',
          cases: [
            pactCase('n', { outcome: 'failed', message: canary, data: { body: { token: 'abc123456' }, echo: canary } }),
          ],
        },
      ]),
    );
    expect(JSON.parse(json)).toBeTruthy();
    expect(json).not.toContain('canary');
    expect(json).not.toContain('abc123456');
  });
});
