import {
  CARD_STATES,
  REIMBURSEMENT_DIRECTIONS,
  REIMBURSEMENT_STATES,
  REIMBURSEMENT_TYPES,
  SPEND_INTERVALS,
  SYNC_STATUSES,
  TASK_STATUSES,
  TRANSACTION_STATES,
  USER_ROLES,
  USER_STATUSES,
} from '../data/records';
import { ALL_SCOPES } from '../scopes';
import type { OpenApiDocument, OperationObject, ParameterObject, ReferenceObject, ResponseObject, SchemaObject } from './types';

/**
 * The sandbox's published document, baseline revision: written by rampart from the facts gathered on
 * Ramp's Developer API (paths, fields, scopes, error shape), not copied from Ramp's own document.
 * It covers the part of the API the sandbox serves.
 */

export const API_PREFIX = '/developer/v1';

/** Ramp deprecated the Cards API in favour of Limits in May 2024. */
export const CARDS_DEPRECATED_AT = '2024-05-01';
export const CARDS_SUNSET = '2027-05-01';

const schemaRef = (name: string): ReferenceObject => ({ $ref: `#/components/schemas/${name}` });
const uuid: SchemaObject = { type: 'string', format: 'uuid' };
const dateTime: SchemaObject = { type: 'string', format: 'date-time' };
const nullable = (schema: SchemaObject): SchemaObject => ({ ...schema, nullable: true });
const str = (description?: string): SchemaObject => (description ? { type: 'string', description } : { type: 'string' });

function listSchema(item: string): SchemaObject {
  return {
    type: 'object',
    description: `One page of ${item} objects.`,
    required: ['data', 'page'],
    properties: { data: { type: 'array', items: schemaRef(item) }, page: schemaRef('Page') },
  };
}

const jsonContent = (schema: SchemaObject) => ({ 'application/json': { schema } });

const traceHeader = { 'x-trace-id': { $ref: '#/components/headers/XTraceId' } };
const deprecationHeaders = {
  Deprecation: { $ref: '#/components/headers/Deprecation' },
  Sunset: { $ref: '#/components/headers/Sunset' },
  Link: { $ref: '#/components/headers/Link' },
};

/** Error statuses every authenticated API operation can answer; 422 only where there is input to reject. */
const API_ERRORS = ['401', '403', '429', '500'] as const;
const ERROR_RESPONSE: Record<string, string> = {
  '400': 'BadRequest',
  '401': 'Unauthorized',
  '403': 'Forbidden',
  '404': 'NotFound',
  '422': 'UnprocessableEntity',
  '429': 'TooManyRequests',
  '500': 'InternalServerError',
};

interface OperationInput {
  operationId: string;
  summary: string;
  tag: string;
  scopes: string[];
  parameters?: Array<ParameterObject | ReferenceObject>;
  requestSchema?: string;
  success: { status: string; description: string; schema?: string };
  /** Errors besides 401/403/429/500 (and 422, added when there are query parameters or a body). */
  extraErrors?: Array<'400' | '404'>;
  deprecation?: { at: string; sunset: string };
}

export function apiOperation(input: OperationInput): OperationObject {
  const successHeaders = input.deprecation ? { ...traceHeader, ...deprecationHeaders } : { ...traceHeader };
  const success: ResponseObject = { description: input.success.description, headers: successHeaders };
  if (input.success.schema) success.content = jsonContent(schemaRef(input.success.schema));
  const responses: Record<string, ResponseObject | ReferenceObject> = { [input.success.status]: success };
  const validates = input.requestSchema !== undefined || (input.parameters ?? []).some((parameter) => '$ref' in parameter || parameter.in === 'query');
  const errors = [...(input.extraErrors ?? []), ...API_ERRORS, ...(validates ? ['422'] : [])].sort();
  for (const status of errors) responses[status] = { $ref: `#/components/responses/${ERROR_RESPONSE[status]}` };

  const operation: OperationObject = {
    operationId: input.operationId,
    summary: input.summary,
    tags: [input.tag],
    security: [{ oauth2: [...input.scopes] }],
    responses,
  };
  if (input.parameters) operation.parameters = input.parameters;
  if (input.requestSchema) operation.requestBody = { required: true, content: jsonContent(schemaRef(input.requestSchema)) };
  if (input.deprecation) {
    operation.deprecated = true;
    operation['x-deprecated-at'] = input.deprecation.at;
    operation['x-sunset'] = input.deprecation.sunset;
  }
  return operation;
}

const paging: ReferenceObject[] = [{ $ref: '#/components/parameters/PageSize' }, { $ref: '#/components/parameters/Start' }];
const query = (name: string, schema: SchemaObject, description: string): ParameterObject => ({ name, in: 'query', description, required: false, schema });
const pathId = (name: string, what: string): ParameterObject => ({ name, in: 'path', required: true, description: `Id of the ${what}.`, schema: uuid });

export function transactionStateFilter(states: readonly string[]): ParameterObject {
  return query('state', { type: 'string', enum: [...states, 'ALL'] }, 'Only transactions in this state. Declined transactions are left out unless DECLINED or ALL is asked for.');
}

function paths(): OpenApiDocument['paths'] {
  const cards = { at: CARDS_DEPRECATED_AT, sunset: CARDS_SUNSET };
  return {
    [`${API_PREFIX}/token`]: {
      post: {
        operationId: 'issueToken',
        summary: 'Mint an access token (OAuth 2.0 client credentials)',
        description: 'Client authentication is HTTP Basic with the client id and secret. The form-urlencoded body is the standard; JSON is accepted too.',
        tags: ['Authentication'],
        security: [{ clientBasic: [] }],
        requestBody: {
          required: true,
          content: {
            'application/x-www-form-urlencoded': { schema: schemaRef('TokenRequest') },
            'application/json': { schema: schemaRef('TokenRequest') },
          },
        },
        responses: {
          '200': { description: 'A new access token.', headers: { ...traceHeader }, content: jsonContent(schemaRef('TokenResponse')) },
          '400': { $ref: '#/components/responses/OAuthBadRequest' },
          '401': { $ref: '#/components/responses/OAuthInvalidClient' },
          '503': { $ref: '#/components/responses/OAuthUnavailable' },
        },
      },
    },
    [`${API_PREFIX}/token/revoke`]: {
      post: {
        operationId: 'revokeToken',
        summary: 'Revoke an access token (RFC 7009)',
        description: 'Answers 200 for unknown tokens too, as RFC 7009 asks.',
        tags: ['Authentication'],
        security: [{ clientBasic: [] }],
        requestBody: {
          required: true,
          content: {
            'application/x-www-form-urlencoded': { schema: schemaRef('RevokeRequest') },
            'application/json': { schema: schemaRef('RevokeRequest') },
          },
        },
        responses: {
          '200': { description: 'The token no longer works (or never did).', headers: { ...traceHeader } },
          '400': { $ref: '#/components/responses/OAuthBadRequest' },
          '401': { $ref: '#/components/responses/OAuthInvalidClient' },
          '503': { $ref: '#/components/responses/OAuthUnavailable' },
        },
      },
    },
    [`${API_PREFIX}/transactions`]: {
      get: apiOperation({
        operationId: 'listTransactions',
        summary: 'List transactions',
        tag: 'Transactions',
        scopes: ['transactions:read'],
        parameters: [
          ...paging,
          query('from_date', dateTime, 'Only transactions at or after this time.'),
          query('to_date', dateTime, 'Only transactions at or before this time.'),
          transactionStateFilter(TRANSACTION_STATES),
          query('user_id', uuid, 'Only transactions of this card holder.'),
          query('card_id', uuid, 'Only transactions on this card.'),
          query('department_id', uuid, "Only transactions of this department's users."),
          query('min_amount', { type: 'number' }, 'Only transactions of at least this amount (major units).'),
          query('max_amount', { type: 'number' }, 'Only transactions of at most this amount (major units).'),
        ],
        success: { status: '200', description: 'A page of transactions, newest first.', schema: 'TransactionList' },
      }),
    },
    [`${API_PREFIX}/transactions/{transaction_id}`]: {
      get: apiOperation({
        operationId: 'getTransaction',
        summary: 'Fetch a transaction',
        tag: 'Transactions',
        scopes: ['transactions:read'],
        parameters: [pathId('transaction_id', 'transaction')],
        success: { status: '200', description: 'The transaction.', schema: 'Transaction' },
        extraErrors: ['404'],
      }),
    },
    [`${API_PREFIX}/cards`]: {
      get: apiOperation({
        operationId: 'listCards',
        summary: 'List cards',
        tag: 'Cards',
        scopes: ['cards:read'],
        parameters: [
          ...paging,
          query('user_id', uuid, 'Only cards of this card holder.'),
          query('is_terminated', { type: 'boolean' }, 'Only terminated (true) or only live (false) cards.'),
        ],
        success: { status: '200', description: 'A page of cards.', schema: 'CardList' },
        deprecation: cards,
      }),
    },
    [`${API_PREFIX}/cards/{card_id}`]: {
      get: apiOperation({
        operationId: 'getCard',
        summary: 'Fetch a card',
        tag: 'Cards',
        scopes: ['cards:read'],
        parameters: [pathId('card_id', 'card')],
        success: { status: '200', description: 'The card.', schema: 'Card' },
        extraErrors: ['404'],
        deprecation: cards,
      }),
    },
    [`${API_PREFIX}/cards/deferred/virtual`]: {
      post: apiOperation({
        operationId: 'createVirtualCard',
        summary: 'Create a virtual card (deferred task)',
        tag: 'Cards',
        scopes: ['cards:write'],
        requestSchema: 'CreateVirtualCardRequest',
        success: { status: '201', description: 'The task creating the card. The same idempotency_key answers the same task.', schema: 'DeferredTaskCreated' },
        extraErrors: ['400'],
        deprecation: cards,
      }),
    },
    [`${API_PREFIX}/cards/deferred/status/{task_id}`]: {
      get: apiOperation({
        operationId: 'getCardDeferredTask',
        summary: 'Status of a deferred card task',
        tag: 'Cards',
        scopes: ['cards:read'],
        parameters: [pathId('task_id', 'deferred task')],
        success: { status: '200', description: 'The task.', schema: 'CardDeferredTask' },
        extraErrors: ['404'],
        deprecation: cards,
      }),
    },
    [`${API_PREFIX}/users`]: {
      get: apiOperation({
        operationId: 'listUsers',
        summary: 'List users',
        tag: 'Users',
        scopes: ['users:read'],
        parameters: [
          ...paging,
          query('department_id', uuid, 'Only users of this department.'),
          query('location_id', uuid, 'Only users of this location.'),
          query('role', { type: 'string', enum: [...USER_ROLES] }, 'Only users with this role.'),
          query('email', { type: 'string', format: 'email' }, 'Only the user with this email.'),
        ],
        success: { status: '200', description: 'A page of users.', schema: 'UserList' },
      }),
    },
    [`${API_PREFIX}/users/{user_id}`]: {
      get: apiOperation({
        operationId: 'getUser',
        summary: 'Fetch a user',
        tag: 'Users',
        scopes: ['users:read'],
        parameters: [pathId('user_id', 'user')],
        success: { status: '200', description: 'The user.', schema: 'User' },
        extraErrors: ['404'],
      }),
      patch: apiOperation({
        operationId: 'updateUser',
        summary: 'Update a user',
        tag: 'Users',
        scopes: ['users:write'],
        parameters: [pathId('user_id', 'user')],
        requestSchema: 'UpdateUserRequest',
        success: { status: '204', description: 'Updated.' },
        extraErrors: ['400', '404'],
      }),
    },
    [`${API_PREFIX}/departments`]: {
      get: apiOperation({
        operationId: 'listDepartments',
        summary: 'List departments',
        tag: 'Departments',
        scopes: ['departments:read'],
        parameters: [...paging],
        success: { status: '200', description: 'A page of departments.', schema: 'DepartmentList' },
      }),
      post: apiOperation({
        operationId: 'createDepartment',
        summary: 'Create a department',
        tag: 'Departments',
        scopes: ['departments:write'],
        requestSchema: 'CreateDepartmentRequest',
        success: { status: '201', description: 'The new department.', schema: 'Department' },
        extraErrors: ['400'],
      }),
    },
    [`${API_PREFIX}/departments/{department_id}`]: {
      get: apiOperation({
        operationId: 'getDepartment',
        summary: 'Fetch a department',
        tag: 'Departments',
        scopes: ['departments:read'],
        parameters: [pathId('department_id', 'department')],
        success: { status: '200', description: 'The department.', schema: 'Department' },
        extraErrors: ['404'],
      }),
    },
    [`${API_PREFIX}/locations`]: {
      get: apiOperation({
        operationId: 'listLocations',
        summary: 'List locations',
        tag: 'Locations',
        scopes: ['locations:read'],
        parameters: [...paging],
        success: { status: '200', description: 'A page of locations.', schema: 'LocationList' },
      }),
    },
    [`${API_PREFIX}/locations/{location_id}`]: {
      get: apiOperation({
        operationId: 'getLocation',
        summary: 'Fetch a location',
        tag: 'Locations',
        scopes: ['locations:read'],
        parameters: [pathId('location_id', 'location')],
        success: { status: '200', description: 'The location.', schema: 'Location' },
        extraErrors: ['404'],
      }),
    },
    [`${API_PREFIX}/reimbursements`]: {
      get: apiOperation({
        operationId: 'listReimbursements',
        summary: 'List reimbursements',
        tag: 'Reimbursements',
        scopes: ['reimbursements:read'],
        parameters: [
          ...paging,
          query('user_id', uuid, 'Only reimbursements of this user.'),
          query('from_date', dateTime, 'Only reimbursements created at or after this time.'),
          query('to_date', dateTime, 'Only reimbursements created at or before this time.'),
        ],
        success: { status: '200', description: 'A page of reimbursements.', schema: 'ReimbursementList' },
      }),
    },
    [`${API_PREFIX}/reimbursements/{reimbursement_id}`]: {
      get: apiOperation({
        operationId: 'getReimbursement',
        summary: 'Fetch a reimbursement',
        tag: 'Reimbursements',
        scopes: ['reimbursements:read'],
        parameters: [pathId('reimbursement_id', 'reimbursement')],
        success: { status: '200', description: 'The reimbursement.', schema: 'Reimbursement' },
        extraErrors: ['404'],
      }),
    },
    [`${API_PREFIX}/business`]: {
      get: apiOperation({
        operationId: 'getBusiness',
        summary: 'Fetch the business',
        tag: 'Business',
        scopes: ['business:read'],
        success: { status: '200', description: 'The business the token belongs to.', schema: 'Business' },
      }),
    },
  };
}

function schemas(): Record<string, SchemaObject> {
  return {
    CurrencyAmount: {
      type: 'object',
      description: 'An amount in minor units of its currency (cents for USD).',
      required: ['amount', 'currency_code'],
      properties: { amount: { type: 'integer' }, currency_code: { type: 'string', pattern: '^[A-Z]{3}$' } },
    },
    Page: {
      type: 'object',
      required: ['next'],
      properties: {
        next: nullable({ type: 'string', format: 'uri', description: 'Full URL of the next page (an opaque `start` cursor, other query parameters kept), or null on the last page.' }),
      },
    },
    RampError: {
      type: 'object',
      description: "Ramp's error body. `error_v2` is current; `error` repeats the details in the legacy form.",
      required: ['error_v2'],
      properties: {
        error_v2: {
          type: 'object',
          required: ['error_code', 'message'],
          properties: {
            error_code: { type: 'string', pattern: '^DEVELOPER_[0-9]+$' },
            message: str(),
            additional_info: nullable({ type: 'object', additionalProperties: true }),
            notes: nullable(str()),
          },
        },
        error: { type: 'object', additionalProperties: true },
      },
    },
    TokenRequest: {
      type: 'object',
      required: ['grant_type'],
      properties: {
        grant_type: str('Only client_credentials is supported here.'),
        scope: str('Space-separated scopes, a subset of those allowed to the client.'),
      },
    },
    TokenResponse: {
      type: 'object',
      required: ['access_token', 'token_type', 'expires_in', 'scope'],
      properties: {
        access_token: { type: 'string', pattern: '^ramp_tok_[A-Za-z0-9_-]+$', description: 'Opaque bearer token.' },
        token_type: { type: 'string', enum: ['Bearer'] },
        expires_in: { type: 'integer', minimum: 1, description: 'Seconds until the token expires.' },
        scope: str('Space-separated scopes granted.'),
      },
    },
    RevokeRequest: {
      type: 'object',
      required: ['token'],
      properties: { token: str(), token_type_hint: { type: 'string', enum: ['access_token', 'refresh_token'] } },
    },
    OAuthError: {
      type: 'object',
      description: 'RFC 6749 section 5.2 error.',
      required: ['error'],
      properties: {
        error: {
          type: 'string',
          enum: ['invalid_request', 'invalid_client', 'invalid_grant', 'unauthorized_client', 'unsupported_grant_type', 'invalid_scope', 'temporarily_unavailable'],
        },
        error_description: str(),
      },
    },
    CardHolder: {
      type: 'object',
      required: ['user_id', 'first_name', 'last_name'],
      properties: {
        user_id: uuid,
        first_name: str(),
        last_name: str(),
        department_id: nullable(uuid),
        department_name: nullable(str()),
        location_id: nullable(uuid),
        location_name: nullable(str()),
      },
    },
    LineItem: {
      type: 'object',
      required: ['amount'],
      properties: { amount: schemaRef('CurrencyAmount'), memo: nullable(str()) },
    },
    Transaction: {
      type: 'object',
      required: [
        'id',
        'amount',
        'currency_code',
        'original_transaction_amount',
        'card_id',
        'card_holder',
        'merchant_id',
        'merchant_name',
        'state',
        'user_transaction_time',
        'receipts',
        'line_items',
        'sync_status',
      ],
      properties: {
        id: uuid,
        amount: { type: 'number', description: 'Legacy decimal amount in major units of currency_code.' },
        currency_code: { type: 'string', pattern: '^[A-Z]{3}$' },
        original_transaction_amount: schemaRef('CurrencyAmount'),
        card_id: nullable(uuid),
        card_holder: schemaRef('CardHolder'),
        merchant_id: nullable(uuid),
        merchant_name: str('Name of the merchant as shown on the card statement.'),
        sk_category_id: nullable({ type: 'integer' }),
        sk_category_name: nullable(str()),
        state: { type: 'string', enum: [...TRANSACTION_STATES] },
        user_transaction_time: dateTime,
        settlement_date: nullable(dateTime),
        accounting_date: nullable(dateTime),
        memo: nullable(str()),
        receipts: { type: 'array', items: uuid },
        line_items: { type: 'array', items: schemaRef('LineItem') },
        sync_status: { type: 'string', enum: [...SYNC_STATUSES] },
        synced_at: nullable(dateTime),
        entity_id: nullable(uuid),
        limit_id: nullable(uuid),
      },
    },
    TransactionList: listSchema('Transaction'),
    SpendingRestrictions: {
      type: 'object',
      required: ['amount', 'interval'],
      properties: {
        amount: { type: 'number', description: 'Legacy decimal amount in major units.' },
        interval: { type: 'string', enum: [...SPEND_INTERVALS] },
        transaction_amount_limit: nullable({ type: 'number' }),
        categories: { type: 'array', items: { type: 'integer' } },
      },
    },
    Card: {
      type: 'object',
      required: ['id', 'display_name', 'last_four', 'cardholder_id', 'is_physical', 'state', 'spending_restrictions'],
      properties: {
        id: uuid,
        display_name: str(),
        last_four: { type: 'string', pattern: '^[0-9]{4}$' },
        expiration: { type: 'string', pattern: '^(0[1-9]|1[0-2])[0-9]{2}$', description: 'MMYY' },
        cardholder_id: uuid,
        cardholder_name: str(),
        is_physical: { type: 'boolean' },
        state: { type: 'string', enum: [...CARD_STATES] },
        spending_restrictions: schemaRef('SpendingRestrictions'),
        entity_id: nullable(uuid),
        created_at: dateTime,
      },
    },
    CardList: listSchema('Card'),
    CreateVirtualCardRequest: {
      type: 'object',
      description: 'Unknown fields are rejected with 422.',
      additionalProperties: false,
      required: ['display_name', 'user_id', 'spending_restrictions', 'idempotency_key'],
      properties: {
        display_name: { type: 'string', minLength: 1, maxLength: 50 },
        user_id: uuid,
        entity_id: uuid,
        spending_restrictions: {
          type: 'object',
          additionalProperties: false,
          required: ['amount', 'interval'],
          properties: {
            amount: { type: 'number', minimum: 0.01, description: 'Legacy decimal amount in major units.' },
            interval: { type: 'string', enum: [...SPEND_INTERVALS] },
            transaction_amount_limit: nullable({ type: 'number', minimum: 0.01 }),
            categories: { type: 'array', items: { type: 'integer' } },
          },
        },
        idempotency_key: { type: 'string', minLength: 1, maxLength: 255, description: 'A random UUID is recommended. The same key answers the same task.' },
      },
    },
    DeferredTaskCreated: { type: 'object', required: ['id'], properties: { id: uuid } },
    CardDeferredTask: {
      type: 'object',
      required: ['id', 'status', 'data', 'context'],
      properties: {
        id: uuid,
        status: { type: 'string', enum: [...TASK_STATUSES] },
        data: {
          type: 'object',
          properties: { card_id: nullable(uuid), error: nullable({ type: 'object', properties: { message: str() } }) },
        },
        context: { type: 'object', properties: { acting_user_id: nullable(uuid) } },
      },
    },
    User: {
      type: 'object',
      required: ['id', 'email', 'first_name', 'last_name', 'role', 'status', 'business_id'],
      properties: {
        id: uuid,
        email: { type: 'string', format: 'email' },
        first_name: str(),
        last_name: str(),
        role: { type: 'string', enum: [...USER_ROLES] },
        status: { type: 'string', enum: [...USER_STATUSES] },
        department_id: nullable(uuid),
        location_id: nullable(uuid),
        manager_id: nullable(uuid),
        business_id: uuid,
        entity_id: nullable(uuid),
        is_manager: { type: 'boolean' },
      },
    },
    UserList: listSchema('User'),
    UpdateUserRequest: {
      type: 'object',
      description: 'Only the fields sent change. Unknown fields are rejected with 422.',
      additionalProperties: false,
      minProperties: 1,
      properties: {
        first_name: { type: 'string', minLength: 1, maxLength: 100 },
        last_name: { type: 'string', minLength: 1, maxLength: 100 },
        role: { type: 'string', enum: USER_ROLES.filter((role) => role !== 'BUSINESS_OWNER') },
        department_id: uuid,
        location_id: uuid,
        manager_id: uuid,
      },
    },
    Department: { type: 'object', required: ['id', 'name'], properties: { id: uuid, name: str() } },
    DepartmentList: listSchema('Department'),
    CreateDepartmentRequest: {
      type: 'object',
      description: 'Unknown fields are rejected with 422.',
      additionalProperties: false,
      required: ['name'],
      properties: { name: { type: 'string', minLength: 1, maxLength: 100 } },
    },
    Location: { type: 'object', required: ['id', 'name'], properties: { id: uuid, name: str(), entity_id: nullable(uuid) } },
    LocationList: listSchema('Location'),
    Reimbursement: {
      type: 'object',
      required: ['id', 'amount', 'currency', 'type', 'state', 'direction', 'user_id', 'created_at'],
      properties: {
        id: uuid,
        amount: { type: 'number', description: 'Legacy decimal amount in major units of currency.' },
        currency: { type: 'string', pattern: '^[A-Z]{3}$' },
        payee_amount: schemaRef('CurrencyAmount'),
        type: { type: 'string', enum: [...REIMBURSEMENT_TYPES] },
        state: { type: 'string', enum: [...REIMBURSEMENT_STATES] },
        direction: { type: 'string', enum: [...REIMBURSEMENT_DIRECTIONS] },
        user_id: uuid,
        merchant: nullable(str()),
        memo: nullable(str()),
        created_at: dateTime,
        transaction_date: { type: 'string', format: 'date' },
        entity_id: nullable(uuid),
      },
    },
    ReimbursementList: listSchema('Reimbursement'),
    BusinessAddress: {
      type: 'object',
      properties: { address1: str(), city: str(), state: str(), postal_code: str(), country: { type: 'string', pattern: '^[A-Z]{2}$' } },
    },
    Business: {
      type: 'object',
      required: ['id', 'business_name_legal', 'active', 'created_at'],
      properties: {
        id: uuid,
        business_name_legal: str(),
        business_name_on_card: str(),
        phone: str(),
        website: str(),
        active: { type: 'boolean' },
        enforce_sso: { type: 'boolean' },
        limit_locked: { type: 'boolean' },
        is_integrated_with_slack: { type: 'boolean' },
        created_at: dateTime,
        billing_address: schemaRef('BusinessAddress'),
      },
    },
  };
}

function errorResponse(description: string, extraHeaders: Record<string, ReferenceObject> = {}): ResponseObject {
  return { description, headers: { ...traceHeader, ...extraHeaders }, content: jsonContent(schemaRef('RampError')) };
}

function oauthErrorResponse(description: string, extraHeaders: Record<string, ReferenceObject> = {}): ResponseObject {
  return { description, headers: { ...traceHeader, ...extraHeaders }, content: jsonContent(schemaRef('OAuthError')) };
}

export function buildBaselineSpec(): OpenApiDocument {
  return {
    openapi: '3.0.3',
    info: {
      title: 'Ramp Developer API (rampart sandbox)',
      version: '1.0.0-baseline',
      license: { name: 'MIT (this description, written by rampart)', url: 'https://opensource.org/licenses/MIT' },
      description:
        "The part of Ramp's Developer API the rampart sandbox serves, written by rampart from Ramp's public documentation. " +
        'Lists are cursor-paginated (`page_size` 2-100, default 20; follow `page.next`). Errors use Ramp\'s `error_v2` body. ' +
        'Calls are limited per client on a rolling window (Ramp: 200 per 10 seconds) and answer 429 with Retry-After beyond it.',
    },
    servers: [{ url: 'https://demo-api.ramp.com', description: "Ramp's demo environment; the rampart sandbox serves this document on its own loopback host." }],
    tags: [
      { name: 'Authentication', description: 'OAuth 2.0 client credentials: mint and revoke access tokens.' },
      { name: 'Transactions', description: 'Card transactions, newest first.' },
      { name: 'Cards', description: 'Deprecated in favour of Limits.' },
      { name: 'Users', description: 'People of the business.' },
      { name: 'Departments', description: 'Departments users belong to.' },
      { name: 'Locations', description: 'Locations users belong to.' },
      { name: 'Reimbursements', description: 'Out-of-pocket, mileage and per-diem reimbursements.' },
      { name: 'Business', description: 'The business the token belongs to.' },
    ],
    paths: paths(),
    components: {
      schemas: schemas(),
      parameters: {
        PageSize: {
          name: 'page_size',
          in: 'query',
          required: false,
          description: 'Objects per page, 2 to 100.',
          schema: { type: 'integer', minimum: 2, maximum: 100, default: 20 },
        },
        Start: {
          name: 'start',
          in: 'query',
          required: false,
          description: 'Opaque cursor taken from `page.next`.',
          schema: { type: 'string' },
        },
      },
      responses: {
        BadRequest: errorResponse('The request body is not valid JSON.'),
        Unauthorized: errorResponse('The access token is missing, malformed, expired or revoked.', {
          'WWW-Authenticate': { $ref: '#/components/headers/WWWAuthenticateBearer' },
        }),
        Forbidden: errorResponse('The access token lacks a scope this operation needs.', {
          'WWW-Authenticate': { $ref: '#/components/headers/WWWAuthenticateBearer' },
        }),
        NotFound: errorResponse('No object with this id.'),
        UnprocessableEntity: errorResponse('A parameter or a body field is invalid; `error_v2.additional_info` maps each field to its messages.'),
        TooManyRequests: errorResponse('Rate limit reached for this client.', { 'Retry-After': { $ref: '#/components/headers/RetryAfter' } }),
        InternalServerError: errorResponse('The server failed.'),
        OAuthBadRequest: oauthErrorResponse('invalid_request, unsupported_grant_type or invalid_scope.'),
        OAuthInvalidClient: oauthErrorResponse('invalid_client: unknown client or wrong secret.', {
          'WWW-Authenticate': { $ref: '#/components/headers/WWWAuthenticateBasic' },
        }),
        OAuthUnavailable: oauthErrorResponse('temporarily_unavailable: the token service is down.'),
      },
      headers: {
        XTraceId: { description: 'Id of this request in Ramp\'s traces; quote it to support.', required: true, schema: { type: 'string' } },
        RetryAfter: { description: 'Seconds to wait before retrying.', required: true, schema: { type: 'integer', minimum: 1 } },
        WWWAuthenticateBearer: { description: 'RFC 6750 challenge: error="invalid_token" or error="insufficient_scope" with the scope needed.', schema: { type: 'string' } },
        WWWAuthenticateBasic: { description: 'RFC 6749 challenge for client authentication.', schema: { type: 'string' } },
        Deprecation: { description: 'RFC 9745: when the operation was deprecated, as `@<epoch seconds>`.', schema: { type: 'string', pattern: '^@[0-9]+$' } },
        Sunset: { description: 'RFC 8594: HTTP-date after which the operation may stop working.', schema: { type: 'string' } },
        Link: { description: 'rel="deprecation" link to the deprecation notice.', schema: { type: 'string' } },
      },
      securitySchemes: {
        oauth2: {
          type: 'oauth2',
          description: 'OAuth 2.0 client credentials. Each operation lists the scopes its token needs.',
          flows: {
            clientCredentials: {
              tokenUrl: 'https://demo-api.ramp.com/developer/v1/token',
              scopes: Object.fromEntries(ALL_SCOPES.map((scope) => [scope, scopeDescription(scope)])),
            },
          },
        },
        clientBasic: { type: 'http', scheme: 'basic', description: 'Client id and secret, for the token endpoints.' },
      },
    },
  };
}

function scopeDescription(scope: string): string {
  const [resource = scope, access = ''] = scope.split(':');
  const what = resource.replace(/_/g, ' ');
  if (access === 'read_vault') return `Read full card numbers (${what})`;
  return access === 'write' ? `Create and change ${what}` : `Read ${what}`;
}
