import { z } from 'zod';
import type { Card, DeferredTask, Department, Transaction, User } from './types';

/**
 * Ramp's JSON (snake_case) → our domain objects. Each schema names only the fields the product reads:
 * extra fields are ignored, so the provider may add anything without breaking us. These are exactly the
 * fields the consumer pacts assert. Nullable and optional as Ramp's published document says.
 */

export const transactionWire = z
  .object({
    id: z.string(),
    amount: z.number(),
    currency_code: z.string(),
    merchant_name: z.string().nullish(),
    state: z.string(),
    user_transaction_time: z.string(),
    card_id: z.string().nullish(),
  })
  .transform((t): Transaction => ({
    id: t.id,
    amount: t.amount,
    currencyCode: t.currency_code,
    merchantName: t.merchant_name ?? null,
    state: t.state,
    userTransactionTime: t.user_transaction_time,
    cardId: t.card_id ?? null,
  }));

export const cardWire = z
  .object({
    id: z.string(),
    display_name: z.string(),
    last_four: z.string(),
    state: z.string(),
    cardholder_id: z.string(),
  })
  .transform((c): Card => ({
    id: c.id,
    displayName: c.display_name,
    lastFour: c.last_four,
    state: c.state,
    cardholderId: c.cardholder_id,
  }));

export const userWire = z
  .object({ id: z.string(), email: z.string(), first_name: z.string(), last_name: z.string(), role: z.string() })
  .transform((u): User => ({ id: u.id, email: u.email, firstName: u.first_name, lastName: u.last_name, role: u.role }));

export const departmentWire = z
  .object({ id: z.string(), name: z.string() })
  .transform((d): Department => ({ id: d.id, name: d.name }));

/** `POST /cards/deferred/virtual` answers `{id}`: the deferred task to poll. */
export const taskCreatedWire = z.object({ id: z.string() });

export const deferredTaskWire = z
  .object({
    id: z.string(),
    status: z.string(),
    data: z
      // Ramp's `error` is a string; anything else is still turned into a readable one rather than rejected.
      .object({ card_id: z.string().nullish(), error: z.unknown().optional() })
      .nullish(),
  })
  .transform((t): DeferredTask => ({
    id: t.id,
    status: t.status,
    cardId: t.data?.card_id ?? null,
    error: t.data?.error === undefined || t.data.error === null ? null : describeTaskError(t.data.error),
  }));

/** `{data, page:{next}}`; a missing `page` or `next` means the last page. */
export function listWire<T extends z.ZodType>(item: T) {
  return z.object({
    data: z.array(item),
    page: z.object({ next: z.string().nullish() }).nullish(),
  });
}

/** Ramp's error body: `{error_v2:{error_code, message, additional_info, notes}, error}`. Every part optional. */
export const errorWire = z
  .object({
    error_v2: z
      .object({
        error_code: z.string().optional().catch(undefined),
        message: z.string().optional().catch(undefined),
        additional_info: z.unknown().optional(),
      })
      .optional()
      .catch(undefined),
    error: z.unknown().optional(),
  })
  .catch({});

/** One readable line for the first problem zod found, e.g. `data[3].merchant_name: expected string`. */
export function describeIssue(error: z.ZodError): string {
  const issue = error.issues[0];
  if (!issue) return 'unexpected shape';
  const path = issue.path
    .map((part, index) => (typeof part === 'number' ? `[${part}]` : `${index === 0 ? '' : '.'}${String(part)}`))
    .join('');
  return `${path || 'body'}: ${issue.message}`;
}

function describeTaskError(error: unknown): string {
  if (typeof error === 'string') return error;
  if (error && typeof error === 'object' && 'message' in error && typeof error.message === 'string') {
    return error.message;
  }
  return JSON.stringify(error);
}
