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
    expect((second.components.schemas.Transaction as { required: string[] }).required).toContain('merchant_id');
  });

  it.each(['baseline', 'next'] as const)(
    '%s: every operation has an operationId, its scopes and its marked error responses',
    (revision) => {
      const doc = sandboxSpec(revision);
      expect(doc.openapi).toBe('3.0.3');
      const operations = listOperations(doc);
      expect(new Set(operations.map((entry) => entry.operationId)).size).toBe(operations.length);
      // Ramp's one scheme; no scheme of our own (Ramp's document has none for client authentication).
      expect(Object.keys(doc.components.securitySchemes)).toEqual(['oauth2']);
      const schemeScopes = Object.keys(
        (doc.components.securitySchemes.oauth2 as { flows: { clientCredentials: { scopes: object } } }).flows
          .clientCredentials.scopes,
      );
      expect(schemeScopes).toEqual([...ALL_SCOPES]);
      for (const entry of operations) {
        expect(entry.path.startsWith(API_PREFIX)).toBe(true);
        const rampartErrors = Object.keys(entry.operation['x-rampart-error-responses'] ?? {});
        if (entry.usesOAuth) {
          expect(entry.scopes.length).toBeGreaterThan(0);
          for (const scope of entry.scopes) expect(schemeScopes).toContain(scope);
          expect(rampartErrors).toEqual(expect.arrayContaining(['401', '403', '429', '500']));
          if (entry.path.includes('{')) expect(rampartErrors).toContain('404');
          if (entry.operation.requestBody) expect(rampartErrors).toEqual(expect.arrayContaining(['400', '422']));
        } else {
          expect(entry.operation.security).toEqual([]);
          expect(rampartErrors).toEqual(['400', '401', '503']);
        }
        // Ramp's document declares only success statuses and a bare 400: the error bodies are ours, marked.
        for (const [status, response] of Object.entries(entry.operation.responses)) {
          if (status.startsWith('2')) continue;
          expect(status).toBe('400');
          expect(response).toEqual({ description: expect.any(String) });
        }
        for (const ref of Object.values(entry.operation['x-rampart-error-responses'] ?? {})) {
          const response = doc.components.responses[ref.$ref.split('/').pop() as string];
          expect(response?.['x-rampart-note']).toEqual(expect.any(String));
        }
        if (entry.operation.deprecated) {
          expect(entry.operation['x-sunset']).toMatch(/^\d{4}-\d{2}-\d{2}$/);
          expect(Date.parse(entry.operation['x-sunset'] as string)).toBeGreaterThan(
            Date.parse(entry.operation['x-deprecated-at'] as string),
          );
        }
      }
    },
  );

  it('says what Ramp says where the first sandbox invented: 200 for card creation, cards:write to poll, nullable names', () => {
    const doc = sandboxSpec('baseline');
    const schemas = doc.components.schemas as Record<
      string,
      { properties: Record<string, SchemaObject>; required?: string[] }
    >;
    const create = doc.paths[`${API_PREFIX}/cards/deferred/virtual`]?.post;
    expect(Object.keys(create?.responses ?? {})).toEqual(['200']);
    expect(doc.paths[`${API_PREFIX}/cards/deferred/status/{task_id}`]?.get?.security).toEqual([
      { oauth2: ['cards:write'] },
    ]);
    expect(schemas.ApiCardDeferredTaskData?.properties.error).toEqual({ type: 'string' });
    expect(schemas.Transaction?.properties.merchant_name).toEqual({ type: 'string', nullable: true, readOnly: true });
    expect(schemas.Transaction?.required).not.toContain('card_id');
    expect(schemas.Card?.properties.card_program_id?.nullable).toBe(true);
    expect(doc.paths[`${API_PREFIX}/cards/{card_id}/deferred/termination`]?.post?.operationId).toBe('terminateCard');
  });

  it.each(['baseline', 'next'] as const)('%s: every $ref resolves', (revision) => {
    const doc = sandboxSpec(revision);
    const refs = JSON.stringify(doc).match(/"\$ref":"[^"]+"/g) ?? [];
    expect(refs.length).toBeGreaterThan(20);
    for (const ref of refs) {
      const [, section, name] = /"#\/components\/(\w+)\/(\w+)"/.exec(ref) ?? [];
      expect(
        (doc.components as Record<string, Record<string, unknown>>)[section as string]?.[name as string],
      ).toBeDefined();
    }
  });

  it('deprecates nothing in the baseline (Ramp deprecates none of these operations), and GET /users/{user_id} in next', () => {
    const deprecated = (doc: OpenApiDocument) =>
      listOperations(doc)
        .filter((entry) => entry.operation.deprecated)
        .map((entry) => entry.operationId);
    expect(deprecated(sandboxSpec('baseline'))).toEqual([]);
    expect(deprecated(sandboxSpec('next'))).toEqual(['getUser']);
  });

  it('next is the baseline plus exactly the seven documented changes', () => {
    const base = sandboxSpec('baseline');
    const next = sandboxSpec('next');
    const schemas = (doc: OpenApiDocument) =>
      doc.components.schemas as Record<string, { properties: Record<string, SchemaObject>; required: string[] }>;

    // 1. merchant_name removed from Transaction and SingleTransaction.
    for (const name of ['Transaction', 'SingleTransaction']) {
      expect(schemas(base)[name]?.properties.merchant_name).toBeDefined();
      expect(schemas(next)[name]?.properties.merchant_name).toBeUndefined();
    }
    // 2. entity_id newly required.
    expect(schemas(base).ApiCardRequestBody?.required).not.toContain('entity_id');
    expect(schemas(next).ApiCardRequestBody?.required).toContain('entity_id');
    // 3. display_name gets a maxLength of 32 (Ramp's has none).
    expect(schemas(base).ApiCardRequestBody?.properties.display_name?.maxLength).toBeUndefined();
    expect(schemas(next).ApiCardRequestBody?.properties.display_name?.maxLength).toBe(32);
    // 4. DISPUTED added to the transaction state.
    for (const name of ['Transaction', 'SingleTransaction']) {
      expect(schemas(base)[name]?.properties.state?.enum).not.toContain('DISPUTED');
      expect(schemas(next)[name]?.properties.state?.enum).toContain('DISPUTED');
    }
    // 5. GET /limits added.
    expect(base.paths[`${API_PREFIX}/limits`]).toBeUndefined();
    expect(next.paths[`${API_PREFIX}/limits`]?.get?.operationId).toBe('listLimits');
    // 6. GET /users/{user_id} deprecated.
    expect(base.paths[`${API_PREFIX}/users/{user_id}`]?.get?.deprecated).toBeUndefined();
    expect(next.paths[`${API_PREFIX}/users/{user_id}`]?.get?.deprecated).toBe(true);
    // 7. GET /transactions/{id} needs receipts:read too.
    expect(base.paths[`${API_PREFIX}/transactions/{transaction_id}`]?.get?.security).toEqual([
      { oauth2: ['transactions:read'] },
    ]);
    expect(next.paths[`${API_PREFIX}/transactions/{transaction_id}`]?.get?.security).toEqual([
      { oauth2: ['transactions:read', 'receipts:read'] },
    ]);

    // Nothing else: undo the seven changes on next and it equals the baseline (version aside).
    const undone = sandboxSpec('next');
    const undoneSchemas = schemas(undone);
    for (const name of ['Transaction', 'SingleTransaction']) {
      const transaction = undoneSchemas[name] as { properties: Record<string, SchemaObject>; required: string[] };
      const original = schemas(base)[name]?.properties ?? {};
      transaction.properties = Object.fromEntries(
        Object.keys(original).map((key) => [key, transaction.properties[key] ?? (original[key] as SchemaObject)]),
      );
      (transaction.properties.state as SchemaObject).enum = original.state?.enum;
    }
    const card = undoneSchemas.ApiCardRequestBody as { properties: Record<string, SchemaObject>; required: string[] };
    card.required = card.required.filter((name) => name !== 'entity_id');
    delete (card.properties.display_name as SchemaObject).maxLength;
    delete undoneSchemas.Limit;
    delete undoneSchemas.LimitBalance;
    delete undoneSchemas.LimitList;
    delete undone.paths[`${API_PREFIX}/limits`];
    undone.tags = undone.tags.filter((tag) => tag.name !== 'Limits');
    undone.paths[`${API_PREFIX}/users/{user_id}`]!.get = base.paths[`${API_PREFIX}/users/{user_id}`]?.get;
    undone.paths[`${API_PREFIX}/transactions/{transaction_id}`]!.get!.security = [{ oauth2: ['transactions:read'] }];
    const stateFilter = undone.paths[`${API_PREFIX}/transactions`]?.get?.parameters?.find(
      (parameter) => 'name' in parameter && parameter.name === 'state',
    );
    (stateFilter as { schema: SchemaObject }).schema.enum = (
      base.paths[`${API_PREFIX}/transactions`]?.get?.parameters?.find(
        (parameter) => 'name' in parameter && parameter.name === 'state',
      ) as { schema: SchemaObject }
    ).schema.enum;
    undone.info.version = base.info.version;
    expect(undone).toEqual(base);
  });
});

describe('toJsonSchema', () => {
  it('turns nullable into a type union and lets null into an enum', () => {
    expect(toJsonSchema({ type: 'string', nullable: true, enum: ['A', 'B'], example: 'A' })).toEqual({
      type: ['string', 'null'],
      enum: ['A', 'B', null],
    });
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
    expect(toJsonSchema({ type: 'number', minimum: 0, exclusiveMinimum: true, maximum: 10 })).toEqual({
      type: 'number',
      exclusiveMinimum: 0,
      maximum: 10,
    });
  });
});
