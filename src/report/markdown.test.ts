import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { clearRegisteredSecrets, registerSecret } from '../log/redact';
import { GITHUB_COMMENT_LIMIT, REPORT_MARKER, readProblems, renderMarkdown } from './markdown';
import type { CaseResult, StepResult } from './model';
import { parseRunReport } from './parse-report';
import { RULE_IDS } from '../drift/rule-ids';
import { driftCase, driftData, pactCase, reportOf } from './test-fixtures';
import { driftedReport, greenReport, rootCauseReport } from '../providers/ramp/testing/sample-reports';

afterEach(() => clearRegisteredSecrets());

describe('renderMarkdown', () => {
  test('starts with the hidden marker, then a one-line verdict with counts', () => {
    const lines = renderMarkdown(rootCauseReport()).split('\n');
    expect(lines[0]).toBe(REPORT_MARKER);
    expect(lines[1]).toBe('### ❌ Contract broken: 5 failed, 5 passed, 2 warnings');
  });

  test('gives one entry per root cause, naming every place it showed up, what it breaks and one command', () => {
    const md = renderMarkdown(rootCauseReport());
    const confirmed = md.slice(md.indexOf('#### 🔴 Breaking: 2 root causes'), md.indexOf('#### 🟠'));
    expect(confirmed.match(/^\*\*\d+\. /gm)).toHaveLength(2);
    const merchant = confirmed.slice(confirmed.indexOf('**2. '));
    expect(merchant).toContain('**2. removed response property \\`merchant_name\\` of Transaction**');
    expect(merchant).toContain('- **Breaks** spend-sync › list transactions');
    expect(merchant).toContain('- **Seen in** drift finding, replay');
    expect(merchant).toContain(
      '- ❌ drift finding `response-required-property-removed` on `GET /developer/v1/transactions`: removed response property',
    );
    expect(merchant).toContain(
      '- **Reproduce** `npm run verify -- --spec-revision next --pact pacts/spend-sync-ramp-developer-api.json --interaction "list transactions"`',
    );
    const scope = confirmed.slice(confirmed.indexOf('**1. '), confirmed.indexOf('**2. '));
    expect(scope).toContain("**1. scope 'receipts:read' was added**");
    expect(scope).toContain('- **Breaks** spend-sync › get a transaction');
    expect(scope).toContain('- **Seen in** drift finding, replay, guardrail');
    expect(scope).toContain(
      '- ❌ replay · spend-sync › get a transaction (provider state `a transaction with id exists`): status 403',
    );
    expect(scope).toContain('```text\nexpected status: 200\nactual status:   403 (missing scope receipts:read)\n```');
  });

  test('lists breaking changes nobody touches apart, folded, and warnings after the causes', () => {
    const md = renderMarkdown(rootCauseReport());
    const untouched = md.slice(md.indexOf('no consumer interaction of ours touches it'));
    expect(untouched).toContain(
      '- maxLength of display_name decreased from 50 to 32 (`request-property-max-length-decreased` on `POST /developer/v1/cards/deferred/virtual`)',
    );
    const order = [
      '#### 🔴 Breaking',
      '#### 🟡 Warnings (1)',
      'touches it (1)',
      '#### 🛡️ Guardrails (1)',
      '🔵 Info (1)',
    ].map((h) => md.indexOf(h));
    expect(order.every((i) => i > 0)).toBe(true);
    expect([...order].sort((a, b) => a - b)).toEqual(order);
    expect(md).toContain(
      '- **Transaction.state gains DISPUTED, which spend-sync switches on** (drift finding). Affects spend-sync › list transactions.',
    );
    expect(md).toContain(
      '<details><summary>🔵 Info (1)</summary>\n\n- `endpoint-added` on `GET /developer/v1/limits`: new endpoint',
    );
  });

  test('names interactions consumer › interaction in every section', () => {
    const md = renderMarkdown(rootCauseReport());
    expect(md).not.toContain('pact spend-sync -&gt;');
    expect(md).not.toMatch(/spend-sync: /);
  });

  test('has no table wider than three columns besides the step summary', () => {
    const md = renderMarkdown(rootCauseReport());
    const headers = md
      .split('\n')
      .filter((line, i, all) => line.startsWith('|') && (all[i + 1] ?? '').startsWith('|---'));
    expect(headers[0]).toBe('| Step | Passed | Failed | Errors | Skipped |');
    for (const header of headers.slice(1)) expect(header.split('|').length - 2).toBeLessThanOrEqual(3);
  });

  test('puts guardrails in their own section, pointing at the root cause they belong to', () => {
    const md = renderMarkdown(rootCauseReport());
    expect(md).toContain(
      '#### 🛡️ Guardrails (1)\n\n- ❌ **scope receipts:read the pacts need is requested**: missing scope: GET /developer/v1/transactions/{transaction_id} needs receipts:read (root cause 1 above). Remedy: add receipts:read to RAMP_SCOPES. Rerun: `npm run guardrails -- --stage pilot`',
    );
  });

  test('shows deprecation and sunset as dates people read, never a raw epoch', () => {
    const md = renderMarkdown(rootCauseReport());
    expect(md).toContain('| `GET /developer/v1/users/{id}` | 3 | 1 Jan 2026 → 1 Jul 2026 |');
    expect(md).not.toMatch(/@\d{9,}/);
  });

  test('wraps long lines of expected vs actual so no block scrolls sideways', () => {
    const long = `actual: [${Array.from({ length: 40 }, (_, i) => `"field_${i}"`).join(',')}]`;
    const report = reportOf([
      { id: 'pacts', title: 'Pacts', cases: [pactCase('wide', { outcome: 'failed', detail: long })] },
    ]);
    const fence = /```text\n([\s\S]*?)\n```/.exec(renderMarkdown(report))?.[1] ?? '';
    expect(fence.split('\n').length).toBeGreaterThan(3);
    for (const line of fence.split('\n')) expect(line.length).toBeLessThanOrEqual(88);
    expect(fence.replace(/\s/g, '')).toBe(long.replace(/\s/g, ''));
  });

  test('is deterministic and matches the snapshot', () => {
    const first = renderMarkdown(rootCauseReport());
    expect(renderMarkdown(rootCauseReport())).toBe(first);
    expect(first).toMatchSnapshot();
  });

  test('the failing sandbox run (spec revision next) renders as its snapshot: three root causes', () => {
    const file = join(__dirname, '__fixtures__', 'failing-run.json');
    const md = renderMarkdown(parseRunReport(readFileSync(file, 'utf8'), file));
    expect(md).toContain('#### 🔴 Breaking: 3 root causes');
    expect(md.length).toBeLessThan(GITHUB_COMMENT_LIMIT);
    expect(md).toMatchSnapshot();
  });

  test('a green run says every contract holds', () => {
    expect(renderMarkdown(greenReport()).split('\n')[1]).toBe('### ✅ Every contract holds: 3 passed');
  });

  test('an environment failure reads as an error, never as green', () => {
    const report = reportOf([
      {
        id: 'pacts',
        title: 'Pact verification',
        cases: [],
        error: 'token endpoint http://127.0.0.1:1/token answered 503',
      },
      {
        id: 'token-probes',
        title: 'Token probes',
        cases: [
          {
            suite: 'token probes',
            name: 'expired token',
            outcome: 'error',
            durationMs: 1,
            message: 'connection refused',
          },
        ],
      },
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
        cases: [driftCase('endpoint-added', 'GET /a', 'a | b <script>alert(1)</script>\nsecond line')],
      },
      { id: 'pacts', title: 'Pacts', cases: [pactCase('weird', { outcome: 'failed', detail: 'has ``` inside ````' })] },
    ]);
    const md = renderMarkdown(report);
    expect(md).toContain('a \\| b &lt;script&gt;alert(1)&lt;/script&gt; second line');
    expect(md).not.toContain('<script>');
    expect(md).toContain('`````text\nhas ``` inside ````\n`````');
  });

  test('lists at most a dozen interactions a cause breaks, and says how many more', () => {
    const affected = Array.from({ length: 30 }, (_, i) => `spend-sync › interaction ${String(i).padStart(2, '0')}`);
    const report = reportOf([
      {
        id: 'drift',
        title: 'Spec drift',
        cases: [
          driftCase('api-path-removed-without-deprecation', 'GET /x', 'changed', {
            data: driftData({
              ruleId: 'api-path-removed-without-deprecation',
              level: 'error',
              operation: 'GET /x',
              affectedInteractions: affected,
            }),
          }),
        ],
      },
    ]);
    const md = renderMarkdown(report);
    expect(md).toContain('- **Breaks** spend-sync › interaction 00 · ');
    expect(md).toContain('spend-sync › interaction 11 · … 18 more');
    expect(md).not.toContain('interaction 12');
  });

  test('masks registered secrets and credentials wherever they appear', () => {
    const canary = 'canary-3c9f1e7a-secret';
    registerSecret(canary);
    const report = reportOf([
      {
        id: 'pacts',
        title: 'Pacts',
        cases: [
          pactCase('leaky', {
            outcome: 'failed',
            message: `got ${canary}`,
            detail: `Authorization: Bearer abcdefghij123\n${canary}`,
            providerState: canary,
          }),
        ],
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
      driftCase(RULE_IDS[i % 40]!, `GET /developer/v1/resource-${i}`, `property ${'x'.repeat(80)} ${i} changed`, {
        data: driftData({
          ruleId: RULE_IDS[i % 40]!,
          level: 'error',
          operation: `GET /developer/v1/resource-${i}`,
          affectedInteractions: [`spend-sync: interaction ${i}`],
        }),
      }),
    );
    const pacts: CaseResult[] = Array.from({ length: 400 }, (_, i) =>
      pactCase(`interaction ${i}`, { outcome: 'failed', detail: 'expected x\nactual y\n'.repeat(200) }),
    );
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
    expect(md).toMatch(/\n… and \d+ more in the full report\.\n/);
    // The most important come first: the confirmed failures, before any drift-only finding.
    expect(md).toContain('#### 🔴 Breaking: 400 root causes');
    expect(md).not.toContain('#### 🟠');
    expect(md.split('<details>').length).toBe(md.split('</details>').length);
    expect(readProblems(md).length).toBeGreaterThan(0);
  });

  test('honours a smaller maxLength and never exceeds the GitHub limit even when asked to', () => {
    expect(renderMarkdown(hugeReport(), { maxLength: 10_000 }).length).toBeLessThanOrEqual(10_000);
    expect(renderMarkdown(hugeReport(), { maxLength: 1_000_000 }).length).toBeLessThanOrEqual(GITHUB_COMMENT_LIMIT);
  });

  test('even thousands of steps stay under the limit', () => {
    const steps: StepResult[] = Array.from({ length: 3000 }, (_, i) => ({
      id: `s${i}`,
      title: `step number ${i} with a long title`,
      cases: [],
    }));
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
    expect(md).toContain(
      '- ~~drift · response-required-property-removed · GET /developer/v1/transactions · Transaction.merchant_name~~',
    );
    expect(md).toContain('- ~~replay · spend-sync › get a transaction~~');
  });

  test('the previous comment body serves as well as the previous report', () => {
    const previousBody = renderMarkdown(driftedReport());
    expect(renderMarkdown(greenReport(), { previousBody })).toBe(
      renderMarkdown(greenReport(), { previous: driftedReport() }),
    );
  });

  test('lists only what went away while other problems remain', () => {
    const remaining = driftedReport();
    remaining.steps = remaining.steps.map((s) =>
      s.id === 'pacts' ? { ...s, cases: s.cases.map((c) => ({ ...c, outcome: 'passed' as const })) } : s,
    );
    const md = renderMarkdown(remaining, { previous: driftedReport() });
    expect(md.split('\n')[1]).toMatch(/^### ❌ Contract broken/);
    const start = md.indexOf('#### ✅ Resolved since the previous report (2)');
    expect(start).toBeGreaterThan(0);
    const resolved = md.slice(start, md.indexOf('\n#### ', start + 1));
    expect(resolved).toContain('get a transaction');
    expect(resolved).toContain('list transactions~~');
    expect(resolved).not.toContain('response-required-property-removed');
  });

  test('a first green run has nothing resolved', () => {
    const md = renderMarkdown(greenReport(), { previousBody: 'an unrelated comment without the hidden list' });
    expect(md).not.toContain('Resolved');
  });
});
