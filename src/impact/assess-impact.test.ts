import { diffSpecs, type Finding } from '../drift';
import { readPacts } from '../contracts/pact-reader';
import { renderMarkdown } from '../report';
import type { RunReport } from '../report/model';
import { driftStep } from '../drift/format';
import { assessImpact, type ImpactedFinding } from './index';
import { resolveOperation } from '../openapi';
import { committedPacts, objectSchema, PACT_FILES, revision } from './test-fixtures';

const LIST = 'spend-sync › a request for the first page of transactions';
const NEXT_PAGE = 'spend-sync › a request for the next page of transactions';
const ONE_TRANSACTION = 'spend-sync › a request for a transaction';
const NO_MERCHANT = 'spend-sync › a request for a transaction without a merchant name';
const CREATE_CARD = 'card-issuing › a request to create a virtual card';

const labels = (f: ImpactedFinding): string[] =>
  f.affectedInteractions.map((a) => `${a.consumer} › ${a.description}`).sort();

function find(findings: readonly ImpactedFinding[], id: string, operation: string): ImpactedFinding {
  const found = findings.find((f) => f.id === id && f.operation === operation);
  if (!found)
    throw new Error(`no ${id} on ${operation} among: ${findings.map((f) => `${f.id} ${f.operation}`).join('; ')}`);
  return found;
}

describe('assessImpact: next against baseline with the committed pacts', () => {
  const base = revision('baseline');
  const next = revision('next');
  const impacted = assessImpact(diffSpecs(base, next), committedPacts(), [base, next]);

  // the removed response field (optional at Ramp) breaks exactly the interactions that read it: raised to error
  it('ties the merchant_name removal to the interactions that read it', () => {
    // the path in the pact comes from the provider state (fromProviderState) and still resolves to the template
    const one = find(impacted, 'response-optional-property-removed', 'GET /developer/v1/transactions/{transaction_id}');
    expect(labels(one)).toEqual([ONE_TRANSACTION, NO_MERCHANT]);
    expect(one).toMatchObject({ level: 'error', raisedFrom: 'warning', unaffected: false });
    expect(one.affectedInteractions.map((a) => a.reason).sort()).toEqual([
      'reads merchant_name (null matcher)',
      'reads merchant_name (type matcher)',
    ]);
    // lists do not assert the nullable merchant_name (a matcher cannot say "string or null"): nobody reads it there
    const list = find(impacted, 'response-optional-property-removed', 'GET /developer/v1/transactions');
    expect(list).toMatchObject({ level: 'warning', unaffected: true });
  });

  // a newly required request field hits the interactions that do not send it
  it('ties the newly required entity_id to the card creation interaction', () => {
    const required = find(impacted, 'request-property-became-required', 'POST /developer/v1/cards/deferred/virtual');
    expect(labels(required)).toEqual([CREATE_CARD]);
    expect(required.affectedInteractions[0]?.reason).toBe('does not send entity_id, which is now required');
    expect(required.level).toBe('error');
    expect(required.raisedFrom).toBeUndefined();
  });

  it('ties the new display_name maxLength to the interaction that sends display_name', () => {
    const maxLength = find(impacted, 'request-property-max-length-set', 'POST /developer/v1/cards/deferred/virtual');
    expect(labels(maxLength)).toEqual([CREATE_CARD]);
    expect(maxLength.affectedInteractions[0]?.reason).toBe('sends display_name');
  });

  // the added enum value is already a warning by the rules; it now names who reads the field
  it('names the interactions that read state for the DISPUTED enum value', () => {
    const enumAdded = find(impacted, 'response-property-enum-value-added', 'GET /developer/v1/transactions');
    expect(enumAdded.level).toBe('warning');
    expect(enumAdded.raisedFrom).toBeUndefined();
    expect(labels(enumAdded)).toEqual([LIST, NEXT_PAGE].sort());
    expect(enumAdded.affectedInteractions[0]?.reason).toContain(
      'reads data[].state with a regex matcher that accepts DISPUTED',
    );
  });

  it('marks GET /limits and the unsent state query enum as unaffected', () => {
    const limits = find(impacted, 'endpoint-added', 'GET /developer/v1/limits');
    expect(limits.unaffected).toBe(true);
    expect(limits.affectedInteractions).toEqual([]);
    const queryEnum = find(impacted, 'request-parameter-enum-value-added', 'GET /developer/v1/transactions');
    expect(queryEnum.unaffected).toBe(true);
  });

  // deprecation is info by the rules, but spend-sync still calls the endpoint
  it('raises the deprecation of GET /users/{user_id} to a warning for the interaction calling it', () => {
    const deprecated = find(impacted, 'endpoint-deprecated-with-sunset', 'GET /developer/v1/users/{user_id}');
    expect(deprecated.level).toBe('warning');
    expect(deprecated.raisedFrom).toBe('info');
    expect(labels(deprecated)).toEqual(['spend-sync › a request for a user']);
    expect(deprecated.affectedInteractions[0]?.raised).toBe(true);
  });

  it('ties the new receipts:read scope to the interaction calling that operation', () => {
    const scope = find(impacted, 'api-security-scope-added', 'GET /developer/v1/transactions/{transaction_id}');
    expect(labels(scope)).toEqual([ONE_TRANSACTION, NO_MERCHANT]);
  });

  it('gives every finding an impact, and every affected interaction a reason', () => {
    for (const finding of impacted) {
      expect(Array.isArray(finding.affectedInteractions)).toBe(true);
      expect(finding.unaffected).toBe(finding.affectedInteractions.length === 0);
      for (const a of finding.affectedInteractions) expect(a.reason).not.toBe('');
    }
  });

  it('accepts the verifier’s loaded pacts as well as parsed pact files', () => {
    const loaded = readPacts(PACT_FILES);
    expect(assessImpact(diffSpecs(base, next), loaded, [base, next])).toEqual(impacted);
  });
});

describe('assessImpact: raising harmless changes our interactions depend on', () => {
  const base = revision('baseline');
  const next = revision('next');

  // a team that sets the enum rule to info still hears about it for the consumer that reads the field
  it('raises an info-level added response enum value to a warning for the interactions reading it', () => {
    const findings = diffSpecs(base, next, { levels: { 'response-property-enum-value-added': 'info' } });
    const impacted = assessImpact(findings, committedPacts(), [base, next]);
    const one = find(impacted, 'response-property-enum-value-added', 'GET /developer/v1/transactions/{transaction_id}');
    expect(one).toMatchObject({ level: 'warning', raisedFrom: 'info', unaffected: false });
    expect(labels(one)).toEqual([ONE_TRANSACTION, NO_MERCHANT]);
  });

  it('raises a field now nullable that an interaction reads with a type matcher', () => {
    const nullable = revision('baseline', (doc) => {
      objectSchema(doc, 'Department').properties['name']!.nullable = true;
    });
    const findings = diffSpecs(base, nullable, { levels: { 'response-property-became-nullable': 'info' } });
    const impacted = assessImpact(findings, committedPacts(), [base, nullable]);
    const list = find(impacted, 'response-property-became-nullable', 'GET /developer/v1/departments');
    expect(list).toMatchObject({ level: 'warning', raisedFrom: 'info' });
    expect(list.affectedInteractions[0]?.reason).toBe('reads data[].name with a type matcher, which rejects null');
  });

  it('does not raise a harmless change nobody reads', () => {
    const findings: Finding[] = [
      {
        id: 'response-property-became-nullable',
        level: 'info',
        operation: 'GET /developer/v1/transactions',
        location: {
          direction: 'response',
          status: '200',
          mediaType: 'application/json',
          pointer: '/properties/data/items/properties/memo',
          property: 'data[].memo',
        },
        message: 'memo became nullable',
        args: {},
      },
    ];
    const [memo] = assessImpact(findings, committedPacts(), [base]);
    expect(memo).toMatchObject({ level: 'info', unaffected: true, affectedInteractions: [] });
    expect(memo?.raisedFrom).toBeUndefined();
  });

  // a status-level finding reaches only the interaction that expects that status
  it('matches response findings on the status code', () => {
    const finding: Finding = {
      id: 'response-non-success-status-removed',
      level: 'info',
      operation: 'GET /developer/v1/cards/{card_id}',
      location: { direction: 'response', status: '404' },
      message: '404 no longer documented',
      args: {},
    };
    const [impacted] = assessImpact([finding], committedPacts(), [base]);
    expect(labels(impacted as ImpactedFinding)).toEqual(['card-issuing › a request for a card that does not exist']);
    expect(impacted?.affectedInteractions[0]?.reason).toBe('expects status 404');
    expect(impacted).toMatchObject({ level: 'warning', raisedFrom: 'info' });
  });
});

describe('assessImpact: breaking changes no interaction touches', () => {
  const base = revision('baseline');
  // the provider removes an endpoint we never call and a field we never read
  const broken = revision('baseline', (doc) => {
    delete doc.paths['/developer/v1/reimbursements/{reimbursement_id}'];
    const transaction = objectSchema(doc, 'Transaction');
    transaction.required = transaction.required.filter((name) => name !== 'sync_status');
    delete transaction.properties['sync_status'];
  });
  const impacted = assessImpact(diffSpecs(base, broken), committedPacts(), [base, broken]);

  it('marks a removed operation no pact calls as unaffected', () => {
    const removed = impacted.find((f) => f.operation === 'GET /developer/v1/reimbursements/{reimbursement_id}');
    expect(removed?.level).toBe('error');
    expect(removed?.unaffected).toBe(true);
  });

  it('marks a removed field on a called operation that no interaction reads as unaffected', () => {
    const syncStatus = impacted.filter((f) => f.location.property?.endsWith('sync_status'));
    expect(syncStatus.length).toBeGreaterThanOrEqual(1);
    for (const finding of syncStatus) expect(finding).toMatchObject({ level: 'error', unaffected: true });
  });
});

describe('resolveOperation', () => {
  const ops = [
    { method: 'GET', template: '/users/{user_id}' },
    { method: 'GET', template: '/users/me' },
    { method: 'GET', template: '/users/{user_id}/cards' },
  ];

  it('prefers a concrete template over a templated one', () => {
    expect(resolveOperation('GET', ['/users/me'], ops)).toEqual({ method: 'GET', template: '/users/me' });
    expect(resolveOperation('GET', ['/users/u-1'], ops)).toEqual({ method: 'GET', template: '/users/{user_id}' });
  });

  it('matches a fromProviderState expression path, strips a server base path, and refuses other methods', () => {
    expect(resolveOperation('GET', ['/users/${userId}/cards'], ops)).toEqual({
      method: 'GET',
      template: '/users/{user_id}/cards',
    });
    expect(resolveOperation('GET', ['/api/users/me'], ops, ['/api'])).toEqual({ method: 'GET', template: '/users/me' });
    expect(resolveOperation('DELETE', ['/users/me'], ops)).toBeNull();
  });
});

describe('driftStep over impacted findings', () => {
  const base = revision('baseline');
  const next = revision('next');
  const impacted = assessImpact(diffSpecs(base, next), committedPacts(), [base, next]);
  const step = driftStep(impacted, 'error');

  it('puts the affected interactions, unaffected and raisedFrom into each drift case', () => {
    expect(step.id).toBe('drift');
    expect(step.cases).toHaveLength(impacted.length);
    const merchant = step.cases.find(
      (c) =>
        c.data?.['ruleId'] === 'response-optional-property-removed' &&
        c.data['operation'] === 'GET /developer/v1/transactions/{transaction_id}',
    );
    expect(merchant?.outcome).toBe('failed');
    expect(merchant?.data?.['affectedInteractions']).toEqual([ONE_TRANSACTION, NO_MERCHANT]);
    expect(merchant?.detail).toContain(`${ONE_TRANSACTION}: reads merchant_name (type matcher)`);
    const limits = step.cases.find((c) => c.data?.['operation'] === 'GET /developer/v1/limits');
    expect(limits?.data).toMatchObject({ affectedInteractions: [], unaffected: true });
    const deprecated = step.cases.find((c) => c.data?.['ruleId'] === 'endpoint-deprecated-with-sunset');
    expect(deprecated).toMatchObject({
      outcome: 'passed',
      severity: 'warning',
      data: { raisedFrom: 'info', level: 'warning' },
    });
    expect(step.summary).toMatchObject({ error: 2, raised: 2, unaffectedBreaking: 0 });
  });

  it('renders in the Markdown report with the interactions named', () => {
    const report: RunReport = {
      schemaVersion: 1,
      tool: { name: 'rampart', version: '0.0.0' },
      startedAt: '2026-01-01T00:00:00.000Z',
      finishedAt: '2026-01-01T00:00:01.000Z',
      target: { kind: 'sandbox', baseUrl: 'http://127.0.0.1:1', specRevision: 'next' },
      verdict: 'failed',
      exitCode: 1,
      steps: [step],
      deprecatedCalls: [],
      tokens: { requests: 0, scopeSets: 0 },
      totals: { passed: 0, failed: 0, error: 0, skipped: 0 },
    };
    const markdown = renderMarkdown(report);
    expect(markdown).toContain(LIST);
    expect(markdown).toContain(CREATE_CARD);
  });
});
