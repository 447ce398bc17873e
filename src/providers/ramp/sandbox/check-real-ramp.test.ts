import { checkAgainstRealRamp } from './check-real-ramp';
import { sandboxSpec, type OpenApiDocument, type SchemaObject } from './spec';

/**
 * `npm run check:ramp` on documents built here (no test reads Ramp's real copy: it lives outside the
 * repository): it agrees with a document that says what the sandbox says, and names each disagreement of
 * one that does not.
 */

const asPublished = (change?: (doc: OpenApiDocument) => void) => {
  const document = sandboxSpec('baseline');
  change?.(document);
  return {
    source: 'published.json',
    version: '3.0' as const,
    document: document as unknown as Record<string, unknown>,
  };
};

/** The properties of one of the document's component schemas, to edit in place. */
const propertiesOf = (doc: OpenApiDocument, name: string) =>
  (doc.components.schemas[name] as { properties: Record<string, SchemaObject> }).properties;

// The verify run is left out where a test is about the other checks: each run costs a second or more.
const withoutVerify = { verifyRun: false };

it('agrees with a published document that says what the sandbox says', async () => {
  const result = await checkAgainstRealRamp(asPublished(), withoutVerify);
  expect(result.problems).toEqual([]);
  expect(result.operations).toBe(20);
  expect(result.responses).toBeGreaterThanOrEqual(20);
});

it('names a scope, a status, a response field and a schema the sandbox disagrees on', async () => {
  const result = await checkAgainstRealRamp(
    asPublished((doc) => {
      doc.paths['/developer/v1/cards/deferred/status/{task_id}']!.get!.security = [{ oauth2: ['cards:read'] }];
      const create = doc.paths['/developer/v1/cards/deferred/virtual']!.post!;
      create.responses = { '201': create.responses['200']! };
      propertiesOf(doc, 'Transaction')['merchant_name'] = { type: 'string' };
      delete propertiesOf(doc, 'Card')['card_program_id'];
    }),
    withoutVerify,
  );
  const text = result.problems.join('\n');
  expect(text).toContain(
    "GET /developer/v1/cards/deferred/status/{task_id}: scopes cards:write where Ramp's document says cards:read",
  );
  expect(text).toContain("POST /developer/v1/cards/deferred/virtual: statuses 200 where Ramp's document says 201");
  expect(text).toMatch(/GET \/developer\/v1\/transactions → 200: .*merchant_name/);
  expect(text).toMatch(/GET \/developer\/v1\/cards → 200: .*card_program_id/);
});

it("names a token probe read that Ramp's document describes with another scope or a required parameter", async () => {
  const result = await checkAgainstRealRamp(
    asPublished((doc) => {
      doc.paths['/developer/v1/business']!.get!.security = [{ oauth2: ['accounting:read'] }];
      delete doc.paths['/developer/v1/locations'];
      doc.paths['/developer/v1/users']!.get!.parameters = [
        { name: 'entity_id', in: 'query', required: true, schema: { type: 'string' } },
      ];
    }),
    withoutVerify,
  );
  expect(result.problems).toEqual(
    expect.arrayContaining([
      "token probe read GET /developer/v1/business: needs accounting:read in Ramp's document, not business:read",
      "token probe read GET /developer/v1/locations: Ramp's document has no such operation",
      "token probe read GET /developer/v1/users: Ramp's document requires the parameter entity_id",
    ]),
  );
  expect(result.problems.filter((p) => p.includes("in the sandbox's document"))).toEqual([]);
});

it("runs verify with the published document: an operation only Ramp's document has passes, one the pacts call that it lacks does not", async () => {
  // One run for both (each costs a second or more): Ramp's document adds /widgets and lacks /departments.
  const result = await checkAgainstRealRamp(
    asPublished((doc) => {
      doc.paths['/developer/v1/widgets'] = {
        get: { ...doc.paths['/developer/v1/departments']!.get!, security: [{ oauth2: ['widgets:read'] }] },
      };
      delete doc.paths['/developer/v1/departments'];
    }),
  );
  expect(result.verifyCases).toBeGreaterThanOrEqual(100);
  expect(result.operations).toBe(20);
  // Every problem is the missing /departments: nothing is said of the operation only Ramp's document has.
  expect(result.problems.filter((problem) => !problem.includes('departments'))).toEqual([]);
  expect(result.problems).toEqual(
    expect.arrayContaining([
      expect.stringMatching(
        /^verify with Ramp's document: Pacts against the published spec: spend-sync › a request for the departments: /,
      ),
    ]),
  );
});
