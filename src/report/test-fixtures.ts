import { PROVIDER } from '../contracts/parties';
import type { RuleId } from '../drift/rule-ids';
import {
  countOutcomes,
  verdictOf,
  type CaseResult,
  type DriftFindingData,
  type RunReport,
  type StepResult,
} from './model';

/** Builds a RunReport from steps the way the verifier does (totals and verdict derived). For tests. */
export function reportOf(steps: StepResult[], overrides: Partial<RunReport> = {}): RunReport {
  return {
    schemaVersion: 1,
    tool: { name: 'rampart', version: '0.1.0' },
    startedAt: '2026-01-02T03:04:05.000Z',
    finishedAt: '2026-01-02T03:04:09.500Z',
    target: { kind: 'sandbox', baseUrl: 'http://127.0.0.1:4010', specRevision: 'next' },
    ...verdictOf(steps),
    steps,
    deprecatedCalls: [],
    tokens: { requests: 2, scopeSets: 2 },
    totals: countOutcomes(steps.flatMap((s) => s.cases)),
    ...overrides,
  };
}

const PACT_SUITE = `pact spend-sync -> ${PROVIDER}`;

export function pactCase(name: string, overrides: Partial<CaseResult> = {}): CaseResult {
  return {
    suite: PACT_SUITE,
    name,
    outcome: 'passed',
    durationMs: 42,
    providerState: 'transactions exist',
    ...overrides,
  };
}

export function driftCase(
  ruleId: RuleId,
  operation: string,
  message: string,
  overrides: Partial<CaseResult> = {},
): CaseResult {
  return {
    suite: 'drift',
    name: `${ruleId} ${operation}`,
    outcome: 'failed',
    durationMs: 0,
    message,
    data: driftData({ ruleId, level: 'error', operation, location: '#/paths', affectedInteractions: [] }),
    ...overrides,
  };
}

/** A drift case's data, checked by the compiler (rule ids among them). */
export function driftData(data: DriftFindingData): DriftFindingData {
  return data;
}
