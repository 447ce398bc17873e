import { TokenProvider } from '../auth';
import { startLocalTestServer, type LocalTestServer } from '../http/local-test-server';
import { sendJson } from '../http/respond';
import { runAuthSweep } from './auth-sweep';
import { specOperations } from './spec-operations';

/** How the sweep reads a provider that refuses a token lacking a scope with 401 instead of 403. */

let server: LocalTestServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

const OPERATIONS = specOperations({
  source: 'things.json',
  version: '3.0',
  document: {
    openapi: '3.0.3',
    info: { title: 'things', version: '1' },
    paths: {
      '/v1/things': {
        get: { security: [{ oauth2: ['things:read'] }], responses: { '200': { description: 'ok' } } },
      },
    },
    components: { securitySchemes: { oauth2: { type: 'oauth2', flows: {} } } },
  },
});

it('fails a 401 to a token lacking the scope, saying the token was refused as invalid, not that it got past the check', async () => {
  // Each token names its scopes; the API accepts one with things:read and refuses any other as invalid.
  server = await startLocalTestServer((request, response) => {
    if (request.url === '/token') {
      const scopes = new URLSearchParams(request.body).get('scope') ?? '';
      sendJson(response, 200, { access_token: `tok_${scopes.replace(/\W/g, '_')}`, expires_in: 3600 });
      return;
    }
    const accepted = request.headers.authorization?.includes('things_read') === true;
    sendJson(response, accepted ? 200 : 401, {});
  });
  const result = await runAuthSweep({
    baseUrl: server.url,
    stage: 'pilot',
    operations: OPERATIONS,
    tokenProvider: new TokenProvider({
      tokenUrl: `${server.url}/token`,
      clientId: 'c',
      clientSecret: 's3cret-sweep',
      scopes: ['things:read', 'other:read'],
    }),
    configuredScopes: ['things:read', 'other:read'],
    writeAllowedHosts: [],
  });
  expect(result.cases.map((c) => [c.name, c.outcome, c.message])).toEqual([
    ['GET /v1/things requires a token', 'passed', 'answered 401 without a token'],
    [
      'GET /v1/things refuses a token without things:read',
      'failed',
      'answered 401 where 403 was expected: the token lacking things:read was refused as invalid, not for the scope it lacks (clients would mint new tokens in vain)',
    ],
  ]);
});

it('does not judge the scope check of a path the host does not serve, and still fails a 404 past an auth check', async () => {
  // Like Ramp's framework: an unknown path is 404 before any auth check. /v1/gone is in the document only;
  // /v1/things checks the token, then answers 404 to a token lacking things:read (a missing scope check).
  server = await startLocalTestServer((request, response) => {
    if (request.url === '/token') {
      sendJson(response, 200, { access_token: 'tok_any', expires_in: 3600 });
      return;
    }
    if (!request.url.startsWith('/v1/things')) return sendJson(response, 404, {});
    sendJson(response, request.headers.authorization ? 404 : 401, {});
  });
  const operations = specOperations({
    source: 'things.json',
    version: '3.0',
    document: {
      openapi: '3.0.3',
      info: { title: 'things', version: '1' },
      paths: Object.fromEntries(
        ['/v1/things', '/v1/gone'].map((path) => [
          path,
          { get: { security: [{ oauth2: ['things:read'] }], responses: { '200': { description: 'ok' } } } },
        ]),
      ),
      components: { securitySchemes: { oauth2: { type: 'oauth2', flows: {} } } },
    },
  });
  const result = await runAuthSweep({
    baseUrl: server.url,
    stage: 'pilot',
    operations,
    tokenProvider: new TokenProvider({
      tokenUrl: `${server.url}/token`,
      clientId: 'c',
      clientSecret: 's3cret-sweep',
      scopes: ['things:read', 'other:read'],
    }),
    configuredScopes: ['things:read', 'other:read'],
    writeAllowedHosts: [],
  });
  expect(result.cases.map((c) => [c.name, c.outcome, c.severity, c.message])).toEqual([
    ['GET /v1/things requires a token', 'passed', undefined, 'answered 401 without a token'],
    [
      'GET /v1/things refuses a token without things:read',
      'failed',
      'error',
      'answered 404 where 403 was expected: the token lacking things:read got past the scope check (an over-broad grant, or a missing check)',
    ],
    [
      'GET /v1/gone requires a token',
      'skipped',
      'warning',
      'not judged: answered 404 with and without a token, so this host does not serve the path',
    ],
    [
      'GET /v1/gone refuses a token without things:read',
      'skipped',
      'warning',
      'not judged: answered 404 with and without a token, so this host does not serve the path',
    ],
  ]);
});
