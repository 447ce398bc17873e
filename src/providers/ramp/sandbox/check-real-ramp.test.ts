import { checkAgainstRealRamp } from './check-real-ramp';
import { sandboxSpec } from './spec';

/**
 * `npm run check:ramp` on documents built here (no test reads Ramp's real copy in ../shared): it agrees
 * with a document that says what the sandbox says, and names each disagreement of one that does not.
 */

const asPublished = (change?: (doc: Record<string, any>) => void) => {
  const document = sandboxSpec('baseline') as unknown as Record<string, any>;
  change?.(document);
  return { source: 'published.json', version: '3.0' as const, document };
};

it('agrees with a published document that says what the sandbox says', async () => {
  const result = await checkAgainstRealRamp(asPublished());
  expect(result.problems).toEqual([]);
  expect(result.operations).toBe(20);
  expect(result.responses).toBeGreaterThanOrEqual(20);
});

it('names a scope, a status, a response field and a schema the sandbox disagrees on', async () => {
  const result = await checkAgainstRealRamp(
    asPublished((doc) => {
      doc['paths']['/developer/v1/cards/deferred/status/{task_id}'].get.security = [{ oauth2: ['cards:read'] }];
      const create = doc['paths']['/developer/v1/cards/deferred/virtual'].post;
      create.responses = { '201': create.responses['200'] };
      doc['components'].schemas.Transaction.properties.merchant_name = { type: 'string' };
      delete doc['components'].schemas.Card.properties.card_program_id;
    }),
  );
  const text = result.problems.join('\n');
  expect(text).toContain(
    "GET /developer/v1/cards/deferred/status/{task_id}: scopes cards:write where Ramp's document says cards:read",
  );
  expect(text).toContain("POST /developer/v1/cards/deferred/virtual: statuses 200 where Ramp's document says 201");
  expect(text).toMatch(/GET \/developer\/v1\/transactions → 200: .*merchant_name/);
  expect(text).toMatch(/GET \/developer\/v1\/cards → 200: .*card_program_id/);
});
