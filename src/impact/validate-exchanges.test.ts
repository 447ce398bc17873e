import { validateExchanges, type RecordedExchange } from './index';
import { toJsonSchema as convertOpenApi30 } from '../openapi';

/** Response↔spec validation on small documents: 3.0 `nullable`, 3.1 as is, `$ref`s, status ranges. */

function spec(openapi: '3.0.3' | '3.1.0', widget: Record<string, unknown>): Record<string, unknown> {
  return {
    openapi,
    info: { title: 't', version: '1' },
    paths: {
      '/widgets/{id}': {
        get: {
          responses: {
            '200': {
              description: 'ok',
              content: { 'application/json': { schema: { $ref: '#/components/schemas/Widget' } } },
            },
            '4XX': { $ref: '#/components/responses/Problem' },
          },
        },
      },
      '/widgets': { post: { responses: { '204': { description: 'created' } } } },
    },
    components: {
      schemas: { Widget: widget },
      responses: {
        Problem: {
          description: 'problem',
          content: {
            'application/problem+json': {
              schema: { type: 'object', required: ['title'], properties: { title: { type: 'string' } } },
            },
          },
        },
      },
    },
  };
}

const exchange = (over: Partial<RecordedExchange>): RecordedExchange => ({
  method: 'GET',
  path: '/widgets/w-1',
  status: 200,
  contentType: 'application/json',
  durationMs: 1,
  ...over,
});

describe('validateExchanges', () => {
  const v30 = spec('3.0.3', {
    type: 'object',
    required: ['id', 'colour', 'size'],
    properties: {
      id: { type: 'string' },
      colour: { type: 'string', enum: ['red', 'blue'], nullable: true },
      size: { type: 'integer', minimum: 0, exclusiveMinimum: true },
    },
  });

  it('reads OpenAPI 3.0 nullable and boolean exclusive bounds', () => {
    expect(validateExchanges(v30, [exchange({ body: { id: 'w-1', colour: null, size: 3 } })])).toEqual([
      expect.objectContaining({ name: 'GET /widgets/{id} → 200', outcome: 'passed' }),
    ]);
    const [zero] = validateExchanges(v30, [exchange({ body: { id: 'w-1', colour: 'green', size: 0 } })]);
    expect(zero?.outcome).toBe('failed');
    expect(zero?.detail).toContain('/colour must be equal to one of the allowed values');
    expect(zero?.detail).toContain('/size must be > 0');
  });

  it('reads OpenAPI 3.1 schemas as JSON Schema 2020-12', () => {
    const v31 = spec('3.1.0', {
      type: 'object',
      required: ['id'],
      properties: { id: { type: 'string' }, colour: { type: ['string', 'null'] } },
    });
    expect(validateExchanges(v31, [exchange({ body: { id: 'w-1', colour: null } })])[0]?.outcome).toBe('passed');
    expect(validateExchanges(v31, [exchange({ body: { id: 7 } })])[0]?.message).toContain('/id must be string');
  });

  it('matches a status range through a $ref response and checks its media type', () => {
    const cases = validateExchanges(v30, [
      exchange({ status: 404, contentType: 'application/problem+json', body: { title: 'no widget' } }),
      exchange({ status: 409, contentType: 'text/html', bodyOmitted: 'not-json' }),
    ]);
    expect(cases.find((c) => c.name === 'GET /widgets/{id} → 404')?.outcome).toBe('passed');
    expect(cases.find((c) => c.name === 'GET /widgets/{id} → 409')).toMatchObject({
      outcome: 'failed',
      data: { ruleId: 'provider-undocumented-media-type' },
    });
  });

  it('flags an undocumented status, accepts a documented empty one, and warns about an undocumented operation', () => {
    const cases = validateExchanges(v30, [
      exchange({ status: 500 }),
      exchange({ method: 'POST', path: '/widgets', status: 204, contentType: null }),
      exchange({ path: '/gadgets', status: 200, body: {} }),
    ]);
    expect(cases.find((c) => c.name === 'GET /widgets/{id} → 500')).toMatchObject({
      outcome: 'failed',
      data: { ruleId: 'provider-undocumented-status' },
    });
    expect(cases.find((c) => c.name === 'POST /widgets → 204')?.outcome).toBe('passed');
    expect(cases.find((c) => c.name === 'GET /gadgets → 200')).toMatchObject({
      outcome: 'passed',
      severity: 'warning',
      data: { ruleId: 'provider-undocumented-operation' },
    });
  });

  it('finds the operation under the base path of a server URL whose version variable has a default', () => {
    const versioned = {
      ...v30,
      servers: [{ url: 'https://{host}/{version}', variables: { version: { default: 'v1' } } }],
    };
    const cases = validateExchanges(versioned, [
      exchange({ path: '/v1/widgets/w-1', body: { id: 'w', colour: 'red', size: 1 } }),
    ]);
    expect(cases).toEqual([expect.objectContaining({ name: 'GET /widgets/{id} → 200', outcome: 'passed' })]);
  });

  it('groups exchanges by operation and status, and says when bodies were not checked', () => {
    const cases = validateExchanges(v30, [
      exchange({ body: { id: 'a', colour: 'red', size: 1 } }),
      exchange({ path: '/widgets/w-2', body: { id: 'b', colour: 'blue', size: 2 } }),
      exchange({ path: '/widgets/w-3', bodyOmitted: 'too-large' }),
    ]);
    expect(cases).toHaveLength(1);
    expect(cases[0]).toMatchObject({
      outcome: 'passed',
      message: '1 of 3 bodies not validated (too large or not JSON)',
      data: { exchanges: 3 },
    });
  });
});

describe('convertOpenApi30', () => {
  it('turns nullable into a null type, a nullable $ref into anyOf, and keeps property names alone', () => {
    expect(convertOpenApi30({ type: 'string', nullable: true })).toEqual({ type: ['string', 'null'] });
    expect(convertOpenApi30({ $ref: '#/x', nullable: true })).toEqual({ anyOf: [{ $ref: '#/x' }, { type: 'null' }] });
    expect(convertOpenApi30({ properties: { nullable: { type: 'boolean' } } })).toEqual({
      properties: { nullable: { type: 'boolean' } },
    });
    expect(convertOpenApi30({ type: 'number', maximum: 5, exclusiveMaximum: false })).toEqual({
      type: 'number',
      maximum: 5,
    });
  });
});
