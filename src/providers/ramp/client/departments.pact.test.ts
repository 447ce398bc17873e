/**
 * Contract: the spend sync maps spend to departments by id and shows their names; nothing more.
 */
import { consumerPact } from '../consumer-tests/consumer-pact';
import { MatchersV3 } from '@pact-foundation/pact';
import { CONSUMERS } from '../../../contracts/parties';
import { ProviderState } from '../provider-states';
import { AUTHORIZATION, EXAMPLE_IDS } from '../consumer-tests/examples';

const { eachLike, string, uuid } = MatchersV3;
const harness = consumerPact(CONSUMERS.spendSync, __filename);
const { pact } = harness;

describe('spend-sync → ramp-developer-api: departments', () => {
  it('lists departments', async () => {
    await pact
      .addInteraction()
      .given(ProviderState.DepartmentsExist, { minCount: 1 })
      .uponReceiving('a request for the departments')
      .testName(harness.testName())
      .withRequest('GET', '/developer/v1/departments', (b) => {
        b.query({ page_size: '100' }).headers({ Authorization: AUTHORIZATION });
      })
      // No `page`: this interaction pins the items; pagination is pinned by the transactions pact.
      .willRespondWith(200, (b) => {
        b.jsonBody({ data: eachLike({ id: uuid(EXAMPLE_IDS.department), name: string('Engineering') }) });
      })
      .executeTest(async (mockServer) => {
        const listing = await harness.client(mockServer.url).listDepartments();

        expect(listing.items).toEqual([{ id: EXAMPLE_IDS.department, name: 'Engineering' }]);
        expect(listing.pagesFetched).toBe(1);
      });
  });

  it('matches the committed pact (else run `npm run pacts`)', () => {
    harness.expectCommittedPactCurrent();
  });
});
