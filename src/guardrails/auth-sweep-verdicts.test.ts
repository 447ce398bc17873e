import { TokenProvider } from '../auth';
import { startLocalTestServer, type LocalTestServer } from '../http/local-test-server';
import { sendJson } from '../http/respond';
import { runAuthSweep, type AuthSweepResult } from './auth-sweep';
import { specOperations } from './spec-operations';

/** How the sweep reads a provider's answers that are neither 401 without a token nor 403 without a scope. */

let server: LocalTestServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

/** GET operations at `paths`, each needing things:read. */
const thingsOperations = (...paths: string[]) =>
  specOperations({
    source: 'things.json',
    version: '3.0',
    document: {
      openapi: '3.0.3',
      info: { title: 'things', version: '1' },
      paths: Object.fromEntries(
        paths.map((path) => [
          path,
          { get: { security: [{ oauth2: ['things:read'] }], responses: { '200': { description: 'ok' } } } },
        ]),
      ),
      components: { securitySchemes: { oauth2: { type: 'oauth2', flows: {} } } },
    },
  });

/** Sweeps `paths` on a provider whose token endpoint names each token after its scopes; `answer` gives the API's status. */
async function sweep(
  paths: string[],
  answer: (url: string, authorization: string | undefined) => number,
): Promise<AuthSweepResult> {
  server = await startLocalTestServer((request, response) => {
    if (request.url === '/token') {
      const scopes = new URLSearchParams(request.body).get('scope') ?? '';
      sendJson(response, 200, { access_token: `tok_${scopes.replace(/\W/g, '_')}`, expires_in: 3600 });
      return;
    }
    sendJson(response, answer(request.url, request.headers.authorization), {});
  });
  return runAuthSweep({
    baseUrl: server.url,
    stage: 'pilot',
    operations: thingsOperations(...paths),
    tokenProvider: new TokenProvider({
      tokenUrl: `${server.url}/token`,
      clientId: 'c',
      clientSecret: 's3cret-sweep',
      scopes: ['things:read', 'other:read'],
    }),
    configuredScopes: ['things:read', 'other:read'],
    writeAllowedHosts: [],
  });
}

const verdicts = (result: AuthSweepResult) => result.cases.map((c) => [c.name, c.outcome, c.severity, c.message]);

it('fails a 401 to a token lacking the scope, saying the token was refused as invalid, not that it got past the check', async () => {
  // The API accepts a token with things:read and refuses any other as invalid.
  const result = await sweep(['/v1/things'], (_url, authorization) =>
    authorization?.includes('things_read') === true ? 200 : 401,
  );
  expect(verdicts(result)).toEqual([
    ['GET /v1/things requires a token', 'passed', undefined, 'answered 401 without a token'],
    [
      'GET /v1/things refuses a token without things:read',
      'failed',
      'error',
      'answered 401 where 403 was expected: the token lacking things:read was refused as invalid, not for the scope it lacks (clients would mint new tokens in vain)',
    ],
  ]);
});

it('does not judge the scope check of a path the host does not serve, and still fails a 404 past an auth check', async () => {
  // Like Ramp's framework: an unknown path is 404 before any auth check. /v1/gone is in the document only;
  // /v1/things checks the token, then answers 404 to a token lacking things:read (a missing scope check).
  const result = await sweep(['/v1/things', '/v1/gone'], (url, authorization) =>
    !url.startsWith('/v1/things') ? 404 : authorization ? 404 : 401,
  );
  expect(verdicts(result)).toEqual([
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
