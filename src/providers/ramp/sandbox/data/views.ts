import type { SpecRevision } from '../types';
import type {
  BusinessRecord,
  CardRecord,
  CardTaskRecord,
  DepartmentRecord,
  LimitRecord,
  LocationRecord,
  ReimbursementRecord,
  TransactionRecord,
  UserRecord,
} from './records';
import type { SandboxStore } from './store';

/** Response bodies as the served revision defines them. */

const cents = (major: number): number => Math.round(major * 100);

export function transactionState(record: TransactionRecord, revision: SpecRevision): TransactionRecord['state'] {
  return revision === 'next' ? record.next_state : record.state;
}

/** Where each seeded merchant is (Ramp's merchant_location: every field nullable). */
const MERCHANT_CITY: Readonly<Record<string, string>> = {
  'Blue Bottle Coffee': 'Oakland',
  WeWork: 'New York',
  Staples: 'Boston',
};

export function transactionView(
  record: TransactionRecord,
  store: SandboxStore,
  revision: SpecRevision,
): Record<string, unknown> {
  const user = store.user(record.user_id);
  const department = user?.department_id ? store.department(user.department_id) : undefined;
  const location = user?.location_id ? store.location(user.location_id) : undefined;
  const money = { amount: cents(record.amount), currency_code: record.currency_code };
  // Ramp's card holder fields are not nullable: a missing department or location is left out.
  const cardHolder: Record<string, unknown> = {
    user_id: record.user_id,
    first_name: user?.first_name ?? '',
    last_name: user?.last_name ?? '',
  };
  if (department) Object.assign(cardHolder, { department_id: department.id, department_name: department.name });
  if (location) Object.assign(cardHolder, { location_id: location.id, location_name: location.name });
  const lineItem: Record<string, unknown> = { amount: money, converted_amount: money };
  if (record.memo !== null) lineItem.memo = record.memo;
  const city = record.merchant_name === null ? null : (MERCHANT_CITY[record.merchant_name] ?? 'San Francisco');
  const view: Record<string, unknown> = {
    id: record.id,
    amount: record.amount,
    currency_code: record.currency_code,
    original_transaction_amount: money,
    card_id: record.card_id,
    card_present: record.card_present,
    card_holder: cardHolder,
    merchant_id: record.merchant_id,
    merchant_name: record.merchant_name,
    merchant_descriptor: (record.merchant_name ?? 'CARD PURCHASE').toUpperCase(),
    merchant_location: { city, country: city === null ? null : 'US', postal_code: null, state: null },
    sk_category_id: record.sk_category_id,
    sk_category_name: record.sk_category_name,
    state: transactionState(record, revision),
    user_transaction_time: record.user_transaction_time,
    accounting_date: record.accounting_date,
    memo: record.memo,
    receipts: [...record.receipts],
    line_items: [lineItem],
    policy_violations: [],
    disputes: [],
    sync_status: record.sync_status,
    synced_at: record.synced_at,
    entity_id: record.entity_id,
  };
  // Ramp's settlement_date and limit_id are not nullable: absent until there is one.
  if (record.settlement_date !== null) view.settlement_date = record.settlement_date;
  if (record.limit_id !== null) view.limit_id = record.limit_id;
  // `next` no longer returns the merchant's name (change 1 of the drifted release).
  if (revision === 'next') delete view.merchant_name;
  return view;
}

export function cardView(record: CardRecord, store: SandboxStore): Record<string, unknown> {
  const holder = store.user(record.cardholder_id);
  const restrictions: Record<string, unknown> = {
    amount: record.spending_restrictions.amount,
    interval: record.spending_restrictions.interval,
    categories: [...record.spending_restrictions.categories],
    blocked_categories: [],
    suspended: record.state === 'SUSPENDED',
  };
  if (record.spending_restrictions.transaction_amount_limit !== null) {
    restrictions.transaction_amount_limit = record.spending_restrictions.transaction_amount_limit;
  }
  return {
    id: record.id,
    display_name: record.display_name,
    last_four: record.last_four,
    expiration: record.expiration,
    card_program_id: record.card_program_id,
    has_program_overridden: false,
    cardholder_id: record.cardholder_id,
    cardholder_name: holder ? `${holder.first_name} ${holder.last_name}` : '',
    is_physical: record.is_physical,
    state: record.state,
    spending_restrictions: restrictions,
    entity_id: record.entity_id,
    created_at: record.created_at,
  };
}

/** Ramp's task body has no nullable fields: what is not known yet is left out. */
export function cardTaskView(task: CardTaskRecord, status: 'IN_PROGRESS' | 'SUCCESS'): Record<string, unknown> {
  return {
    id: task.id,
    status,
    data: status === 'SUCCESS' ? { card_id: task.card_id } : {},
    // The context names the card a task acts on; a creation has no card until it succeeds.
    context:
      task.action === 'terminate'
        ? { acting_user_id: task.acting_user_id, card_id: task.card_id }
        : { acting_user_id: task.acting_user_id },
  };
}

export const userView = (record: UserRecord): Record<string, unknown> => ({ ...record, custom_fields: [] });
export const departmentView = (record: DepartmentRecord): Record<string, unknown> => ({
  id: record.id,
  name: record.name,
});
export const locationView = (record: LocationRecord): Record<string, unknown> => ({ ...record });

export function reimbursementView(record: ReimbursementRecord, store: SandboxStore): Record<string, unknown> {
  const user = store.user(record.user_id);
  const money = { amount: cents(record.amount), currency_code: record.currency };
  const mileage = record.type === 'MILEAGE';
  const view: Record<string, unknown> = {
    id: record.id,
    amount: record.amount,
    currency: record.currency,
    original_reimbursement_amount: money,
    payee_amount: money,
    type: record.type,
    state: record.state,
    direction: record.direction,
    user_id: record.user_id,
    user_email: user?.email ?? '',
    user_full_name: user ? `${user.first_name} ${user.last_name}` : '',
    merchant_id: null,
    distance: mileage ? Math.round(record.amount / 0.67) : null,
    start_location: mileage ? 'San Francisco HQ' : null,
    end_location: mileage ? 'Client site' : null,
    waypoints: [],
    payment_id: null,
    spend_limit_id: null,
    accounting_date: null,
    sync_status: 'NOT_SYNC_READY',
    synced_at: null,
    submitted_at: record.created_at,
    created_at: record.created_at,
    updated_at: record.created_at,
    transaction_date: record.transaction_date,
    receipts: [],
    line_items: [record.memo === null ? { amount: money } : { amount: money, memo: record.memo }],
    entity_id: record.entity_id,
  };
  // Ramp's merchant and memo are strings, never null: absent when there is none.
  if (record.merchant !== null) view.merchant = record.merchant;
  if (record.memo !== null) view.memo = record.memo;
  return view;
}

export function limitView(record: LimitRecord): Record<string, unknown> {
  const money = (amount: number) => ({ amount, currency_code: 'USD' });
  return {
    id: record.id,
    display_name: record.display_name,
    entity_id: record.entity_id,
    state: record.state,
    restrictions: { limit: money(record.limit_minor), interval: record.interval },
    balance: {
      cleared: money(record.cleared_minor),
      pending: money(record.pending_minor),
      total: money(record.cleared_minor + record.pending_minor),
    },
    users: record.user_ids.map((user_id) => ({ user_id })),
    cards: record.card_ids.map((card_id) => ({ card_id })),
    created_at: record.created_at,
  };
}

export function businessView(record: BusinessRecord): Record<string, unknown> {
  return { ...record, billing_address: { ...record.billing_address } };
}
