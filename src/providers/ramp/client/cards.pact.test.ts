/**
 * Contract: what card issuing needs from Ramp's cards endpoints, and nothing more.
 *
 * Card and task ids come from provider states, never literals: the same pact verifies against the
 * sandbox and a real staging. The virtual card request's idempotency key is a fixed example, so a
 * verifier replaying it against a host that honours idempotency gets the same task back, not a new card.
 */
import { consumerPact } from '../consumer-tests/consumer-pact';
import { MatchersV3 } from '@pact-foundation/pact';
import { CONSUMERS } from '../../../contracts/parties';
import { ProviderState } from '../provider-states';
import { AUTHORIZATION, EXAMPLE_IDS, cardTemplate, rampErrorBody } from '../consumer-tests/examples';
import { RampForbiddenError, RampNotFoundError } from './errors';

const { eachLike, fromProviderState, integer, regex, string, uuid } = MatchersV3;
const harness = consumerPact(CONSUMERS.cardIssuing, __filename);
const { pact } = harness;
const CARDS = '/developer/v1/cards';

describe('card-issuing → ramp-developer-api: cards', () => {
  it('lists cards', async () => {
    await pact
      .addInteraction()
      .given(ProviderState.CardExists)
      .uponReceiving('a request for the cards')
      .testName(harness.testName())
      .withRequest('GET', CARDS, (b) => {
        b.query({ page_size: '100' }).headers({ Authorization: AUTHORIZATION });
      })
      // No `page`: this interaction pins the items; pagination is pinned by the transactions pact.
      .willRespondWith(200, (b) => {
        b.jsonBody({ data: eachLike(cardTemplate()) });
      })
      .executeTest(async (mockServer) => {
        const listing = await harness.client(mockServer.url).listCards();

        expect(listing.items).toEqual([
          {
            id: EXAMPLE_IDS.card,
            displayName: 'Team offsite',
            lastFour: '4242',
            state: 'ACTIVE',
            cardholderId: EXAMPLE_IDS.user,
          },
        ]);
        expect(listing.hasMore).toBe(false);
      });
  });

  it('gets one card by the id the provider supplies', async () => {
    await pact
      .addInteraction()
      .given(ProviderState.CardExists)
      .uponReceiving('a request for a card')
      .testName(harness.testName())
      .withRequest('GET', fromProviderState(`${CARDS}/\${cardId}`, `${CARDS}/${EXAMPLE_IDS.card}`), (b) => {
        b.headers({ Authorization: AUTHORIZATION });
      })
      .willRespondWith(200, (b) => {
        b.jsonBody(cardTemplate());
      })
      .executeTest(async (mockServer) => {
        const card = await harness.client(mockServer.url).getCard(EXAMPLE_IDS.card);

        expect(card).toEqual({
          id: EXAMPLE_IDS.card,
          displayName: 'Team offsite',
          lastFour: '4242',
          state: 'ACTIVE',
          cardholderId: EXAMPLE_IDS.user,
        });
      });
  });

  it('reports an unknown card id as RampNotFoundError', async () => {
    await pact
      .addInteraction()
      .given(ProviderState.NoCardWithId, { cardId: EXAMPLE_IDS.unknownCard })
      .uponReceiving('a request for a card that does not exist')
      .testName(harness.testName())
      .withRequest('GET', `${CARDS}/${EXAMPLE_IDS.unknownCard}`, (b) => {
        b.headers({ Authorization: AUTHORIZATION });
      })
      .willRespondWith(404, (b) => {
        b.jsonBody(rampErrorBody('DEVELOPER_7004'));
      })
      .executeTest(async (mockServer) => {
        const card = harness.client(mockServer.url).getCard(EXAMPLE_IDS.unknownCard);

        await expect(card).rejects.toBeInstanceOf(RampNotFoundError);
        await expect(card).rejects.toMatchObject({ status: 404, errorCode: 'DEVELOPER_7004' });
      });
  });

  it('reports a token without cards:read as RampForbiddenError', async () => {
    await pact
      .addInteraction()
      .given(ProviderState.AccessTokenLacksCardsRead)
      .uponReceiving('a request for the cards with a token that lacks the cards:read scope')
      .testName(harness.testName())
      .withRequest('GET', CARDS, (b) => {
        b.query({ page_size: '100' }).headers({ Authorization: AUTHORIZATION });
      })
      .willRespondWith(403, (b) => {
        b.jsonBody(rampErrorBody('DEVELOPER_7100'));
      })
      .executeTest(async (mockServer) => {
        const listing = harness.client(mockServer.url).listCards();

        await expect(listing).rejects.toBeInstanceOf(RampForbiddenError);
        await expect(listing).rejects.toMatchObject({ status: 403, errorCode: 'DEVELOPER_7100' });
      });
  });

  it('requests a virtual card with an idempotency key and polls the task until the card exists', async () => {
    pact
      .addInteraction()
      .given(ProviderState.CardholderExists)
      .uponReceiving('a request to create a virtual card')
      .testName(harness.testName())
      .withRequest('POST', `${CARDS}/deferred/virtual`, (b) => {
        b.headers({ Authorization: AUTHORIZATION }).jsonBody({
          display_name: string('rampart-test-virtual-card'),
          user_id: fromProviderState('${userId}', EXAMPLE_IDS.user),
          spending_restrictions: {
            amount: integer(500),
            interval: regex('^(ANNUAL|DAILY|MONTHLY|QUARTERLY|TERTIARY|TOTAL|WEEKLY|YEARLY)$', 'MONTHLY'),
          },
          idempotency_key: uuid(EXAMPLE_IDS.idempotencyKey),
        });
      })
      // Ramp's document: 200 with the task id (its 2021 document said 201).
      .willRespondWith(200, (b) => {
        b.jsonBody({ id: uuid(EXAMPLE_IDS.task) });
      });

    await pact
      .addInteraction()
      .given(ProviderState.VirtualCardRequestSucceeded)
      .uponReceiving('a request for the status of a completed virtual card request')
      .testName(harness.testName())
      .withRequest(
        'GET',
        fromProviderState(`${CARDS}/deferred/status/\${taskId}`, `${CARDS}/deferred/status/${EXAMPLE_IDS.task}`),
        (b) => {
          b.headers({ Authorization: AUTHORIZATION });
        },
      )
      .willRespondWith(200, (b) => {
        b.jsonBody({
          id: uuid(EXAMPLE_IDS.task),
          status: regex('^SUCCESS$', 'SUCCESS'),
          data: { card_id: uuid(EXAMPLE_IDS.card) },
        });
      })
      .executeTest(async (mockServer) => {
        const client = harness.client(mockServer.url);
        const taskId = await client.createVirtualCard({
          displayName: 'rampart-test-virtual-card',
          userId: EXAMPLE_IDS.user,
          spendingLimit: { amount: 500, interval: 'MONTHLY' },
          idempotencyKey: EXAMPLE_IDS.idempotencyKey,
        });
        const created = await client.waitForVirtualCard(taskId, { intervalMs: 1, maxPolls: 3 });

        expect(taskId).toBe(EXAMPLE_IDS.task);
        expect(created).toEqual({ taskId: EXAMPLE_IDS.task, cardId: EXAMPLE_IDS.card });
      });
  });

  it('matches the committed pact (else run `npm run pacts`)', () => {
    harness.expectCommittedPactCurrent();
  });
});
