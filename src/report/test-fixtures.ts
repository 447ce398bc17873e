import { countOutcomes, verdictOf, type CaseResult, type RunReport, type StepResult } from './model';

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

const PACT_SUITE = 'pact spend-sync -> ramp-developer-api';

export function pactCase(name: string, overrides: Partial<CaseResult> = {}): CaseResult {
  return { suite: PACT_SUITE, name, outcome: 'passed', durationMs: 42, providerState: 'transactions exist', ...overrides };
}

export function driftCase(ruleId: string, operation: string, message: string, overrides: Partial<CaseResult> = {}): CaseResult {
  return {
    suite: 'drift',
    name: `${ruleId} ${operation}`,
    outcome: 'failed',
    durationMs: 0,
    message,
    data: { ruleId, level: 'error', operation, location: '#/paths', affectedInteractions: [] },
    ...overrides,
  };
}

/** A run against the sandbox serving `next`: broken interactions, drift with and without consumers, a deprecation. */
export function driftedReport(): RunReport {
  const pacts: StepResult = {
    id: 'pacts',
    title: 'Pact verification',
    cases: [
      pactCase('list transactions', {
        outcome: 'failed',
        message: 'response body does not match',
        detail: 'expected: $.data[0].merchant_name to be a string\nactual:   $.data[0].merchant_name is missing',
        rerun: 'npm run verify -- --pact pacts/spend-sync-ramp-developer-api.json --interaction "list transactions"',
      }),
      pactCase('get a transaction', {
        outcome: 'failed',
        providerState: 'a transaction with id exists',
        message: 'status 403 instead of 200',
        detail: 'expected status: 200\nactual status:   403 (missing scope receipts:read)',
        rerun: 'npm run verify -- --pact pacts/spend-sync-ramp-developer-api.json --interaction "get a transaction"',
      }),
      pactCase('list departments', { providerState: 'departments exist' }),
    ],
  };
  const probes: StepResult = {
    id: 'token-probes',
    title: 'Token probes',
    cases: [{ suite: 'token probes', name: 'no token gets 401', outcome: 'passed', durationMs: 5 }],
  };
  const drift: StepResult = {
    id: 'drift',
    title: 'Spec drift',
    cases: [
      driftCase('response-property-removed', 'GET /developer/v1/transactions', 'removed response property `merchant_name` of Transaction', {
        data: { ruleId: 'response-property-removed', level: 'error', operation: 'GET /developer/v1/transactions', location: 'Transaction.merchant_name', affectedInteractions: ['spend-sync: list transactions'] },
      }),
      driftCase('request-property-max-length-decreased', 'POST /developer/v1/cards/deferred/virtual', 'maxLength of display_name decreased from 50 to 32'),
      driftCase('response-property-enum-value-added', 'GET /developer/v1/transactions', 'Transaction.state gains DISPUTED, which spend-sync switches on', {
        outcome: 'passed',
        severity: 'warning',
        data: { ruleId: 'response-property-enum-value-added', level: 'warning', operation: 'GET /developer/v1/transactions', affectedInteractions: ['spend-sync: list transactions'] },
      }),
      driftCase('endpoint-added', 'GET /developer/v1/limits', 'new endpoint', {
        outcome: 'passed',
        severity: 'info',
        data: { ruleId: 'endpoint-added', level: 'info', operation: 'GET /developer/v1/limits' },
      }),
    ],
  };
  return reportOf([pacts, probes, drift], {
    deprecatedCalls: [{ operation: 'GET /developer/v1/users/{id}', deprecation: '2026-01-01', sunset: '2026-07-01', calls: 3 }],
  });
}

export function greenReport(): RunReport {
  return reportOf([
    { id: 'pacts', title: 'Pact verification', cases: [pactCase('list transactions'), pactCase('list departments')] },
    { id: 'token-probes', title: 'Token probes', cases: [{ suite: 'token probes', name: 'no token gets 401', outcome: 'passed', durationMs: 5 }] },
    { id: 'drift', title: 'Spec drift', cases: [] },
  ]);
}
