/** The one OpenAPI model: operation index, path precedence, security demands, JSON Schema conversion. */
import {
  indexOperations,
  matchScore,
  pathParameters,
  resolveLocalRef,
  resolveOperation,
  serverBasePath,
  serverBasePaths,
  toJsonSchema,
  tokenDemand,
} from '.';

const document = {
  openapi: '3.0.3',
  info: { title: 't', version: '1' },
  servers: [{ url: 'https://api.example.com/v1' }, { url: 'https://demo.example.com/v1/' }],
  security: [{ oauth: ['read'] }],
  components: {
    securitySchemes: {
      oauth: { type: 'oauth2', flows: { clientCredentials: { tokenUrl: '/token', scopes: { read: '', write: '' } } } },
      basic: { type: 'http', scheme: 'basic' },
    },
    parameters: { Limit: { name: 'limit', in: 'query', schema: { type: 'integer' } } },
    schemas: { Card: { type: 'object', properties: { id: { type: 'string' } } } },
  },
  paths: {
    '/cards/{card_id}': {
      parameters: [{ name: 'card_id', in: 'path', required: true, schema: { type: 'string' } }],
      get: { responses: {} },
      patch: { security: [{ oauth: ['write', 'read'] }, {}], responses: {}, deprecated: true },
    },
    '/cards/deferred/virtual': {
      post: { security: [{ basic: [] }], parameters: [{ $ref: '#/components/parameters/Limit' }], responses: {} },
    },
  },
};

describe('indexOperations', () => {
  it('lists every operation with its parameters resolved and the security in force', () => {
    const ops = indexOperations(document);
    expect(ops.map((o) => o.key)).toEqual([
      'GET /cards/{card_id}',
      'PATCH /cards/{card_id}',
      'POST /cards/deferred/virtual',
    ]);
    expect(ops[0]?.parameters.map((p) => p['name'])).toEqual(['card_id']);
    expect(ops[0]?.security).toEqual([{ oauth: ['read'] }]);
    expect(ops[0]?.pointer).toBe('/paths/~1cards~1{card_id}/get');
    expect(ops[1]?.deprecated).toBe(true);
    expect(ops[2]?.parameters).toEqual([{ name: 'limit', in: 'query', schema: { type: 'integer' } }]);
  });
});

describe('server base paths', () => {
  it('reads the base path the servers agree on, and none when they disagree', () => {
    expect(serverBasePath(document)).toBe('/v1');
    expect(serverBasePath({ servers: [{ url: 'https://api.ramp.com/developer/v1/' }] })).toBe('/developer/v1');
    expect(serverBasePath({ servers: [{ url: 'https://a.test/v1' }, { url: '/v1' }] })).toBe('/v1');
    expect(serverBasePath({ servers: [{ url: 'https://a/v1' }, { url: 'https://b/v2' }] })).toBe('');
    expect(serverBasePath({})).toBe('');
    expect(serverBasePath({ servers: [{ url: 'https://api.ramp.com' }] })).toBe('');
  });

  it('fills server variables with their defaults', () => {
    const servers = [
      { url: 'https://{host}/{version}', variables: { host: { default: 'a.test' }, version: { default: 'v2' } } },
    ];
    expect(serverBasePath({ servers })).toBe('/v2');
    expect(serverBasePaths({ servers })).toEqual(['/v2']);
  });

  it('agrees on no base path when one server is unreadable or at the root, but lists the readable ones', () => {
    const servers = [{ url: 'https://a.test/v1' }, { url: 'https://a.test' }, { description: 'no url' }];
    expect(serverBasePath({ servers })).toBe('');
    expect(serverBasePaths({ servers })).toEqual(['/v1']);
  });
});

describe('path matching', () => {
  const ops = indexOperations(document);

  it('prefers literal segments to template parameters', () => {
    expect(matchScore('/cards/deferred/virtual', '/cards/deferred/virtual')).toBeGreaterThan(
      matchScore('/cards/{card_id}/virtual', '/cards/deferred/virtual'),
    );
    expect(resolveOperation('post', ['/cards/deferred/virtual'], ops)?.key).toBe('POST /cards/deferred/virtual');
  });

  it('resolves a concrete path also after removing a server base path, and reads its parameters', () => {
    expect(resolveOperation('GET', ['/v1/cards/c-1'], ops, ['/v1'])?.key).toBe('GET /cards/{card_id}');
    expect(resolveOperation('GET', ['/v1/cards/c-1'], ops)).toBeNull();
    expect(pathParameters('/cards/{card_id}', '/cards/c%2D1')).toEqual({ card_id: 'c-1' });
  });
});

describe('tokenDemand', () => {
  const ops = indexOperations(document);

  it('reads the scopes of the first token requirement; an empty requirement makes the token optional', () => {
    expect(tokenDemand(document, ops[0]?.security ?? [])).toEqual({
      scopes: ['read'],
      usesToken: true,
      requiresToken: true,
    });
    expect(tokenDemand(document, ops[1]?.security ?? [])).toEqual({
      scopes: ['write', 'read'],
      usesToken: true,
      requiresToken: false,
    });
    expect(tokenDemand(document, ops[2]?.security ?? [])).toEqual({
      scopes: [],
      usesToken: false,
      requiresToken: false,
    });
  });
});

describe('resolveLocalRef', () => {
  it('follows chains of local references and refuses loops and remote ones', () => {
    const doc = {
      a: { $ref: '#/b' },
      b: { $ref: '#/c' },
      c: { type: 'string' },
      x: { $ref: '#/y' },
      y: { $ref: '#/x' },
    };
    expect(resolveLocalRef(doc, doc.a)).toEqual({ node: { type: 'string' }, pointer: '/c' });
    expect(resolveLocalRef(doc, doc.x)).toBeNull();
    expect(resolveLocalRef(doc, { $ref: 'other.yaml#/c' })).toBeNull();
  });
});

describe('toJsonSchema', () => {
  it('lets null through a nullable schema, with or without a type', () => {
    expect(toJsonSchema({ type: 'string', nullable: true })).toEqual({ type: ['string', 'null'] });
    expect(toJsonSchema({ type: 'string', enum: ['A'], nullable: true })).toEqual({
      type: ['string', 'null'],
      enum: ['A', null],
    });
    expect(toJsonSchema({ allOf: [{ $ref: '#/components/schemas/Card' }], nullable: true })).toEqual({
      anyOf: [{ allOf: [{ $ref: '#/components/schemas/Card' }] }, { type: 'null' }],
    });
    expect(toJsonSchema({ $ref: '#/components/schemas/Card', nullable: true }, { componentRefPrefix: 'x:' })).toEqual({
      anyOf: [{ $ref: 'x:Card' }, { type: 'null' }],
    });
  });

  it('turns boolean exclusive bounds into numeric ones and leaves data keywords and property names alone', () => {
    expect(
      toJsonSchema({ type: 'number', minimum: 1, exclusiveMinimum: true, maximum: 9, exclusiveMaximum: false }),
    ).toEqual({
      type: 'number',
      exclusiveMinimum: 1,
      maximum: 9,
    });
    const schema = {
      type: 'object',
      properties: { required: { type: 'string', nullable: true } },
      required: ['required'],
      default: { nullable: true },
    };
    expect(toJsonSchema(schema)).toEqual({
      type: 'object',
      properties: { required: { type: ['string', 'null'] } },
      required: ['required'],
      default: { nullable: true },
    });
  });

  it('converts a schema nested thousands of levels deep without overflowing the stack', () => {
    let deep: Record<string, unknown> = { type: 'string', nullable: true };
    for (let i = 0; i < 5000; i += 1) deep = { type: 'object', properties: { next: deep } };
    let converted = toJsonSchema(deep) as Record<string, unknown>;
    for (let i = 0; i < 5000; i += 1)
      converted = (converted['properties'] as Record<string, Record<string, unknown>>)['next'] ?? {};
    expect(converted).toEqual({ type: ['string', 'null'] });
  });
});
