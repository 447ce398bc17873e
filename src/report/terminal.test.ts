import { clearRegisteredSecrets, registerSecret } from '../log/redact';
import { ProgressPrinter, renderSummaryTable } from './terminal';
import { reportOf } from './test-fixtures';
import { driftedReport } from '../providers/ramp/testing/sample-reports';

afterEach(() => clearRegisteredSecrets());

describe('ProgressPrinter', () => {
  test('prints one plain line per item, with no cursor or colour codes when colour is off', () => {
    const lines: string[] = [];
    const progress = new ProgressPrinter({ total: 3, write: (l) => lines.push(l), color: false });
    progress.record({ name: 'list transactions', outcome: 'passed', durationMs: 41.6 });
    progress.record({
      name: 'get a transaction',
      outcome: 'failed',
      durationMs: 12,
      message: 'status 403\ninstead of 200',
    });
    progress.record({ name: 'create a card', outcome: 'skipped' });
    expect(lines).toEqual([
      'interaction 1 of 3 ✓ list transactions (42 ms)',
      'interaction 2 of 3 ✗ get a transaction (12 ms): status 403 instead of 200',
      'interaction 3 of 3 - create a card',
    ]);
  });

  test('colours only the symbol when asked, and never counts past a total it outgrew', () => {
    const lines: string[] = [];
    const progress = new ProgressPrinter({ total: 1, noun: 'probe', write: (l) => lines.push(l), color: true });
    progress.record({ name: 'a', outcome: 'passed' });
    progress.record({ name: 'b', outcome: 'error', message: 'boom' });
    expect(lines).toEqual(['probe 1 of 1 \u001b[32m✓\u001b[0m a', 'probe 2 of 2 \u001b[33m!\u001b[0m b: boom']);
    progress.setTotal(5);
    expect(progress.record({ name: 'c', outcome: 'passed' })).toContain('probe 3 of 5');
  });

  test('redacts what it prints', () => {
    registerSecret('canary-progress-1234');
    const lines: string[] = [];
    new ProgressPrinter({ total: 1, write: (l) => lines.push(l), color: false }).record({
      name: 'x',
      outcome: 'failed',
      message: 'canary-progress-1234',
    });
    expect(lines[0]).toBe('interaction 1 of 1 ✗ x: [REDACTED]');
  });
});

describe('renderSummaryTable', () => {
  test('a table of steps with totals, then each failure with expected vs actual and its rerun command', () => {
    const text = renderSummaryTable(driftedReport());
    const lines = text.split('\n');
    expect(lines.slice(0, 8)).toEqual([
      'step               passed  failed  errors  skipped',
      '-----------------  ------  ------  ------  -------',
      'Pact verification       1       2       0        0',
      'Token probes            1       0       0        0',
      'Spec drift              2       2       0        0',
      '-----------------  ------  ------  ------  -------',
      'total                   4       4       0        0',
      '',
    ]);
    expect(text).toContain(
      [
        '✗ pact spend-sync -> ramp-developer-api · get a transaction',
        '  provider state: a transaction with id exists',
        '  status 403 instead of 200',
        '    expected status: 200',
        '    actual status:   403 (missing scope receipts:read)',
        '  rerun: npm run verify -- --pact pacts/spend-sync-ramp-developer-api.json --interaction "get a transaction"',
      ].join('\n'),
    );
    expect(lines.slice(-2)).toEqual(['verdict: contract broken (exit 1)', 'time: 4.5 s in all']);
  });

  test('a drift finding carries the command that diffs the same two documents again', () => {
    const text = renderSummaryTable(driftedReport());
    expect(text).toContain(
      '✗ drift · response-required-property-removed GET /developer/v1/transactions\n  removed response property `merchant_name` of Transaction\n  rerun: npm run drift -- --spec-revision next',
    );
    const staging = driftedReport();
    staging.target = { kind: 'staging', baseUrl: 'https://staging.example' };
    staging.steps = staging.steps.map((s) =>
      s.id === 'drift'
        ? { ...s, summary: { base: 'specs/ramp/openapi.json', revision: 'https://staging.example/openapi.json' } }
        : s,
    );
    expect(renderSummaryTable(staging)).toContain(
      '  rerun: npm run drift -- --base specs/ramp/openapi.json --revision https://staging.example/openapi.json',
    );
  });

  test('ends with the total time and the slowest step', () => {
    const report = driftedReport();
    report.steps = report.steps.map((s, i) => ({
      ...s,
      summary: { ...s.summary, durationMs: [1200, 3100, 40][i] ?? 0 },
    }));
    expect(renderSummaryTable(report).split('\n').at(-1)).toBe(
      'time: 4.5 s in all; slowest step: Token probes (3.1 s)',
    );
  });

  test('a step that could not run counts as an error and the verdict says exit 2', () => {
    const text = renderSummaryTable(
      reportOf([{ id: 'pacts', title: 'Pacts', cases: [], error: 'staging unreachable' }]),
    );
    expect(text).toContain('Pacts (could not run)       0       0       1        0');
    expect(text).toContain('! Pacts could not run: staging unreachable');
    expect(text).toContain('(exit 2)\ntime: 4.5 s in all');
  });
});
