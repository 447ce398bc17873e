/**
 * Small hand-written V4 pacts for the verifier's tests: a handful of interactions that cover the
 * state handlers, `fromProviderState`, the token states and a write, independent of the committed
 * pacts.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ProviderState } from '../provider-states';

const BEARER_RULE = {
  header: { Authorization: { combine: 'AND', matchers: [{ match: 'regex', regex: '^Bearer [A-Za-z0-9._~+/=-]+$' }] } },
};
const AUTH = { Authorization: ['Bearer pact.example.not-a-token'] };
const type = { combine: 'AND', matchers: [{ match: 'type' }] };
const json = (content: unknown) => ({ content, contentType: 'application/json', encoded: false });

export const LIST_TRANSACTIONS = 'list transactions';
export const GET_TRANSACTION = 'get a transaction';
export const EXPIRED_TOKEN = 'list transactions with an expired token';
export const LIST_CARDS = 'list cards';
export const CARDS_WITHOUT_SCOPE = 'list cards without cards:read';
export const CREATE_CARD = 'create a virtual card';

const transaction = {
  id: 'b9d8a1f0-0000-4000-8000-000000000001',
  amount: 12.5,
  merchant_name: 'Cafe',
  state: 'CLEARED',
};
const transactionRules = { '$.id': type, '$.amount': type, '$.merchant_name': type, '$.state': type };

export function spendSyncPact(): object {
  return {
    consumer: { name: 'spend-sync' },
    provider: { name: 'ramp-developer-api' },
    interactions: [
      {
        type: 'Synchronous/HTTP',
        description: LIST_TRANSACTIONS,
        providerStates: [{ name: ProviderState.TransactionsExist, params: { minCount: 2 } }],
        request: {
          method: 'GET',
          path: '/developer/v1/transactions',
          query: { page_size: ['2'] },
          headers: AUTH,
          matchingRules: BEARER_RULE,
        },
        response: {
          status: 200,
          body: json({
            data: [transaction],
            page: { next: 'https://api.example/developer/v1/transactions?page_size=2&start=abc' },
          }),
          matchingRules: {
            body: {
              '$.data': { combine: 'AND', matchers: [{ match: 'type', min: 1 }] },
              ...prefixed('$.data[*]', transactionRules),
              '$.page.next': { combine: 'AND', matchers: [{ match: 'regex', regex: '^https?://.+start=.+' }] },
            },
          },
        },
      },
      {
        type: 'Synchronous/HTTP',
        description: GET_TRANSACTION,
        providerStates: [{ name: ProviderState.TransactionExists, params: {} }],
        request: {
          method: 'GET',
          path: `/developer/v1/transactions/${transaction.id}`,
          headers: AUTH,
          matchingRules: { ...BEARER_RULE, path: type },
          generators: { path: { type: 'ProviderState', expression: '/developer/v1/transactions/${transactionId}' } },
        },
        response: { status: 200, body: json(transaction), matchingRules: { body: transactionRules } },
      },
      {
        type: 'Synchronous/HTTP',
        description: EXPIRED_TOKEN,
        providerStates: [{ name: ProviderState.AccessTokenExpired, params: {} }],
        request: { method: 'GET', path: '/developer/v1/transactions', headers: AUTH, matchingRules: BEARER_RULE },
        response: { status: 401 },
      },
    ],
    metadata: { pactSpecification: { version: '4.0' } },
  };
}

export function cardIssuingPact(): object {
  return {
    consumer: { name: 'card-issuing' },
    provider: { name: 'ramp-developer-api' },
    interactions: [
      {
        type: 'Synchronous/HTTP',
        description: LIST_CARDS,
        providerStates: [{ name: ProviderState.CardExists, params: {} }],
        request: { method: 'GET', path: '/developer/v1/cards', headers: AUTH, matchingRules: BEARER_RULE },
        response: {
          status: 200,
          body: json({ data: [{ id: 'c-1', last_four: '4242' }] }),
          matchingRules: {
            body: {
              '$.data': { combine: 'AND', matchers: [{ match: 'type', min: 1 }] },
              '$.data[*].id': type,
              '$.data[*].last_four': { combine: 'AND', matchers: [{ match: 'regex', regex: '^\\d{4}$' }] },
            },
          },
        },
      },
      {
        type: 'Synchronous/HTTP',
        description: CARDS_WITHOUT_SCOPE,
        providerStates: [{ name: ProviderState.AccessTokenLacksCardsRead, params: {} }],
        request: { method: 'GET', path: '/developer/v1/cards', headers: AUTH, matchingRules: BEARER_RULE },
        response: { status: 403 },
      },
      {
        type: 'Synchronous/HTTP',
        description: CREATE_CARD,
        providerStates: [{ name: ProviderState.CardholderExists, params: {} }],
        request: {
          method: 'POST',
          path: '/developer/v1/cards/deferred/virtual',
          headers: { ...AUTH, 'Content-Type': ['application/json'] },
          body: json({
            display_name: 'rampart-test-card',
            user_id: 'u-1',
            spending_restrictions: { amount: 100, interval: 'MONTHLY' },
            idempotency_key: 'a2f1c5d0-1111-4222-8333-444455556666',
          }),
          matchingRules: BEARER_RULE,
          generators: { body: { '$.user_id': { type: 'ProviderState', expression: '${userId}' } } },
        },
        response: { status: 200, body: json({ id: 'task-1' }), matchingRules: { body: { '$.id': type } } },
      },
    ],
    metadata: { pactSpecification: { version: '4.0' } },
  };
}

function prefixed(prefix: string, rules: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(rules).map(([k, v]) => [k.replace('$', prefix), v]));
}

/** Writes pacts into a fresh temp dir; returns their paths (the caller removes `dir`). */
export function writeTestPacts(
  pacts: Record<string, object> = { 'spend-sync.json': spendSyncPact(), 'card-issuing.json': cardIssuingPact() },
): { dir: string; files: string[] } {
  const dir = mkdtempSync(join(tmpdir(), 'rampart-test-pacts-'));
  const files = Object.entries(pacts).map(([name, pact]) => {
    const file = join(dir, name);
    writeFileSync(file, typeof pact === 'string' ? pact : JSON.stringify(pact, null, 2));
    return file;
  });
  return { dir, files };
}
