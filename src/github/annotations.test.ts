import { clearRegisteredSecrets, registerSecret } from '../log/redact';
import { pactCase, reportOf } from '../report/test-fixtures';
import { driftedReport } from '../providers/ramp/testing/sample-reports';
import { escapeData, escapeProperty, renderAnnotations } from './annotations';

afterEach(() => clearRegisteredSecrets());

describe('renderAnnotations', () => {
  test('failures are errors, warnings warnings, info notices; titled by rule or check', () => {
    expect(renderAnnotations(driftedReport())).toEqual([
      '::error title=list transactions::pact spend-sync -> ramp-developer-api · list transactions: response body does not match Rerun: npm run verify -- --pact pacts/spend-sync-ramp-developer-api.json --interaction "list transactions"',
      '::error title=get a transaction::pact spend-sync -> ramp-developer-api · get a transaction: status 403 instead of 200 Rerun: npm run verify -- --pact pacts/spend-sync-ramp-developer-api.json --interaction "get a transaction"',
      '::error title=response-required-property-removed::GET /developer/v1/transactions: removed response property `merchant_name` of Transaction (affects spend-sync: list transactions)',
      '::error title=request-property-max-length-decreased::POST /developer/v1/cards/deferred/virtual: maxLength of display_name decreased from 50 to 32',
      '::warning title=response-property-enum-value-added::GET /developer/v1/transactions: Transaction.state gains DISPUTED, which spend-sync switches on (affects spend-sync: list transactions)',
      '::notice title=endpoint-added::GET /developer/v1/limits: new endpoint',
    ]);
  });

  test('a step that could not run is an error annotation', () => {
    expect(
      renderAnnotations(reportOf([{ id: 'pacts', title: 'Pacts', cases: [], error: 'staging unreachable' }])),
    ).toEqual(['::error title=Pacts%3A could not run::staging unreachable']);
  });

  test('escapes per the Actions toolkit and keeps each command on one line', () => {
    expect(escapeData('50% done\r\nnext: a,b')).toBe('50%25 done%0D%0Anext: a,b');
    expect(escapeProperty('rule: a,b%\n')).toBe('rule%3A a%2Cb%25%0A');
    const [line] = renderAnnotations(
      reportOf([
        {
          id: 'x',
          title: 'X',
          cases: [pactCase('a, b: c', { outcome: 'failed', message: '100%\nbroken\r\n::error::injected' })],
        },
      ]),
    );
    expect(line).toBe(
      '::error title=a%2C b%3A c::pact spend-sync -> ramp-developer-api · a, b: c: 100%25%0Abroken%0D%0A::error::injected',
    );
    expect(line!.split('\n')).toHaveLength(1);
  });

  test('escapes the other control characters too, so nothing starts a line of its own', () => {
    expect(escapeData('a\u000b::error::b\u0085c\u2028d\u001b[0m')).toBe('a%0B::error::b%85c%2028d%1B[0m');
  });

  test('masks registered secrets', () => {
    registerSecret('canary-annotation-42');
    const lines = renderAnnotations(
      reportOf([
        {
          id: 'x',
          title: 'X',
          cases: [pactCase('canary-annotation-42', { outcome: 'failed', message: 'canary-annotation-42' })],
        },
      ]),
    );
    expect(lines.join('\n')).not.toContain('canary-annotation-42');
  });
});
