import { LIMIT_INTERVALS, LIMIT_STATES, TRANSACTION_STATES } from '../data/records';
import { API_PREFIX, apiOperation, buildBaselineSpec, transactionStateFilter } from './baseline';
import type { OpenApiDocument, OperationObject, SchemaObject } from './types';

/**
 * The `next` revision: the baseline with exactly the seven changes of a realistic drifted release
 * (docs/architecture.md). The sandbox behaves as this document says when it serves it.
 */

export const USER_GET_DEPRECATED_AT = '2026-10-01';
export const USER_GET_SUNSET = '2027-10-01';

export const NEXT_DISPLAY_NAME_MAX_LENGTH = 32;

export function buildNextSpec(): OpenApiDocument {
  const doc = buildBaselineSpec();
  doc.info.version = '1.1.0-next';
  const schemas = doc.components.schemas;

  // 1. Response field removed: Transaction.merchant_name (in lists and single fetches alike).
  const transaction = schemas.Transaction as { properties: Record<string, SchemaObject>; required: string[] };
  const single = schemas.SingleTransaction as { properties: Record<string, SchemaObject>; required: string[] };
  for (const schema of [transaction, single]) delete schema.properties.merchant_name;

  // 2. Request field newly required, 3. stricter constraint: on the virtual-card request.
  const createCard = schemas.ApiCardRequestBody as { properties: Record<string, SchemaObject>; required: string[] };
  createCard.required = [...createCard.required, 'entity_id'];
  const displayName = createCard.properties.display_name;
  createCard.properties.display_name = { ...displayName, maxLength: NEXT_DISPLAY_NAME_MAX_LENGTH };

  // 4. Response enum value added: Transaction.state gains DISPUTED (the list filter accepts it too).
  const states = [...TRANSACTION_STATES, 'DISPUTED'];
  for (const schema of [transaction, single]) (schema.properties.state as SchemaObject).enum = ['ALL', ...states];
  const listTransactions = operation(doc, `${API_PREFIX}/transactions`, 'get');
  listTransactions.parameters = (listTransactions.parameters ?? []).map((parameter) =>
    'name' in parameter && parameter.name === 'state' ? transactionStateFilter(states) : parameter,
  );

  const listCards = operation(doc, `${API_PREFIX}/cards`, 'get');
  // 5. New endpoint: GET /limits (Ramp's successor to card-level controls).
  Object.assign(schemas, limitSchemas());
  doc.tags.push({ name: 'Limits' });
  doc.paths[`${API_PREFIX}/limits`] = {
    get: apiOperation({
      operationId: 'listLimits',
      summary: 'List limits',
      tag: 'Limits',
      scopes: ['limits:read'],
      parameters: listCards.parameters?.filter(
        (parameter) => 'name' in parameter && ['start', 'page_size'].includes(parameter.name),
      ),
      success: { status: '200', description: 'A page of limits.', schema: 'LimitList' },
    }),
  };

  // 6. Newly deprecated: GET /users/{user_id}, with Deprecation and Sunset headers.
  const getUser = operation(doc, `${API_PREFIX}/users/{user_id}`, 'get');
  const deprecatedGetUser = apiOperation({
    operationId: 'getUser',
    summary: getUser.summary,
    tag: 'Users',
    scopes: getUser.security?.[0]?.oauth2 ?? [],
    success: { status: '200', description: 'User', schema: 'User' },
    badRequest: 'raises UserInvalidInput',
    notFound: true,
    deprecation: { at: USER_GET_DEPRECATED_AT, sunset: USER_GET_SUNSET },
  });
  (doc.paths[`${API_PREFIX}/users/{user_id}`] as { get: OperationObject }).get = deprecatedGetUser;

  // 7. Further scope: GET /transactions/{transaction_id} needs receipts:read as well (both, not either).
  const getTransaction = operation(doc, `${API_PREFIX}/transactions/{transaction_id}`, 'get');
  getTransaction.security = [{ oauth2: ['transactions:read', 'receipts:read'] }];

  return doc;
}

function operation(doc: OpenApiDocument, path: string, method: 'get' | 'post' | 'patch'): OperationObject {
  const found = doc.paths[path]?.[method];
  if (!found) throw new Error(`baseline has no ${method.toUpperCase()} ${path}`);
  return found;
}

function limitSchemas(): Record<string, SchemaObject> {
  const money = { $ref: '#/components/schemas/CurrencyAmount' };
  return {
    LimitBalance: {
      type: 'object',
      required: ['cleared', 'pending', 'total'],
      properties: { cleared: money, pending: money, total: money },
    },
    Limit: {
      type: 'object',
      required: ['id', 'display_name', 'state', 'restrictions', 'balance', 'users', 'cards', 'created_at'],
      properties: {
        id: { type: 'string', format: 'uuid' },
        display_name: { type: 'string' },
        entity_id: { type: 'string', format: 'uuid', nullable: true },
        state: { type: 'string', enum: [...LIMIT_STATES] },
        restrictions: {
          type: 'object',
          required: ['limit', 'interval'],
          properties: { limit: money, interval: { type: 'string', enum: [...LIMIT_INTERVALS] } },
        },
        balance: { $ref: '#/components/schemas/LimitBalance' },
        users: {
          type: 'array',
          items: { type: 'object', required: ['user_id'], properties: { user_id: { type: 'string', format: 'uuid' } } },
        },
        cards: {
          type: 'array',
          items: { type: 'object', required: ['card_id'], properties: { card_id: { type: 'string', format: 'uuid' } } },
        },
        created_at: { type: 'string', format: 'date-time' },
      },
    },
    LimitList: {
      type: 'object',
      description: 'One page of Limit objects.',
      required: ['data', 'page'],
      properties: {
        data: { type: 'array', items: { $ref: '#/components/schemas/Limit' } },
        page: { $ref: '#/components/schemas/DeveloperAPINestedPage' },
      },
    },
  };
}
