/**
 * Contract: the spend sync reads a user's name, email and role to attribute spend; nothing more.
 * The user id comes from a provider state, never a literal.
 */
import { consumerPact } from '../consumer-tests/consumer-pact';
import { MatchersV3 } from '@pact-foundation/pact';
import { CONSUMERS } from '../../../contracts/parties';
import { ProviderState } from '../provider-states';
import { AUTHORIZATION, EXAMPLE_IDS, email, upperIdentifier } from '../consumer-tests/examples';

const { fromProviderState, string, uuid } = MatchersV3;
const harness = consumerPact(CONSUMERS.spendSync, __filename);
const { pact } = harness;
const USERS = '/developer/v1/users';

describe('spend-sync → ramp-developer-api: users', () => {
  it('gets one user by the id the provider supplies', async () => {
    await pact
      .addInteraction()
      .given(ProviderState.UserExists)
      .uponReceiving('a request for a user')
      .testName(harness.testName())
      .withRequest('GET', fromProviderState(`${USERS}/\${userId}`, `${USERS}/${EXAMPLE_IDS.user}`), (b) => {
        b.headers({ Authorization: AUTHORIZATION });
      })
      .willRespondWith(200, (b) => {
        b.jsonBody({
          id: uuid(EXAMPLE_IDS.user),
          email: email('ada@example.com'),
          first_name: string('Ada'),
          last_name: string('Lovelace'),
          role: upperIdentifier('BUSINESS_USER'),
        });
      })
      .executeTest(async (mockServer) => {
        const user = await harness.client(mockServer.url).getUser(EXAMPLE_IDS.user);

        expect(user).toEqual({
          id: EXAMPLE_IDS.user,
          email: 'ada@example.com',
          firstName: 'Ada',
          lastName: 'Lovelace',
          role: 'BUSINESS_USER',
        });
      });
  });

  it('matches the committed pact (else run `npm run pacts`)', () => {
    harness.expectCommittedPactCurrent();
  });
});
