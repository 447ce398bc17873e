import type Ajv from 'ajv';
import {
  createSpecAjv,
  listOperations,
  startSandbox,
  toJsonSchema,
  type OpenApiDocument,
  type OperationEntry,
  type RunningSandbox,
  type SpecRevision,
} from './index';
import type { ResponseObject, SchemaObject } from './spec/types';
import { api, basicAuth, call, mintToken, nth, type Reply } from './testing';

/**
 * Conformance: the sandbox's responses (success and every documented error) match the document it
 * serves, checked with a JSON Schema validator (Ajv) against the served revision. Every documented
 * (operation, status) pair must be produced and must validate: the document is a promise the sandbox
 * keeps, which is what lets it stand in for Ramp's staging. Errors are documented where Ramp's document
 * is silent, in `x-rampart-error-responses`; those take precedence over Ramp's bare 400.
 */

const ZERO_ID = '00000000-0000-4000-8000-000000000000';

describe.each(['baseline', 'next'] as const)(
  'responses conform to the served %s document',
  (revision: SpecRevision) => {
    let main: RunningSandbox;
    let limited: RunningSandbox;
    let faulty: RunningSandbox;
    let doc: OpenApiDocument;
    let ajv: Ajv;
    let token: string;
    let unscopedToken: string;
    let limitedToken: string;
    const ids: Record<string, string> = {};
    const observed = new Map<string, Set<string>>();
    const problems: string[] = [];

    beforeAll(async () => {
      [main, limited, faulty] = await Promise.all([
        startSandbox({ specRevision: revision }),
        startSandbox({ specRevision: revision, rateLimit: { limit: 1, windowMs: 60_000 } }),
        startSandbox({ specRevision: revision, faults: { errorRate: 1, tokenEndpointDown: true } }),
      ]);
      doc = JSON.parse((await call(main.specUrl)).text) as OpenApiDocument;
      // The sandbox skips the meta-schema check at run time; here every schema of its document passes it.
      ajv = createSpecAjv(doc, { validateSchema: true });
      token = await mintToken(main, main.clients.demo, main.clients.demo.scopes);
      unscopedToken = await mintToken(main, main.clients.demo, ['vendors:read']);
      limitedToken = await mintToken(limited, limited.clients.demo, ['vendors:read']);
      // Spend the limited client's whole allowance, so every later call there is a 429.
      await api(limited, limitedToken, '/developer/v1/business');

      const first = async (path: string) => nth((await api(main, token, `/developer/v1${path}`)).body.data, 0).id;
      ids.transaction_id = await first('/transactions');
      ids.card_id = await first('/cards');
      ids.user_id = await first('/users');
      ids.department_id = await first('/departments');
      ids.location_id = await first('/locations');
      ids.reimbursement_id = await first('/reimbursements');
      const task = await api(main, token, '/developer/v1/cards/deferred/virtual', {
        method: 'POST',
        json: await validBodies.createVirtualCard?.(),
      });
      expect(task.status).toBe(200);
      ids.task_id = task.body.id;
    });
    afterAll(() => Promise.all([main, limited, faulty].map((sandbox) => sandbox?.close())));

    function cardBody(key: string) {
      return {
        display_name: 'rampart-test conformance',
        user_id: ids.user_id,
        entity_id: undefined as string | undefined,
        spending_restrictions: { amount: 250, interval: 'MONTHLY' },
        idempotency_key: key,
      };
    }

    const validBodies: Record<string, () => Promise<unknown>> = {
      createVirtualCard: async () => {
        const user = (await api(main, token, `/developer/v1/users/${ids.user_id}`)).body;
        return { ...cardBody(`conformance-${Math.random()}`), entity_id: user.entity_id };
      },
      terminateCard: () => Promise.resolve({ idempotency_key: `conformance-${Math.random()}` }),
      updateUser: () => Promise.resolve({ last_name: 'Conformance' }),
      createDepartment: () => Promise.resolve({ name: 'rampart-test conformance' }),
    };

    /** The success statuses and the rampart error statuses; Ramp's bare 400 only where the sandbox has a 400. */
    function promisedStatuses(entry: OperationEntry): string[] {
      const errors = Object.keys(entry.operation['x-rampart-error-responses'] ?? {});
      const success = Object.keys(entry.operation.responses).filter((status) => status.startsWith('2'));
      return [...new Set([...success, ...errors])].sort();
    }

    function pathFor(entry: OperationEntry, idFor: (name: string) => string): string {
      return entry.path.replace(/\{(\w+)\}/g, (_match, name: string) => idFor(name));
    }

    function resolveResponse(response: ResponseObject | { $ref: string }): ResponseObject {
      if ('$ref' in response)
        return doc.components.responses[response.$ref.split('/').pop() as string] as ResponseObject;
      return response;
    }

    /** Checks one reply against the operation's documented response for its status, and records it. */
    function check(entry: OperationEntry, label: string, reply: Reply): void {
      const where = `${entry.operationId} (${label}) → ${reply.status}`;
      const documented =
        entry.operation['x-rampart-error-responses']?.[String(reply.status)] ??
        entry.operation.responses[String(reply.status)];
      if (!documented) {
        problems.push(`${where}: status not documented`);
        return;
      }
      const response = resolveResponse(documented);
      for (const [name, header] of Object.entries(response.headers ?? {})) {
        const definition = '$ref' in header ? doc.components.headers[header.$ref.split('/').pop() as string] : header;
        const value = reply.headers.get(name);
        if (value === null) {
          if (definition?.required) problems.push(`${where}: required header ${name} missing`);
          continue;
        }
        const schema = toJsonSchema(definition?.schema) as SchemaObject;
        const typed = schema.type === 'integer' || schema.type === 'number' ? Number(value) : value;
        if (!ajv.validate(schema, typed)) problems.push(`${where}: header ${name}=${value} ${ajv.errorsText()}`);
      }
      if (entry.operation.deprecated && reply.status < 300 && reply.headers.get('deprecation') === null) {
        problems.push(`${where}: deprecated operation without a Deprecation header`);
      }
      const content = response.content?.['application/json'];
      if (content) {
        if (!(reply.headers.get('content-type') ?? '').startsWith('application/json'))
          problems.push(`${where}: content-type ${reply.headers.get('content-type')}`);
        else if (!ajv.validate(toJsonSchema(content.schema) as object, reply.body))
          problems.push(`${where}: body ${ajv.errorsText()} in ${reply.text.slice(0, 200)}`);
      } else if (reply.text !== '') {
        problems.push(`${where}: documented without a body but sent ${reply.text.slice(0, 80)}`);
      }
      const seen = observed.get(entry.operationId) ?? new Set<string>();
      seen.add(String(reply.status));
      observed.set(entry.operationId, seen);
    }

    async function exerciseApiOperation(entry: OperationEntry): Promise<void> {
      const method = entry.method.toUpperCase();
      const realPath = pathFor(entry, (name) => ids[name] ?? ZERO_ID);
      const hasBody = entry.operation.requestBody !== undefined;
      const body = hasBody ? await validBodies[entry.operationId]?.() : undefined;
      const send = (
        sandbox: RunningSandbox,
        bearer: string | null,
        path: string,
        extra: { json?: unknown; body?: string; query?: string } = {},
      ) =>
        api(sandbox, bearer, `${path}${extra.query ?? ''}`, {
          method,
          ...(extra.body !== undefined ? { body: extra.body, headers: { 'content-type': 'application/json' } } : {}),
          ...(extra.json !== undefined
            ? { json: extra.json }
            : hasBody && extra.body === undefined
              ? { json: body }
              : {}),
        });

      check(entry, 'valid', await send(main, token, realPath));
      check(entry, 'no token', await send(main, null, realPath));
      check(entry, 'token without the scope', await send(main, unscopedToken, realPath));
      check(entry, 'rate limited', await send(limited, limitedToken, realPath));
      check(entry, 'injected fault', await send(faulty, null, realPath));
      if (entry.path.includes('{'))
        check(
          entry,
          'unknown id',
          await send(
            main,
            token,
            pathFor(entry, () => ZERO_ID),
          ),
        );
      if (entry.parameters.some((parameter) => parameter.name === 'page_size'))
        check(entry, 'bad page_size', await send(main, token, realPath, { query: '?page_size=1000' }));
      if (hasBody) {
        check(
          entry,
          'unknown field',
          await send(main, token, realPath, { json: { ...(body as object), unexpected_field: true } }),
        );
        check(entry, 'empty body', await send(main, token, realPath, { json: {} }));
        check(entry, 'malformed JSON', await send(main, token, realPath, { body: '{"oops":' }));
      }
    }

    async function exerciseTokenOperation(entry: OperationEntry): Promise<void> {
      const url = `${main.baseUrl}${entry.path}`;
      const form = (auth: string | null, body: string, target = url) =>
        call(target, {
          method: 'POST',
          headers: { 'content-type': 'application/x-www-form-urlencoded', ...(auth && { authorization: auth }) },
          body,
        });
      const auth = basicAuth(main.clients.demo);
      if (entry.operationId === 'issueToken') {
        check(entry, 'valid', await form(auth, 'grant_type=client_credentials&scope=users:read'));
        check(entry, 'bad grant', await form(auth, 'grant_type=password&scope=users:read'));
      } else {
        const throwaway = await mintToken(main, main.clients.demo, ['vendors:read']);
        check(entry, 'valid', await form(auth, `token=${encodeURIComponent(throwaway)}`));
        check(entry, 'no token field', await form(auth, ''));
      }
      check(entry, 'no client auth', await form(null, 'grant_type=client_credentials&scope=users:read'));
      check(
        entry,
        'token service down',
        await form(
          basicAuth(faulty.clients.demo),
          'grant_type=client_credentials&scope=users:read&token=x',
          `${faulty.baseUrl}${entry.path}`,
        ),
      );
    }

    it('every documented response of every operation is produced and validates', async () => {
      const operations = listOperations(doc);
      expect(operations).toHaveLength(revision === 'next' ? 21 : 20);
      // Sequential: the rate limiter and the fault PRNG see requests in a known order.
      for (const entry of operations) {
        if (entry.usesOAuth) await exerciseApiOperation(entry);
        else await exerciseTokenOperation(entry);
      }
      expect(problems).toEqual([]);
      for (const entry of operations) {
        expect({ operation: entry.operationId, statuses: [...(observed.get(entry.operationId) ?? [])].sort() }).toEqual(
          {
            operation: entry.operationId,
            statuses: promisedStatuses(entry),
          },
        );
      }
    });
  },
);
