/**
 * Run reports as the verifier writes them for Ramp's embedded sandbox: a drifted run, one grouped by
 * root cause, a green one. The report and GitHub renderers' tests read them.
 */
import type { RunReport, StepResult } from '../../../report/model';
import { driftCase, driftData, pactCase, reportOf } from '../../../report/test-fixtures';

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
  const drift: StepResult = {
    id: 'drift',
    title: 'Spec drift',
    cases: [
      driftCase(
        'response-required-property-removed',
        'GET /developer/v1/transactions',
        'removed response property `merchant_name` of Transaction',
        {
          data: driftData({
            ruleId: 'response-required-property-removed',
            level: 'error',
            operation: 'GET /developer/v1/transactions',
            location: 'Transaction.merchant_name',
            affectedInteractions: ['spend-sync: list transactions'],
          }),
        },
      ),
      driftCase(
        'request-property-max-length-decreased',
        'POST /developer/v1/cards/deferred/virtual',
        'maxLength of display_name decreased from 50 to 32',
      ),
      driftCase(
        'response-property-enum-value-added',
        'GET /developer/v1/transactions',
        'Transaction.state gains DISPUTED, which spend-sync switches on',
        {
          outcome: 'passed',
          severity: 'warning',
          data: driftData({
            ruleId: 'response-property-enum-value-added',
            level: 'warning',
            operation: 'GET /developer/v1/transactions',
            affectedInteractions: ['spend-sync: list transactions'],
          }),
        },
      ),
      driftCase('endpoint-added', 'GET /developer/v1/limits', 'new endpoint', {
        outcome: 'passed',
        severity: 'info',
        data: driftData({ ruleId: 'endpoint-added', level: 'info', operation: 'GET /developer/v1/limits' }),
      }),
    ],
  };
  return reportOf([pacts, passingProbes(), drift], {
    deprecatedCalls: [
      { operation: 'GET /developer/v1/users/{id}', deprecation: '2026-01-01', sunset: '2026-07-01', calls: 3 },
    ],
  });
}

/**
 * Like `driftedReport`, shaped as a real run reports it: replay failures naming their consumer, a scope change
 * seen by drift, replay and guardrails, a deprecation in the provider's header forms. Two root causes.
 */
export function rootCauseReport(): RunReport {
  const pacts: StepResult = {
    id: 'pacts',
    title: 'Pact verification',
    cases: [
      pactCase('list transactions', {
        outcome: 'failed',
        message: 'body $.data[0]: Actual map is missing the following keys: merchant_name',
        detail: 'expected: $.data[0].merchant_name to be a string\nactual:   $.data[0].merchant_name is missing',
        rerun:
          'npm run verify -- --spec-revision next --pact pacts/spend-sync-ramp-developer-api.json --interaction "list transactions"',
        data: { consumer: 'spend-sync', pactFile: 'pacts/spend-sync-ramp-developer-api.json' },
      }),
      pactCase('get a transaction', {
        outcome: 'failed',
        providerState: 'a transaction with id exists',
        message: 'status 403 where the pact expects 200',
        detail: 'expected status: 200\nactual status:   403 (missing scope receipts:read)',
        rerun:
          'npm run verify -- --spec-revision next --pact pacts/spend-sync-ramp-developer-api.json --interaction "get a transaction"',
        data: { consumer: 'spend-sync', pactFile: 'pacts/spend-sync-ramp-developer-api.json' },
      }),
      pactCase('list departments', { providerState: 'departments exist' }),
    ],
  };
  const drift: StepResult = {
    id: 'drift',
    title: 'Spec drift',
    cases: [
      driftCase(
        'response-required-property-removed',
        'GET /developer/v1/transactions',
        'removed response property `merchant_name` of Transaction',
        {
          data: driftData({
            ruleId: 'response-required-property-removed',
            level: 'error',
            operation: 'GET /developer/v1/transactions',
            location: 'Transaction.merchant_name',
            affectedInteractions: ['spend-sync › list transactions'],
          }),
        },
      ),
      driftCase(
        'request-property-max-length-decreased',
        'POST /developer/v1/cards/deferred/virtual',
        'maxLength of display_name decreased from 50 to 32',
      ),
      driftCase(
        'response-property-enum-value-added',
        'GET /developer/v1/transactions',
        'Transaction.state gains DISPUTED, which spend-sync switches on',
        {
          outcome: 'passed',
          severity: 'warning',
          data: driftData({
            ruleId: 'response-property-enum-value-added',
            level: 'warning',
            operation: 'GET /developer/v1/transactions',
            affectedInteractions: ['spend-sync › list transactions'],
          }),
        },
      ),
      driftCase(
        'api-security-scope-added',
        'GET /developer/v1/transactions/{transaction_id}',
        "scope 'receipts:read' was added",
        {
          outcome: 'passed',
          severity: 'warning',
          data: {
            ruleId: 'api-security-scope-added',
            level: 'warning',
            operation: 'GET /developer/v1/transactions/{transaction_id}',
            affectedInteractions: ['spend-sync › get a transaction'],
          },
        },
      ),
      driftCase('endpoint-added', 'GET /developer/v1/limits', 'new endpoint', {
        outcome: 'passed',
        severity: 'info',
        data: driftData({ ruleId: 'endpoint-added', level: 'info', operation: 'GET /developer/v1/limits' }),
      }),
    ],
  };
  const guardrails: StepResult = {
    id: 'guardrails',
    title: 'Ramp guardrails',
    cases: [
      {
        suite: 'guardrails',
        name: 'scope receipts:read the pacts need is requested',
        outcome: 'failed',
        severity: 'error',
        durationMs: 0,
        message: 'missing scope: GET /developer/v1/transactions/{transaction_id} needs receipts:read',
        rerun: 'npm run guardrails -- --stage pilot',
        data: { check: 'least-privilege', scope: 'receipts:read', remedy: 'add receipts:read to RAMP_SCOPES' },
      },
    ],
  };
  return reportOf([pacts, passingProbes(), drift, guardrails], {
    deprecatedCalls: [
      {
        operation: 'GET /developer/v1/users/{id}',
        deprecation: '@1767225600',
        sunset: 'Wed, 01 Jul 2026 00:00:00 GMT',
        calls: 3,
      },
    ],
  });
}

export function greenReport(): RunReport {
  return reportOf([
    { id: 'pacts', title: 'Pact verification', cases: [pactCase('list transactions'), pactCase('list departments')] },
    passingProbes(),
    { id: 'drift', title: 'Spec drift', cases: [] },
  ]);
}

/** The token probes' step of every sample run: one probe, passed. */
function passingProbes(): StepResult {
  return {
    id: 'token-probes',
    title: 'Token probes',
    cases: [{ suite: 'token probes', name: 'no token gets 401', outcome: 'passed', durationMs: 5 }],
  };
}
