import { ApiProblem } from '../http/ramp-error';
import { transactionState, transactionView } from '../data/views';
import { paginate } from './paginate';
import type { Handler } from './types';

export const listTransactions: Handler = (context) => {
  const { query, store, revision } = context;
  const from = typeof query.from_date === 'string' ? Date.parse(query.from_date) : null;
  const to = typeof query.to_date === 'string' ? Date.parse(query.to_date) : null;
  const department = typeof query.department_id === 'string' ? query.department_id : null;
  const matches = store.transactions.filter((record) => {
    const state = transactionState(record, revision);
    // Ramp leaves declined transactions out unless they are asked for.
    if (query.state === undefined ? state === 'DECLINED' : query.state !== 'ALL' && state !== query.state) return false;
    const time = Date.parse(record.user_transaction_time);
    if (from !== null && time < from) return false;
    if (to !== null && time > to) return false;
    if (query.user_id !== undefined && record.user_id !== query.user_id) return false;
    if (query.card_id !== undefined && record.card_id !== query.card_id) return false;
    if (department !== null && store.user(record.user_id)?.department_id !== department) return false;
    if (typeof query.min_amount === 'number' && record.amount < query.min_amount) return false;
    if (typeof query.max_amount === 'number' && record.amount > query.max_amount) return false;
    return true;
  });
  return { status: 200, body: paginate(matches, context, (record) => transactionView(record, store, revision)) };
};

export const getTransaction: Handler = ({ params, store, revision }) => {
  const id = params.transaction_id ?? '';
  const record = store.transactions.find((transaction) => transaction.id === id);
  if (!record) throw ApiProblem.notFound('Transaction', id);
  return { status: 200, body: transactionView(record, store, revision) };
};
