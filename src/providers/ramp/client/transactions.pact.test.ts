/**
 * Contract: what the spend sync needs from Ramp's transactions endpoints, and nothing more.
 *
 * Each interaction asserts only the fields `RampClient` reads, by type and shape: ids, amounts, times
 * and next-page URLs are the provider's to decide, so the same pact verifies against the sandbox and
 * against a real staging. Ids the client must request come from provider states (`fromProviderState`).
 */
import { consumerPact } from '../consumer-tests/consumer-pact';
import { MatchersV3 } from '@pact-foundation/pact';
import { CONSUMERS } from '../../../contracts/parties';
import { ProviderState } from '../provider-states';
import {
  AUTHORIZATION,
  EXAMPLE_CURSOR,
  EXAMPLE_IDS,
  listedTransactionTemplate,
  nextPageUrl,
  rampErrorBody,
  transactionTemplate,
  transactionWithoutMerchantTemplate,
} from '../consumer-tests/examples';
import { RampUnauthorizedError, RampValidationError } from './errors';

const { eachLike, fromProviderState } = MatchersV3;
const harness = consumerPact(CONSUMERS.spendSync, __filename);
const { pact } = harness;
const TRANSACTIONS = '/developer/v1/transactions';

describe('spend-sync → ramp-developer-api: transactions', () => {
  it('lists transactions page by page, following page.next to the last page', async () => {
    pact
      .addInteraction()
      .given(ProviderState.TransactionsExist, { minCount: 3 })
      .uponReceiving('a request for the first page of transactions')
      .testName(harness.testName())
      .withRequest('GET', TRANSACTIONS, (b) => {
        b.query({ page_size: '2' }).headers({ Authorization: AUTHORIZATION });
      })
      .willRespondWith(200, (b) => {
        b.jsonBody({
          data: eachLike(listedTransactionTemplate()),
          page: { next: nextPageUrl(TRANSACTIONS, `page_size=2&start=${EXAMPLE_CURSOR}`) },
        });
      });

    await pact
      .addInteraction()
      .given(ProviderState.SecondPageOfTransactionsExists, { pageSize: 2 })
      .uponReceiving('a request for the next page of transactions')
      .testName(harness.testName())
      .withRequest('GET', TRANSACTIONS, (b) => {
        b.query({ page_size: '2', start: fromProviderState('${nextPageStart}', EXAMPLE_CURSOR) }).headers({
          Authorization: AUTHORIZATION,
        });
      })
      // Only the items: whether this page is the last one is the provider's business, and the client
      // treats a missing or null `page.next` alike.
      .willRespondWith(200, (b) => {
        b.jsonBody({ data: eachLike(listedTransactionTemplate(EXAMPLE_IDS.secondTransaction)) });
      })
      .executeTest(async (mockServer) => {
        const listing = await harness.client(mockServer.url).listTransactions({}, { pageSize: 2, maxPages: 5 });

        expect(listing.pagesFetched).toBe(2);
        expect(listing.hasMore).toBe(false);
        expect(listing.items.map((t) => t.id)).toEqual([EXAMPLE_IDS.transaction, EXAMPLE_IDS.secondTransaction]);
        expect(listing.items[0]).toEqual({
          id: EXAMPLE_IDS.transaction,
          amount: 42.5,
          currencyCode: 'USD',
          // Not asserted in lists (see listedTransactionTemplate): the mock sends none, Ramp may send null.
          merchantName: null,
          state: 'CLEARED',
          userTransactionTime: '2026-03-02T14:05:09.123Z',
          cardId: EXAMPLE_IDS.card,
        });
      });
  });

  it('gets one transaction by the id the provider supplies', async () => {
    await pact
      .addInteraction()
      .given(ProviderState.TransactionExists)
      .uponReceiving('a request for a transaction')
      .testName(harness.testName())
      .withRequest(
        'GET',
        fromProviderState(`${TRANSACTIONS}/\${transactionId}`, `${TRANSACTIONS}/${EXAMPLE_IDS.transaction}`),
        (b) => {
          b.headers({ Authorization: AUTHORIZATION });
        },
      )
      .willRespondWith(200, (b) => {
        b.jsonBody(transactionTemplate());
      })
      .executeTest(async (mockServer) => {
        const transaction = await harness.client(mockServer.url).getTransaction(EXAMPLE_IDS.transaction);

        expect(transaction.id).toBe(EXAMPLE_IDS.transaction);
        expect(transaction.merchantName).toBe('Blue Bottle Coffee');
        expect(transaction.amount).toBe(42.5);
      });
  });

  it('gets a transaction whose merchant Ramp could not identify: merchant_name is null', async () => {
    await pact
      .addInteraction()
      .given(ProviderState.TransactionWithoutMerchantExists)
      .uponReceiving('a request for a transaction without a merchant name')
      .testName(harness.testName())
      .withRequest(
        'GET',
        fromProviderState(`${TRANSACTIONS}/\${transactionId}`, `${TRANSACTIONS}/${EXAMPLE_IDS.anonymousTransaction}`),
        (b) => {
          b.headers({ Authorization: AUTHORIZATION });
        },
      )
      .willRespondWith(200, (b) => {
        b.jsonBody(transactionWithoutMerchantTemplate());
      })
      .executeTest(async (mockServer) => {
        const transaction = await harness.client(mockServer.url).getTransaction(EXAMPLE_IDS.anonymousTransaction);

        expect(transaction.id).toBe(EXAMPLE_IDS.anonymousTransaction);
        expect(transaction.merchantName).toBeNull();
      });
  });

  it('reports an expired token as RampUnauthorizedError', async () => {
    await pact
      .addInteraction()
      .given(ProviderState.AccessTokenExpired)
      .uponReceiving('a request for transactions with an expired access token')
      .testName(harness.testName())
      .withRequest('GET', TRANSACTIONS, (b) => {
        b.query({ page_size: '2' }).headers({ Authorization: AUTHORIZATION });
      })
      .willRespondWith(401)
      .executeTest(async (mockServer) => {
        const listing = harness.client(mockServer.url).listTransactions({}, { pageSize: 2 });

        await expect(listing).rejects.toBeInstanceOf(RampUnauthorizedError);
        await expect(listing).rejects.toMatchObject({ status: 401, path: TRANSACTIONS });
      });
  });

  it("reports a page size over the limit as RampValidationError with Ramp's error code", async () => {
    await pact
      .addInteraction()
      .uponReceiving('a request for transactions with a page size over the limit')
      .testName(harness.testName())
      .withRequest('GET', TRANSACTIONS, (b) => {
        b.query({ page_size: '1000' }).headers({ Authorization: AUTHORIZATION });
      })
      .willRespondWith(422, (b) => {
        b.jsonBody(rampErrorBody('DEVELOPER_7001'));
      })
      .executeTest(async (mockServer) => {
        const listing = harness.client(mockServer.url).listTransactions({}, { pageSize: 1000 });

        await expect(listing).rejects.toBeInstanceOf(RampValidationError);
        await expect(listing).rejects.toMatchObject({ status: 422, errorCode: 'DEVELOPER_7001' });
      });
  });

  it('matches the committed pact (else run `npm run pacts`)', () => {
    harness.expectCommittedPactCurrent();
  });
});
