import { ApiProblem } from '../http/ramp-error';
import { cardTaskView, cardView } from '../data/views';
import type { CardRecord, SpendInterval } from '../data/records';
import { paginate } from './paginate';
import type { Handler } from './types';

export const listCards: Handler = (context) => {
  const { query, store } = context;
  // Ramp's defaults (is_activated=true, is_terminated=false) arrive filled in by the query validation.
  const matches = store.cards.filter((card) => {
    if (query.user_id !== undefined && card.cardholder_id !== query.user_id) return false;
    if (query.entity_id !== undefined && card.entity_id !== query.entity_id) return false;
    if (query.is_activated !== undefined && (card.state !== 'UNACTIVATED') !== query.is_activated) return false;
    if (query.is_terminated !== undefined && (card.state === 'TERMINATED') !== query.is_terminated) return false;
    return true;
  });
  return { status: 200, body: paginate(matches, context, (card) => cardView(card, store)) };
};

export const getCard: Handler = ({ params, store }) => {
  const id = params.card_id ?? '';
  const card = store.cards.find((candidate) => candidate.id === id);
  if (!card) throw ApiProblem.notFound('Card', id);
  return { status: 200, body: cardView(card, store) };
};

/** Ramp's decimal inputs: a number or a decimal string. */
type Decimal = number | string;

interface CreateVirtualCardBody {
  display_name?: string;
  user_id: string;
  entity_id?: string;
  card_program_id?: string;
  spending_restrictions?: {
    amount: Decimal;
    interval: SpendInterval;
    transaction_amount_limit?: Decimal;
    categories?: number[];
  };
  idempotency_key: string;
}

/** A card without spending restrictions of its own: Ramp fills them from the program; the sandbox uses these. */
const DEFAULT_RESTRICTIONS = { amount: 1000, interval: 'MONTHLY' } as const;

/**
 * Idempotency is per client and key: the same key with the same body answers the same task (a safe
 * replay); the same key with a different body is refused, since it is almost surely a client bug.
 */
export const createVirtualCard: Handler = (context) => {
  const { store, clientId, random } = context;
  const body = context.body as CreateVirtualCardBody;
  const fingerprint = canonicalJson(body);
  const keyId = `${clientId} ${body.idempotency_key}`;
  const existing = store.idempotencyKeys.get(keyId);
  if (existing) {
    if (store.cardTasks.get(existing)?.request_fingerprint !== fingerprint) {
      throw ApiProblem.validation({
        idempotency_key: ['This idempotency_key was already used with a different request.'],
      });
    }
    return { status: 200, body: { id: existing } };
  }

  const user = store.user(body.user_id);
  if (!user) throw ApiProblem.validation({ user_id: ['No user with this id.'] });
  if (body.entity_id !== undefined && !store.entityIds.includes(body.entity_id)) {
    throw ApiProblem.validation({ entity_id: ['No entity with this id.'] });
  }

  const now = new Date(context.now());
  const restrictions = body.spending_restrictions ?? DEFAULT_RESTRICTIONS;
  const limit = body.spending_restrictions?.transaction_amount_limit;
  const card: CardRecord = {
    id: random.uuid(),
    display_name: body.display_name ?? `${user.first_name}'s virtual card`,
    last_four: String(random.int(0, 9999)).padStart(4, '0'),
    expiration: `${String(now.getUTCMonth() + 1).padStart(2, '0')}${String((now.getUTCFullYear() + 3) % 100).padStart(2, '0')}`,
    cardholder_id: user.id,
    card_program_id: body.card_program_id ?? null,
    is_physical: false,
    state: 'ACTIVE',
    spending_restrictions: {
      amount: Number(restrictions.amount),
      interval: restrictions.interval,
      transaction_amount_limit: limit === undefined ? null : Number(limit),
      categories: [...(body.spending_restrictions?.categories ?? [])],
    },
    entity_id: body.entity_id ?? user.entity_id,
    created_at: now.toISOString(),
  };
  store.cards.push(card);
  const taskId = random.uuid();
  store.cardTasks.set(taskId, {
    id: taskId,
    action: 'create',
    client_id: clientId,
    idempotency_key: body.idempotency_key,
    request_fingerprint: fingerprint,
    card_id: card.id,
    acting_user_id: user.id,
    polls_before_success: context.cardTaskPollsBeforeSuccess,
  });
  store.idempotencyKeys.set(keyId, taskId);
  return { status: 200, body: { id: taskId } };
};

/**
 * Terminates a card (Ramp's deferred termination): the card is TERMINATED at once and the task answers
 * SUCCESS like a creation task. The same idempotency key answers the same task.
 */
export const terminateCard: Handler = (context) => {
  const { store, clientId, random, params } = context;
  const body = context.body as { idempotency_key: string };
  const id = params.card_id ?? '';
  const card = store.cards.find((candidate) => candidate.id === id);
  if (!card) throw ApiProblem.notFound('Card', id);
  const keyId = `${clientId} ${body.idempotency_key}`;
  const existing = store.idempotencyKeys.get(keyId);
  if (existing) {
    if (store.cardTasks.get(existing)?.card_id !== id) {
      throw ApiProblem.validation({
        idempotency_key: ['This idempotency_key was already used with a different request.'],
      });
    }
    return { status: 200, body: { id: existing } };
  }
  card.state = 'TERMINATED';
  const taskId = random.uuid();
  store.cardTasks.set(taskId, {
    id: taskId,
    action: 'terminate',
    client_id: clientId,
    idempotency_key: body.idempotency_key,
    request_fingerprint: canonicalJson({ terminate: id }),
    card_id: card.id,
    acting_user_id: card.cardholder_id,
    polls_before_success: 0,
  });
  store.idempotencyKeys.set(keyId, taskId);
  return { status: 200, body: { id: taskId } };
};

export const getCardDeferredTask: Handler = ({ params, store }) => {
  const id = params.task_id ?? '';
  const task = store.cardTasks.get(id);
  if (!task) throw ApiProblem.notFound('Deferred task', id);
  if (task.polls_before_success > 0) {
    task.polls_before_success -= 1;
    return { status: 200, body: cardTaskView(task, 'IN_PROGRESS') };
  }
  return { status: 200, body: cardTaskView(task, 'SUCCESS') };
};

function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value && typeof value === 'object') {
    const entries = Object.entries(value).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([key, child]) => `${JSON.stringify(key)}:${canonicalJson(child)}`).join(',')}}`;
  }
  return JSON.stringify(value);
}
