import { ALL_SCOPES } from '../scopes';
import { API_PREFIX, listOperations, sandboxSpec, toJsonSchema } from './index';
import type { OpenApiDocument, SchemaObject } from './types';

/** The sandbox's published documents: complete, self-consistent, and `next` = baseline + seven changes. */

describe('sandboxSpec', () => {
  it('returns a fresh deep copy on every call', () => {
    const first = sandboxSpec('baseline');
    first.info.title = 'changed';
    (first.components.schemas.Transaction as { required: string[] }).required.length = 0;
    const second = sandboxSpec('baseline');
    expect(second.info.title).not.toBe('changed');
    expect((second.components.schemas.Transaction as { required: string[] }).required).toContain('id');
  });

  it.each(['baseline', 'next'] as const)('%s: every operation has an operationId, scopes, trace id and every error response', (revision) => {
    const doc = sandboxSpec(revision);
    expect(doc.openapi).toBe('3.0.3');
    const operations = listOperations(doc);
    expect(new Set(operations.map((entry) => entry.operationId)).size).toBe(operations.length);
    const schemeScopes = Object.keys((doc.components.securitySchemes.oauth2 as { flows: { clientCredentials: { scopes: object } } }).flows.clientCredentials.scopes);
    expect(schemeScopes).toEqual([...ALL_SCOPES]);
    for (const entry of operations) {
      expect(entry.path.startsWith(API_PREFIX)).toBe(true);
      const statuses = Object.keys(entry.operation.responses);
      if (entry.usesOAuth) {
        expect(entry.scopes.length).toBeGreaterThan(0);
        for (const scope of entry.scopes) expect(schemeScopes).toContain(scope);
        expect(statuses).toEqual(expect.arrayContaining(['401', '403', '429', '500']));
        if (entry.path.includes('{')) expect(statuses).toContain('404');
        if (entry.operation.requestBody) expect(statuses).toEqual(expect.arrayContaining(['400', '422']));
      } else {
        expect(entry.operation.security).toEqual([{ clientBasic: [] }]);
      }
      const success = statuses.find((status) => status.startsWith('2')) as string;
      expect(JSON.stringify(entry.operation.responses[success])).toContain('XTraceId');
      if (entry.operation.deprecated) {
        expect(entry.operation['x-sunset']).toMatch(/^\d{4}-\d{2}-\d{2}$/);
        expect(Date.parse(entry.operation['x-sunset'] as string)).toBeGreaterThan(Date.parse(entry.operation['x-deprecated-at'] as string));
      }
    }
  });

  it.each(['baseline', 'next'] as const)('%s: every $ref resolves', (revision) => {
    const doc = sandboxSpec(revision);
    const refs = JSON.stringify(doc).match(/"\$ref":"[^"]+"/g) ?? [];
    expect(refs.length).toBeGreaterThan(20);
    for (const ref of refs) {
      const [, section, name] = /"#\/components\/(\w+)\/(\w+)"/.exec(ref) ?? [];
      expect((doc.components as Record<string, Record<string, unknown>>)[section as string]?.[name as string]).toBeDefined();
    }
  });

  it('marks the cards operations deprecated in both revisions, and GET /users/{user_id} only in next', () => {
    const deprecated = (doc: OpenApiDocument) => listOperations(doc).filter((entry) => entry.operation.deprecated).map((entry) => entry.operationId).sort();
    const cards = ['createVirtualCard', 'getCard', 'getCardDeferredTask', 'listCards'];
    expect(deprecated(sandboxSpec('baseline'))).toEqual(cards);
    expect(deprecated(sandboxSpec('next'))).toEqual([...cards, 'getUser'].sort());
  });

  it('next is the baseline plus exactly the seven documented changes', () => {
    const base = sandboxSpec('baseline');
    const next = sandboxSpec('next');
    const schemas = (doc: OpenApiDocument) => doc.components.schemas as Record<string, { properties: Record<string, SchemaObject>; required: string[] }>;

    // 1. merchant_name removed from Transaction (property and required).
    expect(schemas(base).Transaction?.properties.merchant_name).toBeDefined();
    expect(schemas(next).Transaction?.properties.merchant_name).toBeUndefined();
    expect(schemas(next).Transaction?.required).not.toContain('merchant_name');
    // 2. entity_id newly required.
    expect(schemas(base).CreateVirtualCardRequest?.required).not.toContain('entity_id');
    expect(schemas(next).CreateVirtualCardRequest?.required).toContain('entity_id');
    // 3. display_name maxLength 50 -> 32.
    expect(schemas(base).CreateVirtualCardRequest?.properties.display_name?.maxLength).toBe(50);
    expect(schemas(next).CreateVirtualCardRequest?.properties.display_name?.maxLength).toBe(32);
    // 4. DISPUTED added to Transaction.state.
    expect(schemas(base).Transaction?.properties.state?.enum).not.toContain('DISPUTED');
    expect(schemas(next).Transaction?.properties.state?.enum).toContain('DISPUTED');
    // 5. GET /limits added.
    expect(base.paths[`${API_PREFIX}/limits`]).toBeUndefined();
    expect(next.paths[`${API_PREFIX}/limits`]?.get?.operationId).toBe('listLimits');
    // 6. GET /users/{user_id} deprecated.
    expect(base.paths[`${API_PREFIX}/users/{user_id}`]?.get?.deprecated).toBeUndefined();
    expect(next.paths[`${API_PREFIX}/users/{user_id}`]?.get?.deprecated).toBe(true);
    // 7. GET /transactions/{id} needs receipts:read too.
    expect(base.paths[`${API_PREFIX}/transactions/{transaction_id}`]?.get?.security).toEqual([{ oauth2: ['transactions:read'] }]);
    expect(next.paths[`${API_PREFIX}/transactions/{transaction_id}`]?.get?.security).toEqual([{ oauth2: ['transactions:read', 'receipts:read'] }]);

    // Nothing else: undo the seven changes on next and it equals the baseline (version aside).
    const undone = sandboxSpec('next');
    const undoneSchemas = schemas(undone);
    const transaction = undoneSchemas.Transaction as { properties: Record<string, SchemaObject>; required: string[] };
    transaction.properties = Object.fromEntries(Object.keys(schemas(base).Transaction?.properties ?? {}).map((name) => [name, transaction.properties[name] ?? schemas(base).Transaction?.properties[name] as SchemaObject]));
    transaction.required = [...(schemas(base).Transaction?.required ?? [])];
    (transaction.properties.state as SchemaObject).enum = schemas(base).Transaction?.properties.state?.enum;
    const card = undoneSchemas.CreateVirtualCardRequest as { properties: Record<string, SchemaObject>; required: string[] };
    card.required = card.required.filter((name) => name !== 'entity_id');
    (card.properties.display_name as SchemaObject).maxLength = 50;
    delete undoneSchemas.Limit;
    delete undoneSchemas.LimitBalance;
    delete undoneSchemas.LimitList;
    delete undone.paths[`${API_PREFIX}/limits`];
    undone.tags = undone.tags.filter((tag) => tag.name !== 'Limits');
    undone.paths[`${API_PREFIX}/users/{user_id}`]!.get = base.paths[`${API_PREFIX}/users/{user_id}`]?.get;
    undone.paths[`${API_PREFIX}/transactions/{transaction_id}`]!.get!.security = [{ oauth2: ['transactions:read'] }];
    const stateFilter = undone.paths[`${API_PREFIX}/transactions`]?.get?.parameters?.find((parameter) => 'name' in parameter && parameter.name === 'state');
    (stateFilter as { schema: SchemaObject }).schema.enum = (base.paths[`${API_PREFIX}/transactions`]?.get?.parameters?.find((parameter) => 'name' in parameter && parameter.name === 'state') as { schema: SchemaObject }).schema.enum;
    undone.info.version = base.info.version;
    expect(undone).toEqual(base);
  });
});

describe('toJsonSchema', () => {
  it('turns nullable into a type union and lets null into an enum', () => {
    expect(toJsonSchema({ type: 'string', nullable: true, enum: ['A', 'B'], example: 'A' })).toEqual({ type: ['string', 'null'], enum: ['A', 'B', null] });
  });

  it('rewrites component refs, keeps property names that look like keywords, and drops extensions', () => {
    expect(
      toJsonSchema({
        type: 'object',
        'x-internal': true,
        properties: { type: { $ref: '#/components/schemas/Kind' }, example: { type: 'string', deprecated: true } },
      }),
    ).toEqual({
      type: 'object',
      properties: { type: { $ref: 'https://rampart.invalid/components/schemas/Kind' }, example: { type: 'string' } },
    });
  });

  it('converts OpenAPI 3.0 boolean exclusive bounds to numbers', () => {
    expect(toJsonSchema({ type: 'number', minimum: 0, exclusiveMinimum: true, maximum: 10 })).toEqual({ type: 'number', exclusiveMinimum: 0, maximum: 10 });
  });
});
