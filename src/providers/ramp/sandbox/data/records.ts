/**
 * The sandbox's stored records. They hold what both spec revisions need; `views.ts` turns a record into
 * the response body of the revision being served.
 */

export const TRANSACTION_STATES = [
  'CLEARED',
  'COMPLETION',
  'DECLINED',
  'ERROR',
  'PENDING',
  'PENDING_INITIATION',
] as const;
export const CARD_STATES = ['ACTIVE', 'CHIP_LOCKED', 'SUSPENDED', 'TERMINATED', 'UNACTIVATED'] as const;
/** Ramp's card spending intervals (its document lists ANNUAL and TERTIARY besides the usual ones). */
export const SPEND_INTERVALS = [
  'ANNUAL',
  'DAILY',
  'MONTHLY',
  'QUARTERLY',
  'TERTIARY',
  'TOTAL',
  'WEEKLY',
  'YEARLY',
] as const;
/** The intervals of a limit (the `next` revision's Limits), kept to the usual ones. */
export const LIMIT_INTERVALS = ['DAILY', 'WEEKLY', 'MONTHLY', 'QUARTERLY', 'YEARLY', 'TOTAL'] as const;
export const USER_ROLES = [
  'AUDITOR',
  'BUSINESS_ADMIN',
  'BUSINESS_BOOKKEEPER',
  'BUSINESS_OWNER',
  'BUSINESS_USER',
  'GUEST_USER',
  'IT_ADMIN',
] as const;
export const USER_STATUSES = [
  'INVITE_EXPIRED',
  'INVITE_PENDING',
  'USER_ACTIVE',
  'USER_INACTIVE',
  'USER_ONBOARDING',
  'USER_SUSPENDED',
] as const;
export const SYNC_STATUSES = ['NOT_SYNC_READY', 'SYNCED', 'SYNC_READY'] as const;
export const REIMBURSEMENT_TYPES = ['MILEAGE', 'OUT_OF_POCKET', 'PAYBACK_FULL', 'PAYBACK_PARTIAL', 'PER_DIEM'] as const;
export const REIMBURSEMENT_STATES = [
  'APPROVED',
  'AWAITING_EXPORT',
  'AWAITING_PAYMENT',
  'AWAITING_PUSH_PAYMENT',
  'CANCELED',
  'DELETED',
  'DRAFT',
  'EXPORTED',
  'EXPORT_FAILED',
  'EXPORT_INITIATED',
  'EXPORT_SUCCESSFUL',
  'FAILED_REIMBURSEMENT',
  'INIT',
  'MANUALLY_REIMBURSED',
  'MISSING_ACH',
  'PENDING',
  'PROCESSING',
  'PUSH_PAYMENT_FAILED',
  'PUSH_PAYMENT_INITIATED',
  'REIMBURSED',
  'REIMBURSED_VIA_PUSH',
  'REJECTED',
] as const;
export const REIMBURSEMENT_DIRECTIONS = ['BUSINESS_TO_USER', 'USER_TO_BUSINESS'] as const;
export const LIMIT_STATES = ['ACTIVE', 'SUSPENDED', 'TERMINATED'] as const;
export const TASK_STATUSES = ['STARTED', 'IN_PROGRESS', 'ERROR', 'SUCCESS'] as const;

export type TransactionState = (typeof TRANSACTION_STATES)[number] | 'DISPUTED';
export type CardState = (typeof CARD_STATES)[number];
export type SpendInterval = (typeof SPEND_INTERVALS)[number];

export interface CurrencyAmount {
  /** Minor units (cents). */
  amount: number;
  currency_code: string;
}

export interface TransactionRecord {
  id: string;
  /** Legacy decimal amount in major units. */
  amount: number;
  currency_code: string;
  card_id: string;
  user_id: string;
  /** Null for a transaction Ramp could not tie to a merchant; its name is null then too. */
  merchant_id: string | null;
  merchant_name: string | null;
  card_present: boolean;
  sk_category_id: number;
  sk_category_name: string;
  /** The state under the baseline revision. */
  state: TransactionState;
  /** The state under `next`, where some cleared transactions are disputed. */
  next_state: TransactionState;
  user_transaction_time: string;
  settlement_date: string | null;
  accounting_date: string | null;
  memo: string | null;
  receipts: string[];
  sync_status: (typeof SYNC_STATUSES)[number];
  synced_at: string | null;
  entity_id: string;
  limit_id: string | null;
}

export interface CardRecord {
  id: string;
  display_name: string;
  last_four: string;
  /** MMYY */
  expiration: string;
  cardholder_id: string;
  /** Null for a card issued outside any card program. */
  card_program_id: string | null;
  is_physical: boolean;
  state: CardState;
  spending_restrictions: {
    amount: number;
    interval: SpendInterval;
    transaction_amount_limit: number | null;
    categories: number[];
  };
  entity_id: string;
  created_at: string;
}

export interface UserRecord {
  id: string;
  email: string;
  first_name: string;
  last_name: string;
  role: (typeof USER_ROLES)[number];
  status: (typeof USER_STATUSES)[number];
  department_id: string | null;
  location_id: string | null;
  manager_id: string | null;
  business_id: string;
  entity_id: string;
  is_manager: boolean;
}

export interface DepartmentRecord {
  id: string;
  name: string;
}

export interface LocationRecord {
  id: string;
  name: string;
  entity_id: string;
}

export interface ReimbursementRecord {
  id: string;
  amount: number;
  currency: string;
  type: (typeof REIMBURSEMENT_TYPES)[number];
  state: (typeof REIMBURSEMENT_STATES)[number];
  direction: (typeof REIMBURSEMENT_DIRECTIONS)[number];
  user_id: string;
  merchant: string | null;
  memo: string | null;
  created_at: string;
  /** Date only (YYYY-MM-DD). */
  transaction_date: string;
  entity_id: string;
}

export interface LimitRecord {
  id: string;
  display_name: string;
  entity_id: string;
  state: (typeof LIMIT_STATES)[number];
  limit_minor: number;
  interval: SpendInterval;
  cleared_minor: number;
  pending_minor: number;
  user_ids: string[];
  card_ids: string[];
  created_at: string;
}

export interface BusinessRecord {
  id: string;
  business_name_legal: string;
  business_name_on_card: string;
  phone: string;
  website: string;
  active: boolean;
  enforce_sso: boolean;
  limit_locked: boolean;
  is_integrated_with_slack: boolean;
  is_reimbursements_enabled: boolean;
  /** Whole dollars. */
  initial_approved_limit: number;
  created_time: string;
  billing_address: { address1: string; city: string; state: string; postal_code: string; country: string };
}

export interface CardTaskRecord {
  id: string;
  /** What the task does to its card: create it, or terminate an existing one. */
  action: 'create' | 'terminate';
  /** The client that created it: tasks and idempotency keys are per client. */
  client_id: string;
  idempotency_key: string;
  /** Canonical JSON of the request, to tell a replay from a reused key. */
  request_fingerprint: string;
  card_id: string;
  acting_user_id: string;
  /** Polls still answered IN_PROGRESS before SUCCESS. */
  polls_before_success: number;
}
