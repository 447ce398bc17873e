/**
 * The domain objects our product reads from Ramp: only the fields it uses, in camelCase. Everything here
 * is what the consumer pacts promise the provider keeps; adding a field means adding it to the pacts.
 * Nullability follows Ramp's published document: a field Ramp may send as null (or leave out) is
 * `| null` here, and the product must handle it.
 */

/**
 * States the product acts on. Ramp adds states over time (the next release adds `DISPUTED`), so the
 * type stays open: an unknown state is passed through as a string, never rejected, and the pacts match
 * it as "an upper-case identifier" rather than this list.
 */
export type KnownTransactionState = 'CLEARED' | 'PENDING' | 'DECLINED' | 'ERROR' | 'COMPLETION';
export type TransactionState = KnownTransactionState | (string & {});

export interface Transaction {
  id: string;
  /** Major units (Ramp's legacy decimal amount), e.g. 12.5 for $12.50. */
  amount: number;
  /** ISO 4217, e.g. `USD`. */
  currencyCode: string;
  /** Null when Ramp could not identify the merchant (Ramp's `merchant_name` is nullable and optional). */
  merchantName: string | null;
  state: TransactionState;
  /** ISO-8601 timestamp of the purchase, as Ramp sent it. */
  userTransactionTime: string;
  /** Null when Ramp leaves `card_id` out (it is not in Ramp's `required` list). */
  cardId: string | null;
}

export type KnownCardState = 'ACTIVE' | 'CHIP_LOCKED' | 'SUSPENDED' | 'TERMINATED' | 'UNACTIVATED';
export type CardState = KnownCardState | (string & {});

export interface Card {
  id: string;
  displayName: string;
  /** Exactly four digits. */
  lastFour: string;
  state: CardState;
  cardholderId: string;
}

export type KnownUserRole =
  'BUSINESS_ADMIN' | 'BUSINESS_USER' | 'BUSINESS_OWNER' | 'BUSINESS_BOOKKEEPER' | 'IT_ADMIN' | 'AUDITOR' | 'GUEST_USER';
export type UserRole = KnownUserRole | (string & {});

export interface User {
  id: string;
  email: string;
  firstName: string;
  lastName: string;
  role: UserRole;
}

export interface Department {
  id: string;
  name: string;
}

/** Ramp's deferred-task statuses; open for the same reason as the other enums. */
export type DeferredTaskStatus = 'STARTED' | 'IN_PROGRESS' | 'SUCCESS' | 'ERROR' | (string & {});

export interface DeferredTask {
  id: string;
  status: DeferredTaskStatus;
  /** The card created, once `status` is `SUCCESS` (virtual card requests only). */
  cardId: string | null;
  /** Ramp's explanation when `status` is `ERROR` (Ramp's `data.error`, a string). */
  error: string | null;
}

export type SpendingInterval =
  'ANNUAL' | 'DAILY' | 'MONTHLY' | 'QUARTERLY' | 'TERTIARY' | 'TOTAL' | 'WEEKLY' | 'YEARLY';

export interface CreateVirtualCardRequest {
  /** Shown in Ramp and on statements. */
  displayName: string;
  /** The cardholder. */
  userId: string;
  spendingLimit: {
    /** Major units (Ramp's legacy decimal amount). */
    amount: number;
    interval: SpendingInterval;
  };
  /**
   * Makes the request replay-safe: Ramp returns the original task for a key it has seen.
   * @default a random UUID (a new card each call)
   */
  idempotencyKey?: string;
}

/** Filters of `GET /developer/v1/transactions`; all optional, sent in Ramp's snake_case. */
export interface TransactionFilters {
  /** ISO-8601 date or timestamp, inclusive. */
  fromDate?: string;
  toDate?: string;
  /** One state, or `ALL` to include declined transactions (excluded by default). */
  state?: TransactionState | 'ALL';
  userId?: string;
  cardId?: string;
  departmentId?: string;
  minAmount?: number;
  maxAmount?: number;
}

export interface CardFilters {
  userId?: string;
  isTerminated?: boolean;
}

/** How much of a paginated list to fetch. Every list is bounded: no option makes it unbounded. */
export interface PageOptions {
  /**
   * Items per request (Ramp accepts 2–100).
   * @default 100
   */
  pageSize?: number;
  /**
   * Most requests one call makes; when the list is longer, the result says `hasMore`.
   * @default 50
   */
  maxPages?: number;
}

/** A list read page by page, up to `maxPages`. */
export interface Listing<T> {
  items: T[];
  pagesFetched: number;
  /** True when `maxPages` was reached and Ramp still had a `next` page. */
  hasMore: boolean;
  /** Where to resume: the last `page.next` Ramp returned (null at the end of the list). */
  nextUrl: string | null;
}

export interface WaitOptions {
  /**
   * Pause between two status polls, in milliseconds.
   * @default 1000
   */
  intervalMs?: number;
  /**
   * Most status requests before giving up with `RampDeferredTaskError` (`reason: 'timed-out'`).
   * @default 30
   */
  maxPolls?: number;
}
