/**
 * The one result model every step of a run reports into (pact interactions, token probes, drift,
 * guardrails), and that every report format (terminal, JSON, JUnit, Markdown) reads.
 * Its JSON form is `reports/verify.json`; `schemaVersion` changes only when a field changes meaning.
 */
import type { Level } from '../drift/levels';
import type { RuleId } from '../drift/rule-ids';
import type { FindingLocation } from '../drift/types';

export type Outcome = 'passed' | 'failed' | 'error' | 'skipped';
/** A case's severity is a drift level: one vocabulary and one order of levels for every step. */
export type Severity = Level;

/** One checked thing: an interaction, a probe, a guardrail check, a drift finding. */
export interface CaseResult {
  /** The group it belongs to; one JUnit testsuite each. E.g. `pact rampart-web -> ramp-api`, `token probes`. */
  suite: string;
  /** What was checked, e.g. the interaction's description or the probe's name. */
  name: string;
  outcome: Outcome;
  durationMs: number;
  /** One line: why it failed or errored. */
  message?: string;
  /** Several lines: expected vs actual, what came back. Already redacted. */
  detail?: string;
  /**
   * How bad it is for the consumer. A case only fails the run through `outcome: 'failed'`; a
   * warning that should not fail the run is `outcome: 'passed'` with `severity: 'warning'`.
   */
  severity?: Severity;
  /** Provider state of a pact interaction. */
  providerState?: string;
  /** The command that reruns just this case. */
  rerun?: string;
  /** Step-specific facts (rule id, operation, stage, expected/actual status...). Already redacted. */
  data?: Record<string, unknown>;
}

/**
 * The `data` of a drift finding's case, as the drift step writes it (renderers read every case's data
 * through `caseData` in case-data.ts).
 */
export type DriftFindingData = {
  ruleId: RuleId;
  level: Severity;
  operation: string | null;
  /** Where in the operation; a JSON pointer text in hand-written reports. */
  location?: FindingLocation | string;
  /** `consumer › interaction` labels; present when the findings were matched to the pacts. */
  affectedInteractions?: string[];
  unaffected?: true;
  raisedFrom?: Severity;
  impact?: { consumer: string; description: string; reason: string }[];
};

/** A step of the run: `pacts`, `token-probes`, `drift`, `guardrails`, ... */
export interface StepResult {
  id: string;
  title: string;
  cases: CaseResult[];
  /** The step could not run (the environment failed). Its cases, if any, are partial. */
  error?: string;
  /** Free-form step summary for reports (counts, links). */
  summary?: Record<string, unknown>;
}

export interface DeprecatedCall {
  /** `GET /v1/cards/{id}` */
  operation: string;
  deprecation: string | null;
  sunset: string | null;
  calls: number;
}

export interface RunReport {
  schemaVersion: 1;
  tool: { name: 'rampart'; version: string };
  startedAt: string;
  finishedAt: string;
  target: { kind: 'sandbox' | 'staging'; baseUrl: string; specRevision?: string };
  /** `passed`: exit 0; `failed`: a contract is broken, exit 1; `error`: the tool or environment failed, exit 2. */
  verdict: 'passed' | 'failed' | 'error';
  exitCode: 0 | 1 | 2;
  steps: StepResult[];
  deprecatedCalls: DeprecatedCall[];
  tokens: { requests: number; scopeSets: number };
  totals: Record<Outcome, number>;
  /**
   * The run's session of the audit trail: its number in `audit.jsonl` and the hash of its closing
   * record, the anchor that shows whether the trail up to it was later rewritten (`audit:verify --final-hash`).
   */
  audit?: { session: number; records: number; finalHash: string; keyed: boolean };
}

export function countOutcomes(cases: Iterable<CaseResult>): Record<Outcome, number> {
  const totals: Record<Outcome, number> = { passed: 0, failed: 0, error: 0, skipped: 0 };
  for (const c of cases) totals[c.outcome] += 1;
  return totals;
}

/** Errors beat failures: a run whose environment broke never reads as a plain contract failure, nor as green. */
export function verdictOf(steps: readonly StepResult[]): Pick<RunReport, 'verdict' | 'exitCode'> {
  const cases = steps.flatMap((s) => s.cases);
  if (steps.some((s) => s.error) || cases.some((c) => c.outcome === 'error')) return { verdict: 'error', exitCode: 2 };
  if (cases.some((c) => c.outcome === 'failed')) return { verdict: 'failed', exitCode: 1 };
  return { verdict: 'passed', exitCode: 0 };
}
