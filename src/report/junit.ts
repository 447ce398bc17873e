import { redact } from '../log/redact';
import { caseData } from './case-data';
import { formatSeconds, stripAnsi } from './case-facts';
import type { CaseResult, RunReport } from './model';
import { rerunFor } from './root-causes';

/**
 * ONE aggregate JUnit file for the whole run: every pact, the probes, drift, guardrails. A per-consumer
 * file that overwrote the previous one is how other verifiers once showed a misleading green.
 *
 * One `<testsuite>` per case suite (in order of first appearance), `classname` = the suite, times in
 * seconds. A step that could not run becomes an `<error>` test case, so CI never reads it as green.
 */
export function renderJunit(report: RunReport): string {
  const suites = new Map<string, CaseResult[]>();
  const add = (suite: string, c: CaseResult) => {
    const list = suites.get(suite) ?? [];
    list.push(c);
    suites.set(suite, list);
  };
  for (const step of report.steps) {
    for (const c of step.cases) {
      const rerun = rerunFor(c, step, report);
      add(c.suite, rerun && rerun !== c.rerun ? { ...c, rerun } : c);
    }
    if (step.error) {
      add(step.title, {
        suite: step.title,
        name: `${step.title}: step could not run`,
        outcome: 'error',
        durationMs: 0,
        message: step.error,
      });
    }
  }

  const totals = { tests: 0, failures: 0, errors: 0, skipped: 0, ms: 0 };
  const suiteXml: string[] = [];
  let index = 0;
  for (const [name, cases] of suites) {
    const counts = {
      tests: cases.length,
      failures: cases.filter((c) => c.outcome === 'failed').length,
      errors: cases.filter((c) => c.outcome === 'error').length,
      skipped: cases.filter((c) => c.outcome === 'skipped').length,
      ms: cases.reduce((sum, c) => sum + (Number.isFinite(c.durationMs) ? c.durationMs : 0), 0),
    };
    totals.tests += counts.tests;
    totals.failures += counts.failures;
    totals.errors += counts.errors;
    totals.skipped += counts.skipped;
    totals.ms += counts.ms;
    suiteXml.push(
      `  <testsuite name="${attr(name)}" id="${index}" tests="${counts.tests}" failures="${counts.failures}" errors="${counts.errors}" skipped="${counts.skipped}" time="${formatSeconds(counts.ms)}" timestamp="${attr(report.startedAt)}">`,
      ...cases.map((c) => testcase(name, c)),
      '  </testsuite>',
    );
    index += 1;
  }

  const xml = [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<testsuites name="rampart" tests="${totals.tests}" failures="${totals.failures}" errors="${totals.errors}" skipped="${totals.skipped}" time="${formatSeconds(totals.ms)}" timestamp="${attr(report.startedAt)}">`,
    ...suiteXml,
    '</testsuites>',
    '',
  ].join('\n');
  return redact(xml);
}

function testcase(suite: string, c: CaseResult): string {
  const open = `    <testcase classname="${attr(suite)}" name="${attr(c.name)}" time="${formatSeconds(c.durationMs)}"`;
  const message = c.message ?? (c.outcome === 'passed' ? '' : c.outcome);
  const data = caseData(c);
  const type =
    data.kind === 'rule-finding' ? data.ruleId : c.outcome === 'error' ? 'EnvironmentError' : 'ContractMismatch';
  const body = [
    c.providerState ? `provider state: ${c.providerState}` : null,
    c.detail ?? null,
    c.rerun ? `rerun: ${c.rerun}` : null,
  ]
    .filter((line): line is string => line !== null)
    .join('\n\n');
  switch (c.outcome) {
    case 'failed':
      return `${open}>\n      <failure message="${attr(message)}" type="${attr(type)}">${text(body)}</failure>\n    </testcase>`;
    case 'error':
      return `${open}>\n      <error message="${attr(message)}" type="${attr(type)}">${text(body)}</error>\n    </testcase>`;
    case 'skipped':
      return `${open}>\n      <skipped message="${attr(message)}"/>\n    </testcase>`;
    default:
      return c.message ? `${open}>\n      <system-out>${text(c.message)}</system-out>\n    </testcase>` : `${open}/>`;
  }
}

/**
 * XML 1.0 cannot carry most control characters at all, not even as character references: they are
 * written as visible `\uXXXX` text instead. Lone surrogates likewise.
 */
const NOT_XML =
  // eslint-disable-next-line no-control-regex -- the control characters are what this pattern finds
  /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

function clean(value: string): string {
  return stripAnsi(redact(value)).replace(NOT_XML, (ch) => `\\u${ch.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

export function text(value: string): string {
  return clean(value).replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/** Attribute values also keep their line breaks and tabs (a parser would otherwise normalise them to spaces). */
export function attr(value: string): string {
  return text(value)
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&apos;')
    .replace(/\n/g, '&#10;')
    .replace(/\r/g, '&#13;')
    .replace(/\t/g, '&#9;');
}
