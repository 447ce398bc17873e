import { resolve } from 'node:path';
import { PROVIDER_DEFINITION } from '../providers';

/** The provider every pact in this repository is written against (the provider definition's name). */
export const PROVIDER = PROVIDER_DEFINITION.name;

/**
 * The parts of our product that call Ramp, each with its own pact: a change that breaks card issuing
 * must not read as a broken spend sync, and each can be verified (and deployed) on its own.
 */
export const CONSUMERS = {
  /** Syncs spend into the ledger: transactions, users, departments. */
  spendSync: 'spend-sync',
  /** Issues virtual cards to employees: cards and their deferred creation. */
  cardIssuing: 'card-issuing',
} as const;
export type ConsumerName = (typeof CONSUMERS)[keyof typeof CONSUMERS];
export const ALL_CONSUMERS: readonly ConsumerName[] = Object.values(CONSUMERS);

/** Where the committed pacts live: `<repo>/pacts`. */
export const PACT_DIR = resolve(__dirname, '..', '..', 'pacts');

/** Pact's own file naming: `<consumer>-<provider>.json`. */
export function pactFileName(consumer: ConsumerName, provider: string = PROVIDER): string {
  return `${consumer}-${provider}.json`;
}
