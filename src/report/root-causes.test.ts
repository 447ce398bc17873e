/** How failures that name no subject (a bare status) find the root cause they belong to. */
import type { CaseResult, StepResult } from './model';
import { rootCausesOf } from './root-causes';
import { driftCase, driftData, pactCase, reportOf } from './test-fixtures';

const GET_TRANSACTION = 'spend-sync › get a transaction';
const LIST_CARDS = 'spend-sync › list cards';

function drift(ruleId: 'response-required-property-removed' | 'api-security-scope-added', message: string): CaseResult {
  const operation = 'GET /developer/v1/transactions/{transaction_id}';
  return driftCase(ruleId, operation, message, {
    data: driftData({
      ruleId,
      level: 'error',
      operation,
      location: '#/paths',
      affectedInteractions: [GET_TRANSACTION],
    }),
  });
}

const step = (id: string, cases: CaseResult[]): StepResult => ({ id, title: id, cases });

const causeHolding = (causes: ReturnType<typeof rootCausesOf>, c: CaseResult) =>
  causes.find((cause) => cause.sightings.some((s) => s.case === c));

describe('rootCausesOf: failures without a subject', () => {
  const removed = drift('response-required-property-removed', 'removed response property `merchant_name`');
  const scope = drift('api-security-scope-added', "scope 'receipts:read' was added");
  const forbidden = pactCase('get a transaction', {
    outcome: 'failed',
    message: 'status 403 where the pact expects 200',
  });
  const down = pactCase('list cards', { outcome: 'failed', message: 'status 500 where the pact expects 200' });
  const downAgain: CaseResult = {
    suite: 'provider-vs-spec',
    name: LIST_CARDS,
    outcome: 'failed',
    durationMs: 0,
    message: 'returned 500',
  };
  const causes = rootCausesOf(
    reportOf([
      step('drift', [removed, scope]),
      step('pacts', [forbidden, down]),
      step('provider-vs-spec', [downAgain]),
    ]),
  );

  it('a 403 joins the scope change on its interaction, not the earlier cause on the same interaction', () => {
    expect(causeHolding(causes, forbidden)).toBe(causeHolding(causes, scope));
    expect(causeHolding(causes, removed)).not.toBe(causeHolding(causes, scope));
  });

  it('a failure that touches no cause starts its own, which a later failure on its interaction joins', () => {
    const own = causeHolding(causes, down);
    expect(own?.sightings.map((s) => s.case)).toEqual([down, downAgain]);
    expect(own?.interactions).toEqual([LIST_CARDS]);
    expect(causes).toHaveLength(3);
  });
});
