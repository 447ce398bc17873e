import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { clearRegisteredSecrets, registerSecret } from '../log/redact';
import { renderJunit } from './junit';
import { pactCase, reportOf } from './test-fixtures';
import { driftedReport } from '../providers/ramp/testing/sample-reports';

afterEach(() => clearRegisteredSecrets());

const parser = new XMLParser({
  ignoreAttributes: false,
  attributeNamePrefix: '@_',
  htmlEntities: true,
  isArray: (name) => name === 'testsuite' || name === 'testcase',
});

interface ParsedCase {
  '@_classname': string;
  '@_name': string;
  '@_time': string;
  failure?: { '@_message': string; '@_type': string; '#text'?: string };
  error?: { '@_message': string; '#text'?: string };
  skipped?: { '@_message': string };
}
interface ParsedSuite {
  '@_name': string;
  '@_tests': string;
  '@_failures': string;
  '@_errors': string;
  '@_skipped': string;
  '@_time': string;
  testcase: ParsedCase[];
}

function parse(xml: string): { testsuites: Record<string, string> & { testsuite: ParsedSuite[] } } {
  expect(XMLValidator.validate(xml)).toBe(true);
  return parser.parse(xml) as { testsuites: Record<string, string> & { testsuite: ParsedSuite[] } };
}

describe('renderJunit', () => {
  test('one aggregate file: a testsuite per suite, counts that match the report', () => {
    const report = driftedReport();
    const { testsuites } = parse(renderJunit(report));
    expect(testsuites['@_tests']).toBe('8');
    expect(testsuites['@_failures']).toBe('4');
    expect(testsuites['@_errors']).toBe('0');
    expect(testsuites.testsuite.map((s) => s['@_name'])).toEqual([
      'pact spend-sync -> ramp-developer-api',
      'token probes',
      'drift',
    ]);
    const pacts = testsuites.testsuite[0]!;
    expect([pacts['@_tests'], pacts['@_failures'], pacts['@_time']]).toEqual(['3', '2', '0.126']);
    expect(pacts.testcase.every((c) => c['@_classname'] === 'pact spend-sync -> ramp-developer-api')).toBe(true);
    const failure = pacts.testcase.find((c) => c['@_name'] === 'get a transaction')!.failure!;
    expect(failure['@_message']).toBe('status 403 instead of 200');
    expect(failure['@_type']).toBe('ContractMismatch');
    expect(failure['#text']).toContain('expected status: 200\nactual status:   403');
    expect(failure['#text']).toContain('rerun: npm run verify -- --pact');
    const drift = testsuites.testsuite[2]!.testcase[0]!;
    expect(drift.failure!['@_type']).toBe('response-required-property-removed');
  });

  test('errors, skips and a step that could not run are all counted', () => {
    const report = reportOf([
      {
        id: 'pacts',
        title: 'Pact verification',
        cases: [
          pactCase('create a card', { outcome: 'skipped', message: 'writes are not allowed for staging.example' }),
          pactCase('list cards', { outcome: 'error', message: 'socket hang up' }),
        ],
      },
      { id: 'guardrails', title: 'Guardrails', cases: [], error: 'policy file missing' },
    ]);
    const { testsuites } = parse(renderJunit(report));
    expect([testsuites['@_tests'], testsuites['@_errors'], testsuites['@_skipped']]).toEqual(['3', '2', '1']);
    const [pacts, guardrails] = testsuites.testsuite;
    expect(pacts!.testcase[0]!.skipped!['@_message']).toBe('writes are not allowed for staging.example');
    expect(pacts!.testcase[1]!.error!['@_message']).toBe('socket hang up');
    expect(guardrails!['@_name']).toBe('Guardrails');
    expect(guardrails!.testcase[0]!.error!['@_message']).toBe('policy file missing');
  });

  test('escapes markup, quotes, line breaks and control characters', () => {
    const nasty = 'a <b> & "c" \'d\'\u0000\u0007\u001b[31mred\u001b[0m\nline two\ttab \uD800 end';
    const report = reportOf([
      { id: 'x', title: 'X', cases: [pactCase(nasty, { outcome: 'failed', message: nasty, detail: nasty })] },
    ]);
    const xml = renderJunit(report);
    // eslint-disable-next-line no-control-regex
    expect(xml).not.toMatch(/[\u0000-\u0008\u000B\u000C\u000E-\u001F]/);
    const testcase = parse(xml).testsuites.testsuite[0]!.testcase[0]!;
    expect(testcase['@_name']).toBe('a <b> & "c" \'d\'\\u0000\\u0007red\nline two\ttab \\ud800 end');
    expect(testcase.failure!['@_message']).toBe(testcase['@_name']);
    expect(testcase.failure!['#text']).toContain('a <b> & "c"');
  });

  test('masks a registered secret', () => {
    const canary = 'canary-junit-8f2a61';
    registerSecret(canary);
    const xml = renderJunit(
      reportOf([
        {
          id: 'x',
          title: 'X',
          cases: [pactCase(`n ${canary}`, { outcome: 'failed', message: canary, detail: `<${canary}>` })],
        },
      ]),
    );
    expect(xml).not.toContain(canary);
    expect(xml).toContain('[REDACTED]');
  });

  test('a drift failure carries the command that diffs the same two documents again', () => {
    const xml = renderJunit(driftedReport());
    expect(xml).toContain(
      'type="response-required-property-removed">rerun: npm run drift -- --spec-revision next</failure>',
    );
  });
});
