import { MatchersV3 } from '@pact-foundation/pact';
import type { V3RegexMatcher } from '@pact-foundation/pact';

/**
 * Example values and matchers shared by the consumer pact tests. Every example is a fixed literal:
 * a matcher without one makes pact generate a random value, and the pact files must be byte-stable.
 * Every value the provider decides (ids, times, amounts, next URLs) is a matcher, never a literal, so
 * the pacts verify against the sandbox and a real staging alike.
 */

const { regex, uuid, number, string, nullValue } = MatchersV3;

/** What the tests' axios instance sends. Not a token anyone issued, and not shaped like Ramp's. */
export const FAKE_BEARER = 'Bearer pact.example.not-a-token';

/** RFC 6750 token characters: the pact records the shape and the fake example, never a real token. */
export const AUTHORIZATION = regex('^Bearer [A-Za-z0-9._~+/=-]+$', FAKE_BEARER);

export const EXAMPLE_IDS = {
  transaction: '6f1d2c3b-4a59-4e68-8d7c-0b1a2f3e4d5c',
  secondTransaction: '7a2e3d4c-5b6a-4f79-9e8d-1c2b3a4f5e6d',
  anonymousTransaction: '8b3f4e5d-6c7b-4a8a-8f9e-2d3c4b5a6f7e',
  card: '3c9e8f7a-1b2d-4c3e-8f4a-5b6c7d8e9f01',
  user: '9b8a7c6d-5e4f-4a3b-8c2d-1e0f9a8b7c6d',
  department: '2d3e4f5a-6b7c-4d8e-9f0a-1b2c3d4e5f6a',
  task: '5e6f7a8b-9c0d-4e1f-8a2b-3c4d5e6f7a8b',
  /** A well-formed id no provider issues: the "unknown id" interactions use it as a literal. */
  unknownCard: '00000000-0000-4000-8000-000000000404',
  idempotencyKey: '1f2e3d4c-5b6a-4978-8695-a4b3c2d1e0f9',
} as const;

/** An opaque pagination cursor, as an example only. */
export const EXAMPLE_CURSOR = 'cursor-example';

/** Any upper-case identifier: open enums (transaction and card states, roles), so a new value is not a break. */
export const upperIdentifier = (example: string): V3RegexMatcher => regex('^[A-Z][A-Z0-9_]*$', example);

/**
 * ISO-8601 date-time with or without fractional seconds and offset. Pact's `datetime` matcher pins ONE
 * format; Ramp's serialisation of fractional seconds and offsets is not documented, and the client only
 * passes the string on, so the pact asserts the ISO shape instead of one exact pattern.
 */
export const isoDateTime = (example: string): V3RegexMatcher =>
  regex('^\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}(:\\d{2}(\\.\\d+)?)?(Z|[+-]\\d{2}:?\\d{2})?$', example);

export const currencyCode = (example = 'USD'): V3RegexMatcher => regex('^[A-Z]{3}$', example);

export const email = (example: string): V3RegexMatcher => regex('^[^@\\s]+@[^@\\s]+$', example);

/**
 * A `page.next` URL: absolute, on whatever host the provider runs, carrying a `start` cursor. In the
 * consumer test the mock server rewrites the example's host to its own (MockServerURL generator), so
 * the client really follows it; on verification only the regex applies, whatever the target's host.
 */
export function nextPageUrl(path: string, exampleQuery: string): V3RegexMatcher {
  const example = `http://localhost:8080${path}?${exampleQuery}`;
  return {
    'pact:matcher:type': 'regex',
    'pact:generator:type': 'MockServerURL',
    regex: `^https?://[^/]+(${escapeRegex(path)}\\?.*start=.+)$`,
    value: example,
    example,
  };
}

/**
 * The transaction fields the spend sync reads, as matchers, for a listed transaction. `merchant_name`
 * is not asserted in lists: Ramp's is nullable and a pact matcher is either "a string" or "null", never
 * both, so any page with an unidentified merchant would break a string matcher. The single-transaction
 * interactions assert both shapes, each on a transaction its provider state picks.
 */
export function listedTransactionTemplate(id: string = EXAMPLE_IDS.transaction) {
  return {
    id: uuid(id),
    // `number`, not `decimal`: Ramp's legacy amount is major units, and a whole-dollar amount is
    // serialised as `50`, which pact's decimal matcher rejects.
    amount: number(42.5),
    currency_code: currencyCode(),
    state: upperIdentifier('CLEARED'),
    user_transaction_time: isoDateTime('2026-03-02T14:05:09.123Z'),
    card_id: uuid(EXAMPLE_IDS.card),
  };
}

/** A transaction with a merchant name (state `a transaction exists`). */
export function transactionTemplate(id: string = EXAMPLE_IDS.transaction) {
  return { ...listedTransactionTemplate(id), merchant_name: string('Blue Bottle Coffee') };
}

/** A transaction Ramp could not tie to a merchant: `merchant_name` is null. */
export function transactionWithoutMerchantTemplate(id: string = EXAMPLE_IDS.anonymousTransaction) {
  return { ...listedTransactionTemplate(id), merchant_name: nullValue() };
}

export function cardTemplate(id: string = EXAMPLE_IDS.card) {
  return {
    id: uuid(id),
    display_name: string('Team offsite'),
    last_four: regex('^\\d{4}$', '4242'),
    state: upperIdentifier('ACTIVE'),
    cardholder_id: uuid(EXAMPLE_IDS.user),
  };
}

/** Ramp's error body, reduced to what the client reads: the error code. */
export function rampErrorBody(exampleCode: string) {
  return { error_v2: { error_code: regex('^[A-Z0-9_]+$', exampleCode) } };
}

function escapeRegex(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
