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

export function transactionView(record: TransactionRecord, store: SandboxStore, revision: SpecRevision): Record<string, unknown> {
  const user = store.user(record.user_id);
  const department = user?.department_id ? store.department(user.department_id) : undefined;
  const location = user?.location_id ? store.location(user.location_id) : undefined;
  const view: Record<string, unknown> = {
    id: record.id,
    amount: record.amount,
    currency_code: record.currency_code,
    original_transaction_amount: { amount: cents(record.amount), currency_code: record.currency_code },
    card_id: record.card_id,
    card_holder: {
      user_id: record.user_id,
      first_name: user?.first_name ?? '',
      last_name: user?.last_name ?? '',
      department_id: department?.id ?? null,
      department_name: department?.name ?? null,
      location_id: location?.id ?? null,
      location_name: location?.name ?? null,
    },
    merchant_id: record.merchant_id,
    merchant_name: record.merchant_name,
    sk_category_id: record.sk_category_id,
    sk_category_name: record.sk_category_name,
    state: transactionState(record, revision),
    user_transaction_time: record.user_transaction_time,
    settlement_date: record.settlement_date,
    accounting_date: record.accounting_date,
    memo: record.memo,
    receipts: [...record.receipts],
    line_items: [{ amount: { amount: cents(record.amount), currency_code: record.currency_code }, memo: record.memo }],
    sync_status: record.sync_status,
    synced_at: record.synced_at,
    entity_id: record.entity_id,
    limit_id: record.limit_id,
  };
  // `next` no longer returns the merchant's name (change 1 of the drifted release).
  if (revision === 'next') delete view.merchant_name;
  return view;
}

export function cardView(record: CardRecord, store: SandboxStore): Record<string, unknown> {
  const holder = store.user(record.cardholder_id);
  return {
    id: record.id,
    display_name: record.display_name,
    last_four: record.last_four,
    expiration: record.expiration,
    cardholder_id: record.cardholder_id,
    cardholder_name: holder ? `${holder.first_name} ${holder.last_name}` : '',
    is_physical: record.is_physical,
    state: record.state,
    spending_restrictions: { ...record.spending_restrictions, categories: [...record.spending_restrictions.categories] },
    entity_id: record.entity_id,
    created_at: record.created_at,
  };
}

export function cardTaskView(task: CardTaskRecord, status: 'IN_PROGRESS' | 'SUCCESS'): Record<string, unknown> {
  return {
    id: task.id,
    status,
    data: { card_id: status === 'SUCCESS' ? task.card_id : null, error: null },
    context: { acting_user_id: task.acting_user_id },
  };
}

export const userView = (record: UserRecord): Record<string, unknown> => ({ ...record });
export const departmentView = (record: DepartmentRecord): Record<string, unknown> => ({ id: record.id, name: record.name });
export const locationView = (record: LocationRecord): Record<string, unknown> => ({ ...record });

export function reimbursementView(record: ReimbursementRecord): Record<string, unknown> {
  return {
    id: record.id,
    amount: record.amount,
    currency: record.currency,
    payee_amount: { amount: cents(record.amount), currency_code: record.currency },
    type: record.type,
    state: record.state,
    direction: record.direction,
    user_id: record.user_id,
    merchant: record.merchant,
    memo: record.memo,
    created_at: record.created_at,
    transaction_date: record.transaction_date,
    entity_id: record.entity_id,
  };
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
