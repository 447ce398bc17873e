import { comparePactsToSpec, pactVsSpecStep, PACT_VS_SPEC_SUITE } from './index';
import { committedPacts, revision } from './test-fixtures';

/** The committed pacts checked against the published spec with no provider running (bi-directional). */

const BROKEN_BY_NEXT = [
  'card-issuing › a request to create a virtual card',
  'spend-sync › a request for a transaction',
  'spend-sync › a request for a transaction without a merchant name',
];

/** The error interactions: Ramp's document (and so the sandbox's baseline) describes none of their statuses. */
const DOCUMENTATION_GAPS = [
  'card-issuing › a request for a card that does not exist',
  'card-issuing › a request for the cards with a token that lacks the cards:read scope',
  'spend-sync › a request for transactions with a page size over the limit',
  'spend-sync › a request for transactions with an expired access token',
];

describe('comparePactsToSpec', () => {
  it('finds the committed pacts clean against the baseline document', async () => {
    const cases = await comparePactsToSpec(committedPacts(), revision('baseline'));
    const interactions = committedPacts().reduce((n, pact) => n + pact.interactions.length, 0);
    expect(cases).toHaveLength(interactions);
    expect(cases.filter((c) => c.outcome !== 'passed')).toEqual([]);
    expect(cases.every((c) => c.suite === PACT_VS_SPEC_SUITE)).toBe(true);
    const gaps = cases.filter((c) => c.severity !== undefined);
    expect(gaps.map((c) => c.name).sort()).toEqual(DOCUMENTATION_GAPS);
    expect(gaps.every((c) => c.severity === 'warning' && c.data?.['ruleId'] === 'pact-undocumented-error-status')).toBe(
      true,
    );
  });

  it('flags exactly the interactions the next revision no longer supports', async () => {
    const cases = await comparePactsToSpec(committedPacts(), revision('next'));
    const failed = cases.filter((c) => c.outcome === 'failed');
    expect(failed.map((c) => c.name).sort()).toEqual(BROKEN_BY_NEXT);
    const create = failed.find((c) => c.name.startsWith('card-issuing'));
    expect(create?.message).toBe(
      "the published spec no longer supports this interaction: Request body is incompatible with the request body schema in the spec file: must have required property 'entity_id'",
    );
    expect(create?.data).toMatchObject({
      consumer: 'card-issuing',
      operation: 'POST /developer/v1/cards/deferred/virtual',
      ruleId: 'request.body.incompatible',
    });
    expect(create?.providerState).toBe('a user who can hold cards exists');
    const one = failed.find((c) => c.name.endsWith('a request for a transaction'));
    expect(one?.detail).toContain('must NOT have additional properties - merchant_name');
    expect(one?.data?.['operation']).toBe('GET /developer/v1/transactions/{transaction_id}');
  });

  it('flags an interaction whose operation the spec dropped', async () => {
    const withoutDepartments = revision('baseline', (doc) => {
      delete doc.paths['/developer/v1/departments'];
    });
    const cases = await comparePactsToSpec(committedPacts(), withoutDepartments);
    const departments = cases.find((c) => c.name === 'spend-sync › a request for the departments');
    expect(departments?.outcome).toBe('failed');
    expect(departments?.data?.['ruleId']).toBe('request.path-or-method.unknown');
    expect(cases.filter((c) => c.outcome === 'failed')).toHaveLength(1);
  });

  it('reads the paths under the path the servers put before them, as a document written that way has it', async () => {
    // Ramp's 2021 document: servers https://api.ramp.com/developer/v1 and paths /cards, /transactions, ...
    const prefixInServers = revision('baseline', (doc) => {
      doc.servers = [{ url: 'https://api.ramp.com/developer/v1' }];
      doc.paths = Object.fromEntries(
        Object.entries(doc.paths).map(([path, item]) => [path.replace(/^\/developer\/v1/, ''), item]),
      );
    });
    const cases = await comparePactsToSpec(committedPacts(), prefixInServers);
    expect(cases.filter((c) => c.outcome !== 'passed')).toEqual([]);
    expect(cases.find((c) => c.name === 'spend-sync › a request for the departments')?.data?.['operation']).toBe(
      'GET /departments',
    );
  });

  it('reports the whole comparison as a step', async () => {
    const step = await pactVsSpecStep(committedPacts(), revision('next'));
    expect(step.id).toBe('pact-vs-spec');
    expect(step.summary).toMatchObject({ interactions: 14, failed: 3, warnings: 4 });
  });
});
