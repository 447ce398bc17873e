import {
  CARD_STATES,
  REIMBURSEMENT_DIRECTIONS,
  REIMBURSEMENT_STATES,
  REIMBURSEMENT_TYPES,
  SPEND_INTERVALS,
  SYNC_STATUSES,
  TRANSACTION_STATES,
  USER_ROLES,
  USER_STATUSES,
} from '../data/records';
import { ALL_SCOPES } from '../scopes';
import type {
  OpenApiDocument,
  OperationObject,
  ParameterObject,
  ReferenceObject,
  ResponseObject,
  SchemaObject,
} from './types';

/**
 * The sandbox's published document, baseline revision. Written by rampart, operation by operation, from
 * what Ramp's published Developer API document (2025) says about the operations the sandbox serves:
 * paths, parameters, field names and types, nullability, Ramp's sparse `required` lists, enums, status
 * codes and scopes. Where Ramp's document is silent (its error responses and error body) the additions
 * follow Ramp's guides and carry an `x-rampart-note`, so a reader can tell Ramp's facts from ours.
 * Nested objects the sandbox never fills (accounting selections, decline details, purchase data,
 * fulfillment) are left out; Ramp's document has them, so a diff shows them as added, at info.
 */

export const API_PREFIX = '/developer/v1';

/** Marks what this document says that Ramp's published document does not. */
export const RAMPART_NOTE = 'x-rampart-note';

const schemaRef = (name: string): ReferenceObject => ({ $ref: `#/components/schemas/${name}` });
/** Ramp wraps a nested object's reference in `allOf`, so a nullable or readOnly flag can sit beside it. */
const nested = (name: string, extra: SchemaObject = {}): SchemaObject => ({ allOf: [schemaRef(name)], ...extra });
const uuid: SchemaObject = { type: 'string', format: 'uuid' };
const dateTime: SchemaObject = { type: 'string', format: 'date-time' };
const str: SchemaObject = { type: 'string' };
const bool: SchemaObject = { type: 'boolean' };
const nullable = (schema: SchemaObject): SchemaObject => ({ ...schema, nullable: true });
const readOnly = (schema: SchemaObject): SchemaObject => ({ ...schema, readOnly: true });
const arrayOf = (items: SchemaObject): SchemaObject => ({ type: 'array', items });
const enumOf = (values: readonly string[]): SchemaObject => ({ type: 'string', enum: [...values] });
/** Ramp's decimal inputs: a decimal string or a number. */
const decimalInput: SchemaObject = { oneOf: [{ type: 'string', format: 'decimal' }, { type: 'number' }] };

function listSchema(item: string): SchemaObject {
  return {
    type: 'object',
    required: ['data', 'page'],
    properties: { data: arrayOf(schemaRef(item)), page: schemaRef('DeveloperAPINestedPage') },
  };
}

const jsonContent = (schema: SchemaObject) => ({ 'application/json': { schema } });

/**
 * The error responses the sandbox answers besides those Ramp's document lists. They are not declared
 * as responses of the operations, because Ramp's document does not declare them: a diff against Ramp's
 * would report each as removed. They are listed here, each marked, for readers and for the sandbox.
 */
export const RAMPART_ERROR_RESPONSES = {
  '400': 'BadRequest',
  '401': 'Unauthorized',
  '403': 'Forbidden',
  '404': 'NotFound',
  '422': 'UnprocessableEntity',
  '429': 'TooManyRequests',
  '500': 'InternalServerError',
} as const;
type ErrorStatus = keyof typeof RAMPART_ERROR_RESPONSES;

interface OperationInput {
  operationId: string;
  summary: string;
  /** Ramp's tag (singular, as in Ramp's document). */
  tag: string;
  scopes: string[];
  parameters?: Array<ParameterObject | ReferenceObject>;
  requestSchema?: string;
  success: { status: string; description: string; schema?: string };
  /** Ramp documents a bare 400 ("raises …InvalidInput") on most operations. */
  badRequest?: string;
  /** The operation takes an id in its path, so it answers 404 for an unknown one. */
  notFound?: boolean;
  deprecation?: { at: string; sunset: string };
}

const OAUTH_ERROR_RESPONSES = {
  '400': { $ref: '#/components/responses/OAuthBadRequest' },
  '401': { $ref: '#/components/responses/OAuthInvalidClient' },
  '503': { $ref: '#/components/responses/OAuthUnavailable' },
};

const deprecationHeaders = {
  Deprecation: { $ref: '#/components/headers/Deprecation' },
  Sunset: { $ref: '#/components/headers/Sunset' },
  Link: { $ref: '#/components/headers/Link' },
};

export function apiOperation(input: OperationInput): OperationObject {
  const success: ResponseObject = { description: input.success.description };
  if (input.deprecation) success.headers = { ...deprecationHeaders };
  if (input.success.schema) success.content = jsonContent(schemaRef(input.success.schema));
  const responses: Record<string, ResponseObject | ReferenceObject> = { [input.success.status]: success };
  if (input.badRequest) responses['400'] = { description: input.badRequest };
  const errors: ErrorStatus[] = ['401', '403', '429', '500'];
  if (input.notFound) errors.push('404');
  if (input.requestSchema) errors.push('400');
  if (
    input.requestSchema ||
    (input.parameters ?? []).some((parameter) => 'in' in parameter && parameter.in === 'query')
  ) {
    errors.push('422');
  }
  errors.sort();

  const operation: OperationObject = {
    operationId: input.operationId,
    summary: input.summary,
    tags: [input.tag],
    security: [{ oauth2: [...input.scopes] }],
    responses,
    'x-rampart-error-responses': Object.fromEntries(
      errors.map((status) => [status, { $ref: `#/components/responses/${RAMPART_ERROR_RESPONSES[status]}` }]),
    ),
  };
  if (input.parameters) operation.parameters = input.parameters;
  if (input.requestSchema)
    operation.requestBody = { required: true, content: jsonContent(schemaRef(input.requestSchema)) };
  if (input.deprecation) {
    operation.deprecated = true;
    operation['x-deprecated-at'] = input.deprecation.at;
    operation['x-sunset'] = input.deprecation.sunset;
  }
  return operation;
}

const query = (name: string, schema: SchemaObject): ParameterObject => ({ name, in: 'query', required: false, schema });
const pathParameter = (name: string, schema: SchemaObject): ParameterObject => ({
  name,
  in: 'path',
  required: true,
  style: 'simple',
  schema,
});
const paging: ParameterObject[] = [
  query('start', str),
  {
    ...query('page_size', { type: 'integer', default: 20, minimum: 2, maximum: 100 }),
    [RAMPART_NOTE]: "Bounds from Ramp's pagination guide (2 to 100); Ramp's document gives only the default.",
  },
];

export function transactionStateFilter(states: readonly string[]): ParameterObject {
  return query('state', enumOf(['ALL', ...states]));
}

function paths(): OpenApiDocument['paths'] {
  return {
    [`${API_PREFIX}/token`]: {
      post: {
        operationId: 'issueToken',
        summary: 'Create a token',
        tags: ['Token'],
        security: [],
        requestBody: { required: true, content: jsonContent(schemaRef('TokenRequestBody')) },
        responses: { '200': { description: 'Success', content: jsonContent(schemaRef('TokenResponse')) } },
        'x-rampart-error-responses': OAUTH_ERROR_RESPONSES,
        [RAMPART_NOTE]:
          "Client authentication is HTTP Basic with the client id and secret (Ramp's guides). The sandbox also accepts " +
          'the form-urlencoded body OAuth 2.0 specifies, grants client_credentials only, and answers RFC 6749 errors ' +
          "(400, 401) and 503 when the token service is down; Ramp's document declares none of these.",
      },
    },
    [`${API_PREFIX}/token/revoke`]: {
      post: {
        operationId: 'revokeToken',
        summary: 'Revoke an access or refresh token',
        tags: ['Token'],
        security: [],
        requestBody: { required: true, content: jsonContent(schemaRef('TokenRevokeRequestBody')) },
        responses: { '200': { description: 'Revoked token successfully' } },
        'x-rampart-error-responses': OAUTH_ERROR_RESPONSES,
        [RAMPART_NOTE]:
          'HTTP Basic client authentication and RFC 7009 behaviour (200 for unknown tokens) as for the token endpoint.',
      },
    },
    [`${API_PREFIX}/transactions`]: {
      get: apiOperation({
        operationId: 'listTransactions',
        summary: 'List transactions',
        tag: 'Transaction',
        scopes: ['transactions:read'],
        parameters: [
          query('department_id', uuid),
          query('card_id', uuid),
          transactionStateFilter(TRANSACTION_STATES),
          query('user_id', uuid),
          query('min_amount', decimalInput),
          query('max_amount', decimalInput),
          query('from_date', dateTime),
          query('to_date', dateTime),
          ...paging,
        ],
        success: {
          status: '200',
          description: 'Transactions',
          schema: 'PaginatedResponseApiTransactionCanonicalSchema',
        },
        badRequest: 'raises TransactionInvalidInput',
      }),
    },
    [`${API_PREFIX}/transactions/{transaction_id}`]: {
      parameters: [pathParameter('transaction_id', str)],
      get: apiOperation({
        operationId: 'getTransaction',
        summary: 'Fetch a transaction',
        tag: 'Transaction',
        scopes: ['transactions:read'],
        success: { status: '200', description: 'Transaction', schema: 'SingleTransaction' },
        badRequest: 'raises TransactionInvalidInput',
        notFound: true,
      }),
    },
    [`${API_PREFIX}/cards`]: {
      get: apiOperation({
        operationId: 'listCards',
        summary: 'List cards',
        tag: 'Card',
        scopes: ['cards:read'],
        parameters: [
          query('entity_id', uuid),
          query('user_id', uuid),
          query('is_activated', { type: 'boolean', default: true }),
          query('is_terminated', { type: 'boolean', default: false }),
          ...paging,
        ],
        success: { status: '200', description: 'Cards', schema: 'PaginatedResponseApiCardResourceSchema' },
        badRequest: 'raises CardInvalidInput',
      }),
    },
    [`${API_PREFIX}/cards/{card_id}`]: {
      parameters: [pathParameter('card_id', str)],
      get: apiOperation({
        operationId: 'getCard',
        summary: 'Fetch a card',
        tag: 'Card',
        scopes: ['cards:read'],
        success: { status: '200', description: 'Get single card', schema: 'Card' },
        badRequest: 'raises CardInvalidInput',
        notFound: true,
      }),
    },
    [`${API_PREFIX}/cards/deferred/virtual`]: {
      post: apiOperation({
        operationId: 'createVirtualCard',
        summary: 'Create a virtual card',
        tag: 'Card',
        scopes: ['cards:write'],
        requestSchema: 'ApiCardRequestBody',
        success: { status: '200', description: 'Response with the ID of the async task', schema: 'DeferredTaskUUID' },
      }),
    },
    [`${API_PREFIX}/cards/deferred/status/{task_id}`]: {
      parameters: [pathParameter('task_id', uuid)],
      get: apiOperation({
        operationId: 'getCardDeferredTask',
        summary: 'Fetch deferred task status',
        tag: 'Card',
        scopes: ['cards:write'],
        success: { status: '200', description: 'Card deferred task status', schema: 'CardDeferredTask' },
        notFound: true,
      }),
    },
    [`${API_PREFIX}/cards/{card_id}/deferred/termination`]: {
      parameters: [pathParameter('card_id', str)],
      post: apiOperation({
        operationId: 'terminateCard',
        summary: 'Terminate a card',
        tag: 'Card',
        scopes: ['cards:write'],
        requestSchema: 'ApiCardDeferredUpdateRequestBody',
        success: { status: '200', description: 'Response with the ID of the async task', schema: 'DeferredTaskUUID' },
        badRequest: 'raises CardInvalidInput',
        notFound: true,
      }),
    },
    [`${API_PREFIX}/users`]: {
      get: apiOperation({
        operationId: 'listUsers',
        summary: 'List users',
        tag: 'User',
        scopes: ['users:read'],
        parameters: [
          query('role', enumOf(USER_ROLES)),
          ...paging,
          query('department_id', uuid),
          query('email', { type: 'string', format: 'email' }),
          query('location_id', uuid),
        ],
        success: { status: '200', description: 'Users', schema: 'PaginatedResponseApiUserResourceSchema' },
        badRequest: 'raises UserInvalidInput',
      }),
    },
    [`${API_PREFIX}/users/{user_id}`]: {
      parameters: [pathParameter('user_id', uuid)],
      get: apiOperation({
        operationId: 'getUser',
        summary: 'Fetch a user',
        tag: 'User',
        scopes: ['users:read'],
        success: { status: '200', description: 'User', schema: 'User' },
        badRequest: 'raises UserInvalidInput',
        notFound: true,
      }),
      patch: apiOperation({
        operationId: 'updateUser',
        summary: 'Update a user',
        tag: 'User',
        scopes: ['users:write'],
        requestSchema: 'ApiUserUpdateRequestBody',
        success: { status: '204', description: 'Update user' },
        badRequest: 'raises UserInvalidInput',
        notFound: true,
      }),
    },
    [`${API_PREFIX}/departments`]: {
      get: apiOperation({
        operationId: 'listDepartments',
        summary: 'List departments',
        tag: 'Department',
        scopes: ['departments:read'],
        parameters: [...paging],
        success: { status: '200', description: 'Departments', schema: 'PaginatedResponseApiDepartmentResourceSchema' },
        badRequest: 'raises DepartmentInvalidInput',
      }),
      post: apiOperation({
        operationId: 'createDepartment',
        summary: 'Create a department',
        tag: 'Department',
        scopes: ['departments:write'],
        requestSchema: 'ApiDepartmentCreateRequestBody',
        success: { status: '201', description: 'Department', schema: 'Department' },
        badRequest: 'raises DepartmentInvalidInput',
      }),
    },
    [`${API_PREFIX}/departments/{department_id}`]: {
      parameters: [pathParameter('department_id', uuid)],
      get: apiOperation({
        operationId: 'getDepartment',
        summary: 'Fetch a department',
        tag: 'Department',
        scopes: ['departments:read'],
        success: { status: '200', description: 'Department', schema: 'Department' },
        notFound: true,
      }),
    },
    [`${API_PREFIX}/locations`]: {
      get: apiOperation({
        operationId: 'listLocations',
        summary: 'List locations',
        tag: 'Location',
        scopes: ['locations:read'],
        parameters: [...paging],
        success: { status: '200', description: 'Locations', schema: 'PaginatedResponseApiLocationResourceSchema' },
        badRequest: 'raises LocationInvalidInput',
      }),
    },
    [`${API_PREFIX}/locations/{location_id}`]: {
      parameters: [pathParameter('location_id', uuid)],
      get: apiOperation({
        operationId: 'getLocation',
        summary: 'Fetch a location',
        tag: 'Location',
        scopes: ['locations:read'],
        success: { status: '200', description: 'Location', schema: 'Location' },
        notFound: true,
      }),
    },
    [`${API_PREFIX}/reimbursements`]: {
      get: apiOperation({
        operationId: 'listReimbursements',
        summary: 'List reimbursements',
        tag: 'Reimbursement',
        scopes: ['reimbursements:read'],
        parameters: [
          query('direction', { ...enumOf(REIMBURSEMENT_DIRECTIONS), default: 'BUSINESS_TO_USER' }),
          query('from_date', dateTime),
          query('to_date', dateTime),
          ...paging,
          query('user_id', uuid),
        ],
        success: {
          status: '200',
          description: 'Reimbursements',
          schema: 'PaginatedResponseApiReimbursementResourceSchema',
        },
      }),
    },
    [`${API_PREFIX}/reimbursements/{reimbursement_id}`]: {
      parameters: [pathParameter('reimbursement_id', str)],
      get: apiOperation({
        operationId: 'getReimbursement',
        summary: 'Fetch a reimbursement',
        tag: 'Reimbursement',
        scopes: ['reimbursements:read'],
        success: { status: '200', description: 'Reimbursement', schema: 'Reimbursement' },
        notFound: true,
      }),
    },
    [`${API_PREFIX}/business`]: {
      get: apiOperation({
        operationId: 'getBusiness',
        summary: 'Fetch the company information',
        tag: 'Business',
        scopes: ['business:read'],
        success: { status: '200', description: 'Get business information', schema: 'Business' },
        badRequest: 'raises BusinessInvalidInput',
      }),
    },
  };
}

/** Ramp's list and single-fetch transaction schemas differ only in `receipt_affidavit` (single fetch only). */
function transactionSchema(single: boolean): SchemaObject {
  const schema: SchemaObject & { properties: Record<string, SchemaObject> } = {
    type: 'object',
    required: [
      'accounting_date',
      'card_present',
      'entity_id',
      'merchant_id',
      'original_transaction_amount',
      'sk_category_id',
      'sk_category_name',
      'sync_status',
      'synced_at',
    ],
    properties: {
      accounting_date: readOnly(nullable(dateTime)),
      amount: { type: 'number' },
      attendees: arrayOf(schemaRef('ApiTransactionAttendee')),
      card_holder: nested('ApiTransactionCardHolder'),
      card_id: uuid,
      card_present: bool,
      currency_code: str,
      disputes: readOnly(arrayOf(schemaRef('ApiTransactionDispute'))),
      entity_id: nullable(uuid),
      id: uuid,
      limit_id: uuid,
      line_items: arrayOf(schemaRef('ApiTransactionLineItem')),
      memo: nullable({ type: 'string', maxLength: 255 }),
      merchant_category_code: str,
      merchant_category_code_description: str,
      merchant_descriptor: str,
      merchant_id: nullable(uuid),
      merchant_location: nested('ApiMerchantLocation'),
      merchant_name: readOnly(nullable(str)),
      original_transaction_amount: nested('CurrencyAmount', { nullable: true }),
      policy_violations: readOnly(arrayOf(schemaRef('ApiTransactionPolicyViolation'))),
      receipts: readOnly(arrayOf(uuid)),
      settlement_date: dateTime,
      sk_category_id: nullable({ type: 'integer' }),
      sk_category_name: nullable(str),
      spend_program_id: uuid,
      // Ramp's response enum lists ALL too (it shares the filter's enum).
      state: enumOf(['ALL', ...TRANSACTION_STATES]),
      statement_id: uuid,
      sync_status: readOnly(enumOf(SYNC_STATUSES)),
      synced_at: nullable(dateTime),
      trip_id: uuid,
      trip_name: str,
      user_transaction_time: dateTime,
    },
  };
  if (single) schema.properties.receipt_affidavit = readOnly(nullable(str));
  return schema;
}

const auditRecord: SchemaObject = {
  type: 'object',
  properties: { created_at: dateTime, id: uuid, memo: str, type: str },
};

function schemas(): Record<string, SchemaObject> {
  return {
    CurrencyAmount: {
      type: 'object',
      required: ['amount', 'currency_code'],
      properties: { amount: { type: 'integer' }, currency_code: { type: 'string', default: 'USD' } },
    },
    DeveloperAPINestedPage: { type: 'object', required: ['next'], properties: { next: nullable(str) } },
    RampError: {
      type: 'object',
      [RAMPART_NOTE]:
        "Not in Ramp's document. Ramp's error-handling guide shows this body (example: 422 DEVELOPER_7001); " +
        '`error` repeats the details in the legacy form.',
      required: ['error_v2'],
      properties: {
        error_v2: {
          type: 'object',
          required: ['error_code', 'message'],
          properties: {
            error_code: { type: 'string', pattern: '^DEVELOPER_[0-9]+$' },
            message: str,
            additional_info: nullable({ type: 'object', additionalProperties: true }),
            notes: nullable(str),
          },
        },
        error: { type: 'object', additionalProperties: true },
      },
    },
    OAuthError: {
      type: 'object',
      [RAMPART_NOTE]:
        "Not in Ramp's document: RFC 6749 section 5.2, with the error codes Ramp's authorization guide names.",
      required: ['error'],
      properties: {
        error: enumOf([
          'invalid_request',
          'invalid_client',
          'invalid_grant',
          'unauthorized_client',
          'unsupported_grant_type',
          'invalid_scope',
          'temporarily_unavailable',
        ]),
        error_description: str,
      },
    },
    TokenRequestBody: {
      type: 'object',
      required: ['grant_type'],
      properties: {
        code: str,
        grant_type: enumOf(['authorization_code', 'client_credentials', 'refresh_token']),
        redirect_uri: str,
        refresh_token: str,
        scope: str,
      },
    },
    TokenResponse: {
      type: 'object',
      properties: {
        access_token: str,
        expires_in: { type: 'integer' },
        refresh_token: str,
        scope: str,
        token_type: str,
      },
    },
    TokenRevokeRequestBody: {
      type: 'object',
      required: ['token'],
      properties: { token: str, token_type_hint: enumOf(['access_token', 'refresh_token']) },
    },
    ApiTransactionCardHolder: {
      type: 'object',
      properties: {
        department_id: uuid,
        department_name: str,
        employee_id: str,
        first_name: str,
        last_name: str,
        location_id: uuid,
        location_name: str,
        user_id: uuid,
      },
    },
    ApiTransactionLineItem: {
      type: 'object',
      required: ['amount', 'converted_amount'],
      properties: {
        amount: nested('CurrencyAmount', { nullable: true }),
        converted_amount: nested('CurrencyAmount', { nullable: true }),
        memo: str,
      },
    },
    ApiMerchantLocation: {
      type: 'object',
      required: ['city', 'country', 'postal_code', 'state'],
      properties: { city: nullable(str), country: nullable(str), postal_code: nullable(str), state: nullable(str) },
    },
    ApiTransactionAttendee: { type: 'object', required: ['name'], properties: { name: str, user_id: nullable(uuid) } },
    ApiTransactionDispute: auditRecord,
    ApiTransactionPolicyViolation: auditRecord,
    Transaction: transactionSchema(false),
    SingleTransaction: transactionSchema(true),
    PaginatedResponseApiTransactionCanonicalSchema: listSchema('Transaction'),
    ApiCardSpendingRestrictionsDump: {
      type: 'object',
      properties: {
        amount: { type: 'number' },
        auto_lock_date: readOnly(dateTime),
        blocked_categories: arrayOf({ type: 'integer' }),
        categories: arrayOf({ type: 'integer' }),
        interval: enumOf(SPEND_INTERVALS),
        suspended: bool,
        transaction_amount_limit: { type: 'number' },
      },
    },
    Card: {
      type: 'object',
      required: ['card_program_id', 'display_name', 'expiration', 'has_program_overridden', 'last_four'],
      properties: {
        card_program_id: nullable(uuid),
        cardholder_id: uuid,
        cardholder_name: str,
        created_at: dateTime,
        display_name: readOnly(str),
        entity_id: uuid,
        expiration: readOnly(str),
        has_program_overridden: readOnly(bool),
        id: uuid,
        is_physical: bool,
        last_four: readOnly(str),
        spending_restrictions: nested('ApiCardSpendingRestrictionsDump', { readOnly: true }),
        state: enumOf(CARD_STATES),
      },
    },
    PaginatedResponseApiCardResourceSchema: listSchema('Card'),
    ApiCardSpendingRestrictionsRequestBody: {
      type: 'object',
      required: ['amount', 'interval'],
      properties: {
        amount: { minimum: 0, ...decimalInput },
        blocked_mcc_codes: arrayOf(str),
        categories: arrayOf({ type: 'integer' }),
        categories_blacklist: arrayOf({ type: 'integer' }),
        categories_whitelist: arrayOf({ type: 'integer' }),
        currency: str,
        interval: enumOf(SPEND_INTERVALS),
        lock_date: dateTime,
        policy_id: str,
        transaction_amount_limit: { minimum: 0, ...decimalInput },
        vendor_blacklist: arrayOf(uuid),
        vendor_whitelist: arrayOf(uuid),
      },
    },
    ApiCardRequestBody: {
      type: 'object',
      required: ['idempotency_key', 'user_id'],
      properties: {
        card_program_id: uuid,
        display_name: str,
        entity_id: uuid,
        idempotency_key: str,
        is_temporary: { type: 'boolean', default: false },
        spending_restrictions: nested('ApiCardSpendingRestrictionsRequestBody'),
        user_id: uuid,
      },
    },
    ApiCardDeferredUpdateRequestBody: {
      type: 'object',
      required: ['idempotency_key'],
      properties: { idempotency_key: str },
    },
    DeferredTaskUUID: { type: 'object', required: ['id'], properties: { id: uuid } },
    ApiCardDeferredTaskContext: { type: 'object', properties: { acting_user_id: uuid, card_id: uuid } },
    ApiCardDeferredTaskData: { type: 'object', properties: { card_id: uuid, error: str } },
    CardDeferredTask: {
      type: 'object',
      properties: {
        context: nested('ApiCardDeferredTaskContext'),
        data: nested('ApiCardDeferredTaskData'),
        id: uuid,
        // No enum in Ramp's document; Ramp's guides name STARTED, IN_PROGRESS, ERROR and SUCCESS.
        status: str,
      },
    },
    ApiUserCustomField: { type: 'object', required: ['name', 'value'], properties: { name: str, value: str } },
    User: {
      type: 'object',
      required: [
        'business_id',
        'custom_fields',
        'department_id',
        'entity_id',
        'is_manager',
        'location_id',
        'manager_id',
        'status',
      ],
      properties: {
        business_id: nullable(uuid),
        custom_fields: readOnly(arrayOf(schemaRef('ApiUserCustomField'))),
        department_id: nullable(uuid),
        email: str,
        employee_id: str,
        entity_id: nullable(uuid),
        first_name: str,
        id: uuid,
        is_manager: readOnly(bool),
        last_name: str,
        location_id: nullable(uuid),
        manager_id: nullable(uuid),
        phone: str,
        role: enumOf(USER_ROLES),
        status: readOnly(enumOf(USER_STATUSES)),
      },
    },
    PaginatedResponseApiUserResourceSchema: listSchema('User'),
    ApiUserUpdateRequestBody: {
      type: 'object',
      properties: {
        auto_promote: bool,
        department_id: uuid,
        direct_manager_id: uuid,
        employee_id: { type: 'string', minLength: 1 },
        first_name: { type: 'string', minLength: 1 },
        is_manager: bool,
        last_name: { type: 'string', minLength: 1 },
        location_id: uuid,
        role: enumOf(USER_ROLES),
      },
    },
    Department: { type: 'object', required: ['id', 'name'], properties: { id: uuid, name: str } },
    PaginatedResponseApiDepartmentResourceSchema: listSchema('Department'),
    ApiDepartmentCreateRequestBody: {
      type: 'object',
      additionalProperties: false,
      required: ['name'],
      properties: { name: str },
    },
    Location: { type: 'object', required: ['id', 'name'], properties: { entity_id: uuid, id: uuid, name: str } },
    PaginatedResponseApiLocationResourceSchema: listSchema('Location'),
    ApiReimbursementLineItem: {
      type: 'object',
      required: ['amount'],
      properties: { amount: nested('CurrencyAmount', { nullable: true }), memo: str },
    },
    ApiReimbursementAttendee: {
      type: 'object',
      required: ['name'],
      properties: { name: str, user_id: nullable(uuid) },
    },
    Reimbursement: {
      type: 'object',
      required: [
        'accounting_date',
        'created_at',
        'currency',
        'direction',
        'distance',
        'end_location',
        'id',
        'merchant_id',
        'original_reimbursement_amount',
        'payee_amount',
        'payment_id',
        'spend_limit_id',
        'start_location',
        'state',
        'submitted_at',
        'sync_status',
        'synced_at',
        'type',
        'user_email',
        'user_full_name',
        'user_id',
        'waypoints',
      ],
      properties: {
        accounting_date: readOnly(nullable(dateTime)),
        amount: { type: 'number' },
        approved_at: dateTime,
        attendees: arrayOf(schemaRef('ApiReimbursementAttendee')),
        created_at: dateTime,
        currency: str,
        direction: enumOf(REIMBURSEMENT_DIRECTIONS),
        distance: nullable({ type: 'number' }),
        employee_id: str,
        end_location: nullable(str),
        entity_id: uuid,
        id: uuid,
        line_items: arrayOf(schemaRef('ApiReimbursementLineItem')),
        memo: str,
        merchant: str,
        merchant_id: nullable(uuid),
        original_reimbursement_amount: nested('CurrencyAmount', { nullable: true }),
        payee_amount: nested('CurrencyAmount', { nullable: true }),
        payment_id: nullable(str),
        receipts: readOnly(arrayOf(uuid)),
        spend_limit_id: nullable(uuid),
        start_location: nullable(str),
        state: enumOf(REIMBURSEMENT_STATES),
        submitted_at: nullable(dateTime),
        sync_status: readOnly(enumOf(SYNC_STATUSES)),
        synced_at: nullable(dateTime),
        transaction_date: { type: 'string', format: 'date' },
        trip_id: uuid,
        type: enumOf(REIMBURSEMENT_TYPES),
        updated_at: dateTime,
        user_email: str,
        user_full_name: str,
        user_id: uuid,
        waypoints: arrayOf(str),
      },
    },
    PaginatedResponseApiReimbursementResourceSchema: listSchema('Reimbursement'),
    Business: {
      type: 'object',
      required: ['is_reimbursements_enabled'],
      properties: {
        active: bool,
        billing_address: { type: 'object' },
        business_name_legal: str,
        business_name_on_card: str,
        created_time: dateTime,
        enforce_sso: bool,
        id: uuid,
        initial_approved_limit: { type: 'integer' },
        is_integrated_with_slack: bool,
        is_reimbursements_enabled: bool,
        limit_locked: bool,
        phone: str,
        website: str,
      },
    },
  };
}

function errorResponse(description: string, headers: ResponseObject['headers'] = {}): ResponseObject {
  return {
    description,
    headers: { 'x-trace-id': { $ref: '#/components/headers/XTraceId' }, ...headers },
    content: jsonContent(schemaRef('RampError')),
  };
}

function oauthError(description: string, headers: ResponseObject['headers'] = {}): ResponseObject {
  return {
    description,
    headers: { 'x-trace-id': { $ref: '#/components/headers/XTraceId' }, ...headers },
    content: jsonContent(schemaRef('OAuthError')),
    [RAMPART_NOTE]: "Not in Ramp's document: RFC 6749 errors, as Ramp's authorization guide describes them.",
  };
}

const ERROR_NOTE = "Not in Ramp's document: status and code from Ramp's error-handling guide.";

export function buildBaselineSpec(): OpenApiDocument {
  const unauthorized = errorResponse('DEVELOPER_7101: the access token is missing, malformed, expired or revoked.', {
    'WWW-Authenticate': { $ref: '#/components/headers/WWWAuthenticateBearer' },
  });
  const forbidden = errorResponse('DEVELOPER_7100: the access token lacks a scope this operation needs.', {
    'WWW-Authenticate': { $ref: '#/components/headers/WWWAuthenticateBearer' },
  });
  return {
    openapi: '3.0.3',
    info: {
      title: 'Ramp Developer API',
      version: 'v1',
      license: { name: 'MIT (this description, written by rampart)', url: 'https://opensource.org/licenses/MIT' },
      description:
        "The operations of Ramp's Developer API that the rampart sandbox serves, written by rampart from Ramp's " +
        "published document (2025). What Ramp's document does not say is marked `x-rampart-note`: the error body and " +
        'statuses (`x-rampart-error-responses` on each operation), the page size bounds and the token endpoint details.',
    },
    servers: [
      {
        url: 'https://demo-api.ramp.com',
        description: "Ramp's demo environment (production is https://api.ramp.com).",
      },
    ],
    tags: [
      { name: 'Token' },
      { name: 'Transaction' },
      { name: 'Card' },
      { name: 'User' },
      { name: 'Department' },
      { name: 'Location' },
      { name: 'Reimbursement' },
      { name: 'Business' },
    ],
    paths: paths(),
    components: {
      schemas: schemas(),
      parameters: {},
      responses: {
        Unauthorized: { ...unauthorized, [RAMPART_NOTE]: ERROR_NOTE },
        Forbidden: { ...forbidden, [RAMPART_NOTE]: ERROR_NOTE },
        NotFound: { ...errorResponse('DEVELOPER_7004: no object with this id.'), [RAMPART_NOTE]: ERROR_NOTE },
        UnprocessableEntity: {
          ...errorResponse(
            'DEVELOPER_7001: a parameter or body field is invalid; `error_v2.additional_info` maps fields to messages.',
          ),
          [RAMPART_NOTE]: ERROR_NOTE,
        },
        TooManyRequests: {
          ...errorResponse('Rate limit reached (Ramp: 200 requests per rolling 10 seconds).', {
            'Retry-After': { $ref: '#/components/headers/RetryAfter' },
          }),
          [RAMPART_NOTE]: `${ERROR_NOTE} Retry-After is the sandbox's own.`,
        },
        InternalServerError: { ...errorResponse('The server failed.'), [RAMPART_NOTE]: ERROR_NOTE },
        BadRequest: {
          ...errorResponse('DEVELOPER_7002: the body is not valid JSON.'),
          [RAMPART_NOTE]:
            "Ramp's document declares this 400 on most operations, without a body; the sandbox sends its error body.",
        },
        OAuthBadRequest: oauthError('invalid_request, unsupported_grant_type or invalid_scope.'),
        OAuthInvalidClient: oauthError('invalid_client: unknown client or wrong secret.', {
          'WWW-Authenticate': { $ref: '#/components/headers/WWWAuthenticateBasic' },
        }),
        OAuthUnavailable: oauthError('temporarily_unavailable: the token service is down.'),
      },
      headers: {
        XTraceId: {
          description: "Id of this request in Ramp's traces (Ramp's guides); quote it to support.",
          schema: { type: 'string' },
        },
        RetryAfter: { description: 'Seconds to wait before retrying.', schema: { type: 'integer', minimum: 1 } },
        WWWAuthenticateBearer: { description: 'RFC 6750 challenge.', schema: { type: 'string' } },
        WWWAuthenticateBasic: {
          description: 'RFC 6749 challenge for client authentication.',
          schema: { type: 'string' },
        },
        Deprecation: {
          description: 'RFC 9745: when the operation was deprecated, as `@<epoch seconds>`.',
          schema: { type: 'string' },
        },
        Sunset: {
          description: 'RFC 8594: HTTP-date after which the operation may stop working.',
          schema: { type: 'string' },
        },
        Link: { description: 'rel="deprecation" link to the deprecation notice.', schema: { type: 'string' } },
      },
      securitySchemes: {
        oauth2: {
          type: 'oauth2',
          flows: {
            clientCredentials: {
              tokenUrl: 'https://demo-api.ramp.com/developer/v1/token',
              scopes: Object.fromEntries(ALL_SCOPES.map((scope) => [scope, scopeDescription(scope)])),
            },
          },
        },
      },
    },
  };
}

function scopeDescription(scope: string): string {
  const [resource = scope, access = ''] = scope.split(':');
  return `Grant ${access} access to ${resource}`;
}
