/**
 * The auth sweep calls every operation of the published spec; an operation with required query
 * parameters gets a value each of them accepts, so the provider judges the token, not the query.
 */
import type { LoadedSpec } from '../openapi';
import { loadRampPolicy, DEFAULT_POLICY_FILE, resolveStage, stageAllowsOperation } from './policy';
import { matchOperation, PLACEHOLDER_ID, specOperations } from './spec-operations';

function requiredQueryOf(parameters: unknown[], components: Record<string, unknown> = {}): Record<string, string> {
  const spec: LoadedSpec = {
    source: 'query.json',
    version: '3.1',
    document: {
      openapi: '3.1.0',
      info: { title: 't', version: '1' },
      paths: { '/statements': { get: { parameters, responses: {} } } },
      components: { schemas: components },
    },
  };
  const [operation] = specOperations(spec);
  return operation?.requiredQuery ?? {};
}

const query = (name: string, schema: unknown, required = true) => ({ in: 'query', name, required, schema });

it('gives each required query parameter a value its schema accepts, and leaves optional ones out', () => {
  expect(
    requiredQueryOf(
      [
        query('state', { type: 'string', enum: ['CLEARED', 'PENDING'] }),
        query('page_size', { type: 'integer', default: 50 }),
        query('limit', { type: ['integer', 'null'] }),
        query('amount', { type: 'number' }),
        query('is_active', { type: 'boolean' }),
        query('user_id', { type: 'string', format: 'uuid' }),
        query('from_date', { type: 'string', format: 'date' }),
        query('since', { type: 'string', format: 'date-time' }),
        query('entity', { $ref: '#/components/schemas/Entity' }),
        query('code', { type: 'string', example: 'USD' }),
        query('name', { type: 'string' }),
        query('cursor', { type: 'string' }, false),
      ],
      { Entity: { type: 'string', enum: ['BUSINESS'] } },
    ),
  ).toEqual({
    state: 'CLEARED',
    page_size: '50',
    limit: '1',
    amount: '1',
    is_active: 'true',
    user_id: PLACEHOLDER_ID,
    from_date: '2024-01-01',
    since: '2024-01-01T00:00:00Z',
    entity: 'BUSINESS',
    code: 'USD',
    name: 'x',
  });
});

it('puts the path the servers put before the paths into each operation, as requests and the policy have it', () => {
  // Ramp's 2021 document: servers https://api.ramp.com/developer/v1 and paths /cards/{id}.
  const operations = specOperations({
    source: 'ramp-2021.json',
    version: '3.0',
    document: {
      openapi: '3.0.0',
      info: { title: 'Ramp', version: '2021' },
      servers: [{ url: 'https://api.ramp.com/developer/v1' }],
      paths: { '/cards/{id}': { get: { responses: {} } } },
    },
  });
  expect(operations.map((op) => [op.key, op.path, op.basePaths])).toEqual([
    ['GET /developer/v1/cards/{id}', '/developer/v1/cards/{id}', []],
  ]);
  expect(matchOperation(operations, 'GET', '/developer/v1/cards/3c9e')?.key).toBe('GET /developer/v1/cards/{id}');
  const pilot = resolveStage(loadRampPolicy(DEFAULT_POLICY_FILE), 'pilot');
  expect(stageAllowsOperation(pilot, 'GET /developer/v1/cards/{id}')).toBe(true);
});
