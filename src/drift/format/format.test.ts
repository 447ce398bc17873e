import { XMLParser } from 'fast-xml-parser';
import type { ReportedFinding } from '.';
import { driftStep, renderDrift, renderDriftText, summarize, summaryLine, toDriftJson } from '.';

const findings: ReportedFinding[] = [
  {
    id: 'endpoint-added',
    level: 'info',
    operation: 'GET /developer/v1/limits',
    location: {},
    message: 'the endpoint GET /developer/v1/limits was added',
    args: {},
  },
  {
    id: 'response-property-enum-value-added',
    level: 'warning',
    operation: 'GET /developer/v1/transactions',
    location: { direction: 'response', status: '200', mediaType: 'application/json', property: 'data[].state' },
    message: 'the response property data[].state gained the enum value DISPUTED',
    args: { value: 'DISPUTED' },
  },
  {
    id: 'response-optional-property-removed',
    level: 'error',
    operation: 'GET /developer/v1/transactions',
    location: {
      direction: 'response',
      status: '200',
      mediaType: 'application/json',
      pointer: '/properties/data/items/properties/merchant_name',
      property: 'data[].merchant_name',
    },
    message: 'the response property data[].merchant_name was removed',
    args: { property: 'merchant_name' },
  },
  {
    id: 'request-property-became-required',
    level: 'error',
    operation: 'POST /developer/v1/cards/deferred/virtual',
    location: { direction: 'request', mediaType: 'application/json', property: 'entity_id' },
    message: 'the request property entity_id became required',
    args: {},
    ignored: { reason: 'rolled out with the new client', expires: '2027-01-31' },
  },
];

const meta = {
  base: 'specs/ramp/openapi.json',
  revision: 'next.json',
  targetKind: 'staging' as const,
  startedAt: new Date(0),
  finishedAt: new Date(1000),
};

describe('summarize', () => {
  it('counts findings by level, ignored ones apart, and fails when one that counts reaches the threshold', () => {
    expect(summarize(findings, 'error')).toEqual({
      error: 1,
      warning: 1,
      info: 1,
      ignored: 1,
      failOn: 'error',
      failed: true,
    });
    const onlyBelow = findings.filter((f) => f.level !== 'error' || f.ignored);
    expect(summarize(onlyBelow, 'error').failed).toBe(false);
    expect(summarize(onlyBelow, 'warning').failed).toBe(true);
    expect(summarize(findings.slice(0, 1), 'warning').failed).toBe(false);
    expect(summarize(findings.slice(0, 1), 'info').failed).toBe(true);
  });
});

describe('text format', () => {
  it('leads with the summary, then breaking, then warnings, grouped by operation; info and ignored only counted', () => {
    const text = renderDriftText({ ...meta, findings, summary: summarize(findings, 'error') });
    expect(text).toBe(
      [
        'drift: specs/ramp/openapi.json → next.json',
        '✗ 1 breaking, 1 warning, 1 info (1 ignored) — fails on error',
        '  not matched to pact interactions (no pacts given)',
        '  not listed: 1 info, 1 ignored (--show info or all to list them)',
        '',
        'Breaking (1)',
        'GET /developer/v1/transactions',
        '  ✗ response-optional-property-removed (error): the response property data[].merchant_name was removed',
        '      at response 200 application/json data[].merchant_name',
        '',
        'Warnings (1)',
        'GET /developer/v1/transactions',
        '  ! response-property-enum-value-added (warning): the response property data[].state gained the enum value DISPUTED',
        '      at response 200 application/json data[].state',
        '',
      ].join('\n'),
    );
  });

  it('says only the summary when there is no finding: no word on pacts it had nothing to match', () => {
    expect(renderDriftText({ ...meta, findings: [], summary: summarize([], 'error') })).toBe(
      ['drift: specs/ramp/openapi.json → next.json', '✓ 0 breaking, 0 warnings, 0 info — fails on error', ''].join(
        '\n',
      ),
    );
  });

  it('lists info with --show info, and ignored ones too with --show all', () => {
    const input = { ...meta, findings, summary: summarize(findings, 'error') };
    const info = renderDriftText(input, { show: 'info' });
    expect(info).toContain(
      '\nInfo (1)\nGET /developer/v1/limits\n  · endpoint-added (info): the endpoint GET /developer/v1/limits was added\n',
    );
    expect(info).not.toContain('Ignored');
    expect(info).toContain('  not listed: 1 ignored (--show info or all to list them)');
    const all = renderDriftText(input, { show: 'all' });
    expect(all).toContain(
      '\nIgnored (1)\nPOST /developer/v1/cards/deferred/virtual\n  - request-property-became-required (error, ignored)',
    );
    expect(all).not.toContain('not listed');
    expect(renderDriftText(input, { show: 'breaking' })).not.toContain('Warnings');
  });

  it('colours the verdict, headings and marks only when asked to', () => {
    const input = { ...meta, findings, summary: summarize(findings, 'error') };
    expect(renderDriftText(input)).not.toContain('\u001b[');
    const coloured = renderDriftText(input, { color: true }).split('\n');
    expect(coloured[1]).toBe('\u001b[31m✗ 1 breaking, 1 warning, 1 info (1 ignored) — fails on error\u001b[0m');
    expect(coloured).toContain('\u001b[1m\u001b[31mBreaking (1)\u001b[0m\u001b[0m');
    expect(coloured).toContain(
      '  \u001b[31m✗\u001b[0m response-optional-property-removed (error): the response property data[].merchant_name was removed',
    );
  });

  it('says when an expired ignore makes a finding count again', () => {
    const expired: ReportedFinding = { ...findings[0]!, ignoreExpired: { reason: 'temporary', expires: '2026-01-01' } };
    expect(
      renderDriftText({ ...meta, findings: [expired], summary: summarize([expired], 'error') }, { show: 'info' }),
    ).toContain('counts again: its ignore expired on 2026-01-01 (temporary)');
  });

  it('summarises an empty diff as passing', () => {
    expect(summaryLine(summarize([], 'error'))).toBe('✓ 0 breaking, 0 warnings, 0 info — fails on error');
  });
});

describe('json format', () => {
  it('has the documented shape with keys in a fixed order', () => {
    const json = toDriftJson({ ...meta, findings, summary: summarize(findings, 'error') });
    expect(Object.keys(json)).toEqual(['schemaVersion', 'base', 'revision', 'findings', 'summary']);
    expect(json.findings.map((f) => Object.keys(f))).toEqual([
      ['id', 'level', 'operation', 'location', 'message', 'args'],
      ['id', 'level', 'operation', 'location', 'message', 'args'],
      ['id', 'level', 'operation', 'location', 'message', 'args'],
      ['id', 'level', 'operation', 'location', 'message', 'args', 'ignored'],
    ]);
    expect(json.summary).toEqual({ error: 1, warning: 1, info: 1, ignored: 1, failOn: 'error', failed: true });
    const rendered = renderDrift('json', { ...meta, findings, summary: summarize(findings, 'error') }, {});
    expect(JSON.parse(rendered)).toEqual(json);
    expect(rendered.endsWith('}\n')).toBe(true);
  });
});

describe('driftStep', () => {
  it('makes one case per finding: failed at or above fail-on, passed with severity below it, skipped when ignored', () => {
    const step = driftStep(findings, 'warning');
    expect(step.id).toBe('drift');
    expect(step.cases.map((c) => [c.outcome, c.severity])).toEqual([
      ['passed', 'info'],
      ['failed', 'warning'],
      ['failed', 'error'],
      ['skipped', 'error'],
    ]);
    expect(step.cases[3]?.message).toBe(
      'ignored: rolled out with the new client (until 2027-01-31) — the request property entity_id became required',
    );
    expect(step.cases[2]?.data).toEqual({
      ruleId: 'response-optional-property-removed',
      level: 'error',
      operation: 'GET /developer/v1/transactions',
      location: findings[2]!.location,
    });
    expect(driftStep(findings).cases.map((c) => c.outcome)).toEqual(['passed', 'passed', 'failed', 'skipped']);
  });
});

describe('report formats', () => {
  it('render through the shared renderers a report whose only step is drift', () => {
    const seen: string[] = [];
    const renderers = {
      markdown: (r: { steps: { id: string; cases: unknown[] }[]; verdict: string }) => {
        seen.push(`${r.steps[0]?.id}:${r.steps[0]?.cases.length}:${r.verdict}`);
        return '# md';
      },
      junit: () => '<testsuites/>',
      github: () => '::error title=x::y',
    };
    expect(renderDrift('markdown', { ...meta, findings, summary: summarize(findings, 'error') }, renderers)).toBe(
      '# md\n',
    );
    expect(seen).toEqual(['drift:4:failed']);
    expect(renderDrift('junit', { ...meta, findings: [], summary: summarize([], 'error') }, renderers)).toBe(
      '<testsuites/>\n',
    );
  });
});

describe('shared renderers', () => {
  const input = { ...meta, findings, summary: summarize(findings, 'error') };

  it('markdown is the report comment body holding the drift findings', () => {
    const markdown = renderDrift('markdown', input);
    expect(markdown.startsWith('<!-- rampart:report -->')).toBe(true);
    expect(markdown).toContain('response-optional-property-removed');
  });

  it('junit is one aggregate document with one testcase per finding', () => {
    interface Suite {
      testcase: unknown[];
    }
    const xml = new XMLParser({ ignoreAttributes: false }).parse(renderDrift('junit', input)) as {
      testsuites: { testsuite: Suite | Suite[] };
    };
    const suites = xml.testsuites.testsuite;
    const suite = Array.isArray(suites) ? suites[0] : suites;
    expect(suite?.testcase).toHaveLength(4);
  });

  it('github annotations carry the rule id as title and the level as command', () => {
    const lines = renderDrift('github', input).trimEnd().split('\n');
    expect(lines).toContainEqual(expect.stringMatching(/^::error title=response-optional-property-removed::/));
    expect(lines).toContainEqual(expect.stringMatching(/^::warning title=response-property-enum-value-added::/));
    expect(lines).toContainEqual(expect.stringMatching(/^::notice title=endpoint-added::/));
    expect(lines.some((l) => l.includes('request-property-became-required'))).toBe(false);
  });
});

describe('consumer impact', () => {
  const FIRST_PAGE = {
    consumer: 'spend-sync',
    description: 'a request for the first page of transactions',
    reason: 'reads data[].merchant_name',
  };
  const impacted: ReportedFinding[] = [
    { ...findings[0]!, affectedInteractions: [], unaffected: true },
    {
      ...findings[1]!,
      affectedInteractions: [{ ...FIRST_PAGE, reason: 'reads data[].state (type matcher)' }],
      unaffected: false,
    },
    { ...findings[2]!, affectedInteractions: [FIRST_PAGE], unaffected: false },
    {
      id: 'endpoint-deprecated',
      level: 'warning',
      raisedFrom: 'info',
      operation: 'GET /developer/v1/users/{user_id}',
      location: {},
      message: 'GET /developer/v1/users/{user_id} was deprecated',
      args: {},
      affectedInteractions: [
        {
          consumer: 'spend-sync',
          description: 'a request for a user',
          reason: 'calls GET /developer/v1/users/{user_id}',
        },
      ],
      unaffected: false,
    },
    {
      id: 'response-required-property-removed',
      level: 'error',
      operation: 'GET /developer/v1/cards',
      location: { direction: 'response', status: '200', property: 'data[].limit' },
      message: 'required response property data[].limit was removed',
      args: {},
      affectedInteractions: [],
      unaffected: true,
    },
  ];
  const input = { ...meta, findings: impacted, summary: summarize(impacted, 'error') };

  it("summarize splits the breaking findings that count between ours and nobody's, and counts the raised ones", () => {
    expect(input.summary).toEqual({
      error: 2,
      warning: 2,
      info: 1,
      ignored: 0,
      failOn: 'error',
      failed: true,
      impact: { breakingAffected: 1, breakingUnaffected: 1, raised: 1 },
    });
    expect(summaryLine(input.summary)).toBe(
      '✗ 2 breaking, 2 warnings, 1 info; 1 breaking affect our interactions, 1 unaffected — fails on error',
    );
    expect(summarize(findings, 'error').impact).toBeUndefined();
  });

  it('text: breaks/affects lines under each finding, "no consumer interaction touches this", and why a level was raised', () => {
    const lines = renderDriftText(input, { show: 'info' }).split('\n');
    const at = (text: string) => lines.findIndex((l) => l.includes(text));
    expect(lines[2]).toBe('  3 of 5 findings touch our interactions');
    expect(lines[at('response-optional-property-removed (error)') + 2]).toBe(
      '      breaks: spend-sync › a request for the first page of transactions (reads data[].merchant_name)',
    );
    expect(lines[at('response-property-enum-value-added (warning)') + 2]).toBe(
      '      affects: spend-sync › a request for the first page of transactions (reads data[].state (type matcher))',
    );
    expect(lines[at('endpoint-added (info)') + 1]).toBe('      no consumer interaction touches this');
    expect(lines[at('response-required-property-removed (error)') + 2]).toBe(
      '      no consumer interaction touches this',
    );
    expect(lines.slice(at('endpoint-deprecated (warning)') + 1, at('endpoint-deprecated (warning)') + 3)).toEqual([
      '      raised from info: calls GET /developer/v1/users/{user_id}',
      '      affects: spend-sync › a request for a user (calls GET /developer/v1/users/{user_id})',
    ]);
    expect(renderDriftText({ ...meta, findings, summary: summarize(findings, 'error') })).not.toMatch(
      /breaks:|affects:|no consumer interaction/,
    );
  });

  it('json: affectedInteractions ({consumer, description, reason}), unaffected and raisedFrom after the existing keys', () => {
    const withRaisedMark = impacted.map((f) => ({
      ...f,
      affectedInteractions: f.affectedInteractions?.map((a) => ({ ...a, raised: true })),
    }));
    const json = toDriftJson({ ...input, findings: withRaisedMark });
    expect(json.findings.map((f) => Object.keys(f))).toEqual([
      ['id', 'level', 'operation', 'location', 'message', 'args', 'affectedInteractions', 'unaffected'],
      ['id', 'level', 'operation', 'location', 'message', 'args', 'affectedInteractions', 'unaffected'],
      ['id', 'level', 'operation', 'location', 'message', 'args', 'affectedInteractions', 'unaffected'],
      ['id', 'level', 'operation', 'location', 'message', 'args', 'affectedInteractions', 'unaffected', 'raisedFrom'],
      ['id', 'level', 'operation', 'location', 'message', 'args', 'affectedInteractions', 'unaffected'],
    ]);
    expect(json.findings[2]).toMatchObject({ affectedInteractions: [FIRST_PAGE], unaffected: false });
    expect(json.findings[3]).toMatchObject({ level: 'warning', raisedFrom: 'info' });
    expect(json.findings[4]).toMatchObject({ affectedInteractions: [], unaffected: true });
    expect(json.summary.impact).toEqual({ breakingAffected: 1, breakingUnaffected: 1, raised: 1 });
  });

  it('report formats: the step is built by impactStep, so each case carries the interactions it touches', () => {
    const steps: { cases: { data?: Record<string, unknown>; outcome: string }[] }[] = [];
    const renderers = {
      markdown: (r: { steps: { cases: { data?: Record<string, unknown>; outcome: string }[] }[] }) => {
        steps.push(...r.steps);
        return '# md';
      },
      junit: () => '',
      github: () => '',
    };
    renderDrift('markdown', input, renderers);
    const cases = steps[0]!.cases;
    expect(cases.map((c) => c.data?.['affectedInteractions'])).toEqual([
      [],
      ['spend-sync › a request for the first page of transactions'],
      ['spend-sync › a request for the first page of transactions'],
      ['spend-sync › a request for a user'],
      [],
    ]);
    expect(cases.map((c) => c.data?.['unaffected'])).toEqual([true, undefined, undefined, undefined, true]);
    expect(cases[3]?.data?.['raisedFrom']).toBe('info');
    expect(cases.map((c) => c.outcome)).toEqual(['passed', 'passed', 'failed', 'passed', 'failed']);

    const markdown = renderDrift('markdown', input);
    expect(markdown).toContain('no consumer interaction of ours touches it');
    expect(markdown).toContain('spend-sync › a request for the first page of transactions');
  });
});
