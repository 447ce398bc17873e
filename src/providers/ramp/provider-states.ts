/**
 * Provider states: the names the consumer pacts use in `given(...)` and the verifier's state handlers
 * answer to. One constant per state; neither side spells a state name as a literal.
 *
 * A state handler makes its state true on the target THROUGH THE TARGET'S OWN API (look existing data
 * up; create namespaced `rampart-test-` data only on write-allowed hosts), is idempotent, and returns
 * the values listed under "Returns": the pacts read them with `fromProviderState('${key}')`, which is
 * how the same pact verifies against a staging whose ids nobody knows in advance.
 */

export const ProviderState = {
  /**
   * `GET /developer/v1/transactions` (no filters: declined transactions excluded) lists at least
   * `minCount` transactions, on as many pages as it takes.
   *
   * Params: `{ minCount: number }`. Returns: nothing.
   */
  TransactionsExist: 'transactions exist',

  /**
   * `GET /developer/v1/transactions?page_size=<pageSize>` answers a first page whose `page.next` is a
   * URL (there are more than `pageSize` transactions).
   *
   * Params: `{ pageSize: number }`.
   * Returns: `{ nextPageStart }`, the value of the `start` query parameter of that `page.next` URL,
   * unchanged (the cursor is opaque; the pact requests `?page_size=<pageSize>&start=<nextPageStart>`).
   */
  SecondPageOfTransactionsExists: 'a second page of transactions exists',

  /**
   * A transaction exists that `GET /developer/v1/transactions/{id}` returns with the token's scopes,
   * with a merchant name and a card id (both of which Ramp may leave null or out).
   *
   * Params: none. Returns: `{ transactionId }`.
   */
  TransactionExists: 'a transaction exists',

  /**
   * A transaction exists that `GET /developer/v1/transactions/{id}` returns with `merchant_name: null`
   * (Ramp's `merchant_name` is nullable: a merchant Ramp could not identify).
   *
   * Params: none. Returns: `{ transactionId }`.
   */
  TransactionWithoutMerchantExists: 'a transaction without a merchant name exists',

  /**
   * A card exists that `GET /developer/v1/cards/{id}` returns. Any state (active, suspended...).
   *
   * Params: none. Returns: `{ cardId }`.
   */
  CardExists: 'a card exists',

  /**
   * `GET /developer/v1/cards/{cardId}` answers 404: no card has this id. The id is the consumer's
   * (a fixed UUID no provider issues); the handler only checks, it never deletes anything.
   *
   * Params: `{ cardId: string }`. Returns: nothing.
   */
  NoCardWithId: 'no card exists with the id',

  /**
   * A user exists that `GET /developer/v1/users/{id}` returns.
   *
   * Params: none. Returns: `{ userId }`.
   */
  UserExists: 'a user exists',

  /**
   * An active user who may hold cards (not a guest or auditor) exists, so that
   * `POST /developer/v1/cards/deferred/virtual` with `user_id` = this user is accepted.
   *
   * Params: none. Returns: `{ userId }`.
   */
  CardholderExists: 'a user who can hold cards exists',

  /**
   * `GET /developer/v1/departments` lists at least `minCount` departments.
   *
   * Params: `{ minCount: number }`. Returns: nothing.
   */
  DepartmentsExist: 'departments exist',

  /**
   * A virtual card request has finished: `GET /developer/v1/cards/deferred/status/{taskId}` answers
   * `status: SUCCESS` with `data.card_id`. WRITES: the handler submits a request (display name prefixed
   * `rampart-test-`, a fixed idempotency key so reruns reuse the same task) and polls, bounded, until
   * SUCCESS; only on write-allowed hosts. Teardown terminates the card it created (Ramp's
   * `POST /developer/v1/cards/{card_id}/deferred/termination`), whether the interaction passed or failed.
   *
   * Params: none. Returns: `{ taskId }`.
   */
  VirtualCardRequestSucceeded: 'a virtual card request has succeeded',

  /**
   * The request carries an access token the provider once issued and no longer accepts (expired or
   * revoked): the verifier's request filter swaps it in. Nothing to set up on the provider.
   *
   * Params: none. Returns: nothing.
   */
  AccessTokenExpired: 'the access token is expired',

  /**
   * The request carries a valid token minted WITHOUT the `cards:read` scope (every other default
   * scope kept): the verifier's request filter swaps it in.
   *
   * Params: none. Returns: nothing.
   */
  AccessTokenLacksCardsRead: 'the access token lacks the cards:read scope',
} as const;

export type ProviderStateName = (typeof ProviderState)[keyof typeof ProviderState];

type NoParams = Record<string, never>;
type NoValues = Record<string, never>;

/** Params each state is given (`given(name, params)`) and the values its handler returns. */
export interface ProviderStateContracts {
  [ProviderState.TransactionsExist]: { params: { minCount: number }; returns: NoValues };
  [ProviderState.SecondPageOfTransactionsExists]: { params: { pageSize: number }; returns: { nextPageStart: string } };
  [ProviderState.TransactionExists]: { params: NoParams; returns: { transactionId: string } };
  [ProviderState.TransactionWithoutMerchantExists]: { params: NoParams; returns: { transactionId: string } };
  [ProviderState.CardExists]: { params: NoParams; returns: { cardId: string } };
  [ProviderState.NoCardWithId]: { params: { cardId: string }; returns: NoValues };
  [ProviderState.UserExists]: { params: NoParams; returns: { userId: string } };
  [ProviderState.CardholderExists]: { params: NoParams; returns: { userId: string } };
  [ProviderState.DepartmentsExist]: { params: { minCount: number }; returns: NoValues };
  [ProviderState.VirtualCardRequestSucceeded]: { params: NoParams; returns: { taskId: string } };
  [ProviderState.AccessTokenExpired]: { params: NoParams; returns: NoValues };
  [ProviderState.AccessTokenLacksCardsRead]: { params: NoParams; returns: NoValues };
}

export type ProviderStateParams<S extends ProviderStateName> = ProviderStateContracts[S]['params'];
export type ProviderStateValues<S extends ProviderStateName> = ProviderStateContracts[S]['returns'];

export const ALL_PROVIDER_STATES: readonly ProviderStateName[] = Object.values(ProviderState);

/** States whose handler must write to the target; on a host outside the write allow-list they cannot be set up. */
export const STATES_THAT_WRITE: readonly ProviderStateName[] = [ProviderState.VirtualCardRequestSucceeded];

/**
 * States the verifier satisfies with the token it sends, not with data: which token goes on the request.
 * Absent state → the run's normal token.
 */
export const TOKEN_STATES = {
  [ProviderState.AccessTokenExpired]: { kind: 'expired' },
  [ProviderState.AccessTokenLacksCardsRead]: { kind: 'without-scope', scope: 'cards:read' },
} as const satisfies Partial<Record<ProviderStateName, { kind: 'expired' } | { kind: 'without-scope'; scope: string }>>;

export function isProviderStateName(name: string): name is ProviderStateName {
  return (ALL_PROVIDER_STATES as readonly string[]).includes(name);
}
