import { clearRegisteredSecrets, registerSecret } from '../log/redact';
import { GITHUB_COMMENT_LIMIT, REPORT_MARKER, readProblems, renderMarkdown } from './markdown';
import type { CaseResult, StepResult } from './model';
import { driftCase, driftedReport, greenReport, pactCase, reportOf } from './test-fixtures';

afterEach(() => clearRegisteredSecrets());

describe('renderMarkdown', () => {
  test('starts with the hidden marker, then a one-line verdict with counts', () => {
    const lines = renderMarkdown(driftedReport()).split('\n');
    expect(lines[0]).toBe(REPORT_MARKER);
    expect(lines[1]).toBe('### ❌ Contract broken: 4 failed, 4 passed, 1 warning');
  });

  test('names each breaking drift with the consumer interactions it breaks, and untouched ones separately', () => {
    const md = renderMarkdown(driftedReport());
    const breaking = md.slice(md.indexOf('#### 🔴 Breaking (2)'), md.indexOf('#### 🟡 Warnings'));
    expect(breaking).toContain(
      '| response-property-removed | `GET /developer/v1/transactions` | removed response property `merchant_name` of Transaction | spend-sync: list transactions |',
    );
    const untouchedAt = breaking.indexOf('no consumer interaction of ours touches it');
    expect(untouchedAt).toBeGreaterThan(breaking.indexOf('response-property-removed'));
    expect(breaking.slice(untouchedAt)).toContain('| request-property-max-length-decreased | `POST /developer/v1/cards/deferred/virtual` | maxLength of display_name decreased from 50 to 32 | _none_ |');
  });

  test('groups by severity: breaking, then warnings, then info folded in <details>', () => {
    const md = renderMarkdown(driftedReport());
    const order = ['#### 🔴 Breaking', '#### 🟡 Warnings (1)', '#### 🔵 Info (1)'].map((h) => md.indexOf(h));
    expect(order.every((i) => i > 0)).toBe(true);
    expect([...order].sort((a, b) => a - b)).toEqual(order);
    expect(md).toContain('| response-property-enum-value-added | `GET /developer/v1/transactions` | Transaction.state gains DISPUTED');
    expect(md.slice(md.indexOf('#### 🔵 Info'))).toMatch(/^#### 🔵 Info \(1\)\n\n<details><summary>1 info finding<\/summary>/);
  });

  test('lists failed interactions with provider state, expected vs actual in a fence, and the rerun command', () => {
    const md = renderMarkdown(driftedReport());
    const section = md.slice(md.indexOf('#### ❌ Failed interactions (2)'));
    expect(section).toContain('**get a transaction** · pact spend-sync -&gt; ramp-developer-api');
    expect(section).toContain('- Provider state: `a transaction with id exists`');
    expect(section).toContain('```text\nexpected status: 200\nactual status:   403 (missing scope receipts:read)\n```');
    expect(section).toContain('- Rerun just this one: `npm run verify -- --pact pacts/spend-sync-ramp-developer-api.json --interaction "get a transaction"`');
  });

  test('lists the deprecated operations the integration still calls', () => {
    expect(renderMarkdown(driftedReport())).toContain('| `GET /developer/v1/users/{id}` | 3 | 2026-01-01 | 2026-07-01 |');
  });

  test('is deterministic and matches the snapshot', () => {
    const first = renderMarkdown(driftedReport());
    expect(renderMarkdown(driftedReport())).toBe(first);
    expect(first).toMatchSnapshot();
  });

  test('a green run says every contract holds', () => {
    expect(renderMarkdown(greenReport()).split('\n')[1]).toBe('### ✅ Every contract holds: 3 passed');
  });

  test('an environment failure reads as an error, never as green', () => {
    const report = reportOf([
      { id: 'pacts', title: 'Pact verification', cases: [], error: 'token endpoint http://127.0.0.1:1/token answered 503' },
      { id: 'token-probes', title: 'Token probes', cases: [{ suite: 'token probes', name: 'expired token', outcome: 'error', durationMs: 1, message: 'connection refused' }] },
    ]);
    const md = renderMarkdown(report);
    expect(md.split('\n')[1]).toBe('### ⚠️ rampart could not check everything: 2 errors, 0 passed');
    expect(md).toContain('- **Pact verification** could not run: token endpoint http://127.0.0.1:1/token answered 503');
    expect(md).toContain('- **token probes** · expired token: connection refused');
  });

  test('escapes table cells and fences details that contain backticks', () => {
    const report = reportOf([
      {
        id: 'drift',
        title: 'Spec drift',
        cases: [driftCase('x-rule', 'GET /a', 'a | b <script>alert(1)</script>\nsecond line')],
      },
      { id: 'pacts', title: 'Pacts', cases: [pactCase('weird', { outcome: 'failed', detail: 'has ``` inside ````' })] },
    ]);
    const md = renderMarkdown(report);
    expect(md).toContain('| a \\| b &lt;script&gt;alert(1)&lt;/script&gt; second line |');
    expect(md).toContain('`````text\nhas ``` inside ````\n`````');
  });

  test('folds a long list of affected interactions into <details>', () => {
    const affected = ['a: one', 'a: two', 'b: three', 'b: four'];
    const report = reportOf([
      { id: 'drift', title: 'Spec drift', cases: [driftCase('r', 'GET /x', 'changed', { data: { ruleId: 'r', level: 'error', operation: 'GET /x', affectedInteractions: affected } })] },
    ]);
    expect(renderMarkdown(report)).toContain('<details><summary>4 interactions</summary>a: one<br>a: two<br>b: three<br>b: four</details>');
  });

  test('masks registered secrets and credentials wherever they appear', () => {
    const canary = 'canary-3c9f1e7a-secret';
    registerSecret(canary);
    const report = reportOf([
      {
        id: 'pacts',
        title: 'Pacts',
        cases: [pactCase('leaky', { outcome: 'failed', message: `got ${canary}`, detail: `Authorization: Bearer abcdefghij123\n${canary}`, providerState: canary })],
      },
    ]);
    const md = renderMarkdown(report);
    expect(md).not.toContain(canary);
    expect(md).not.toContain('abcdefghij123');
    expect(md).toContain('[REDACTED]');
  });
});

describe('renderMarkdown truncation', () => {
  function hugeReport() {
    const drift: CaseResult[] = Array.from({ length: 3000 }, (_, i) =>
      driftCase(`rule-${i % 40}`, `GET /developer/v1/resource-${i}`, `property ${'x'.repeat(80)} ${i} changed`, {
        data: { ruleId: `rule-${i % 40}`, level: 'error', operation: `GET /developer/v1/resource-${i}`, affectedInteractions: [`spend-sync: interaction ${i}`] },
      }),
    );
    const pacts: CaseResult[] = Array.from({ length: 400 }, (_, i) => pactCase(`interaction ${i}`, { outcome: 'failed', detail: 'expected x\nactual y\n'.repeat(200) }));
    const steps: StepResult[] = [
      { id: 'pacts', title: 'Pact verification', cases: pacts },
      { id: 'drift', title: 'Spec drift', cases: drift },
    ];
    return reportOf(steps);
  }

  test('stays under the GitHub limit, says it was truncated, links the artifact and closes every tag', () => {
    const artifactUrl = 'https://github.com/acme/rampart/actions/runs/42';
    const md = renderMarkdown(hugeReport(), { artifactUrl });
    expect(md.length).toBeLessThanOrEqual(65_000);
    expect(md.length).toBeLessThan(GITHUB_COMMENT_LIMIT);
    expect(md.length).toBeGreaterThan(50_000);
    expect(md.startsWith(`${REPORT_MARKER}\n### ❌ Contract broken: 3400 failed, 0 passed`)).toBe(true);
    expect(md).toMatch(/Truncated: the full report is [\d,]+ characters/);
    expect(md).toContain(`[the full report](${artifactUrl})`);
    expect(md).toMatch(/\| … \| \| \d+ more in the full report \| \|/);
    expect(md.split('<details>').length).toBe(md.split('</details>').length);
    expect(readProblems(md).length).toBeGreaterThan(0);
  });

  test('honours a smaller maxLength and never exceeds the GitHub limit even when asked to', () => {
    expect(renderMarkdown(hugeReport(), { maxLength: 10_000 }).length).toBeLessThanOrEqual(10_000);
    expect(renderMarkdown(hugeReport(), { maxLength: 1_000_000 }).length).toBeLessThanOrEqual(GITHUB_COMMENT_LIMIT);
  });

  test('even thousands of steps stay under the limit', () => {
    const steps: StepResult[] = Array.from({ length: 3000 }, (_, i) => ({ id: `s${i}`, title: `step number ${i} with a long title`, cases: [] }));
    expect(renderMarkdown(reportOf(steps)).length).toBeLessThanOrEqual(65_000);
  });

  test('without an artifact URL it names the report file', () => {
    expect(renderMarkdown(hugeReport())).toContain("Read `reports/verify.md` in the run's artifacts.");
  });
});

describe('renderMarkdown resolved state', () => {
  test('when everything reported earlier is gone it says so, from the previous report', () => {
    const md = renderMarkdown(greenReport(), { previous: driftedReport() });
    expect(md.split('\n')[1]).toBe('### ✅ Resolved: the drift reported earlier is gone (3 passed)');
    expect(md).toContain('#### ✅ Resolved since the previous report (5)');
    expect(md).toContain('- ~~drift · response-property-removed · GET /developer/v1/transactions · Transaction.merchant_name~~');
    expect(md).toContain('- ~~pact spend-sync -&gt; ramp-developer-api · get a transaction~~');
  });

  test('the previous comment body serves as well as the previous report', () => {
    const previousBody = renderMarkdown(driftedReport());
    expect(renderMarkdown(greenReport(), { previousBody })).toBe(renderMarkdown(greenReport(), { previous: driftedReport() }));
  });

  test('lists only what went away while other problems remain', () => {
    const remaining = driftedReport();
    remaining.steps = remaining.steps.map((s) => (s.id === 'pacts' ? { ...s, cases: s.cases.map((c) => ({ ...c, outcome: 'passed' as const })) } : s));
    const md = renderMarkdown(remaining, { previous: driftedReport() });
    expect(md.split('\n')[1]).toMatch(/^### ❌ Contract broken/);
    const start = md.indexOf('#### ✅ Resolved since the previous report (2)');
    expect(start).toBeGreaterThan(0);
    const resolved = md.slice(start, md.indexOf('\n#### ', start + 1));
    expect(resolved).toContain('get a transaction');
    expect(resolved).toContain('list transactions~~');
    expect(resolved).not.toContain('response-property-removed');
  });

  test('a first green run has nothing resolved', () => {
    const md = renderMarkdown(greenReport(), { previousBody: 'an unrelated comment without the hidden list' });
    expect(md).not.toContain('Resolved');
  });
});
