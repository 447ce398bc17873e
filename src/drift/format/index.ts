export { driftStep, DRIFT_STEP_ID, DRIFT_SUITE } from './drift-step';
export type { StepFinding } from './drift-step';
export {
  describeLocation,
  isAssessed,
  isLevel,
  LEVELS,
  levelRank,
  reaches,
  splitOperation,
  summarize,
} from './findings';
export type {
  DriftSummary,
  Finding,
  FindingLocation,
  IgnoreMark,
  ImpactSummary,
  Level,
  ReportedFinding,
  ReportedInteraction,
} from './findings';
export { renderDriftJson, toDriftJson } from './json';
export type { DriftJson, DriftJsonFinding, DriftJsonSummary, DriftRenderInput } from './json';
export { buildDriftReport, REPORT_FORMATS } from './report-formats';
export type { DriftReportMeta, ReportFormat, ReportRenderers } from './report-formats';
export { DRIFT_FORMATS, isDriftFormat, renderDrift, reportRenderers } from './render';
export type { DriftFormat, RenderInput } from './render';
export type { Show, TextOptions } from './text';
export { renderDriftText, SHOW_CHOICES, summaryLine } from './text';
