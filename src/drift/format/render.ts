import { UsageError } from '../../errors';
import type { StepResult } from '../../report/model';
import { driftStep } from './drift-step';
import type { DriftRenderInput } from './json';
import { renderDriftJson } from './json';
import type { DriftReportMeta, ReportRenderers } from './report-formats';
import { buildDriftReport, REPORT_FORMATS } from './report-formats';
import { renderDriftText, type TextOptions } from './text';

export const DRIFT_FORMATS = ['text', 'json', ...REPORT_FORMATS] as const;
export type DriftFormat = (typeof DRIFT_FORMATS)[number];

export function isDriftFormat(value: string): value is DriftFormat {
  return (DRIFT_FORMATS as readonly string[]).includes(value);
}

export type RenderInput = DriftRenderInput & Omit<DriftReportMeta, 'revision'> & { text?: TextOptions };

/** Renders the drift result in one of the output formats. */
export function renderDrift(
  format: DriftFormat,
  input: RenderInput,
  renderers: Partial<ReportRenderers> = reportRenderers(),
): string {
  if (format === 'text') return renderDriftText(input, input.text);
  if (format === 'json') return renderDriftJson(input);
  const render = renderers[format];
  if (!render) throw new UsageError(`--format ${format} is not available in this build (its renderer is missing)`);
  const step = reportStep(input);
  // What selects the same two documents, for the rerun commands the reports print.
  step.summary = { ...step.summary, base: input.base, revision: input.revision };
  const report = buildDriftReport(step, input);
  return ensureNewline(render(report));
}

/**
 * The drift step for the shared renderers. When the findings were checked against the pacts, each
 * case's `data` carries `affectedInteractions` and `unaffected`, and the Markdown report lists the
 * breaking changes no interaction touches apart.
 */
function reportStep(input: RenderInput): StepResult {
  return driftStep(input.findings, input.summary.failOn);
}

function ensureNewline(text: string): string {
  return text.endsWith('\n') || text === '' ? text : `${text}\n`;
}

/**
 * The shared renderers of src/report and src/github. Loaded on first use: src/github brings the
 * GitHub API client, startup cost a text or JSON run should not pay.
 */
export function reportRenderers(): ReportRenderers {
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- lazy: renderers load on first use
  const report = () => require('../../report') as typeof import('../../report');
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- lazy: the GitHub client loads on first use
  const github = () => require('../../github') as typeof import('../../github');
  return {
    markdown: (run) => report().renderMarkdown(run),
    junit: (run) => report().renderJunit(run),
    github: (run) => github().renderAnnotations(run).join('\n'),
  };
}
