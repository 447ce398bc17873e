import { loadConfig } from '../../../config';
import { clearRegisteredSecrets, redact } from '../../../log/redact';
import { manualClock } from '../../../testing/manual-clock';
import { ALL_SCOPES, READ_SCOPES, sandboxClients, startSandbox, type RunningSandbox } from './index';
import { api, basicAuth, call, mintToken, requestToken } from './testing';

/**
 * The sandbox's OAuth2 client-credentials endpoint behaves as RFC 6749/7009 and Ramp document it:
 * tokens are opaque, scoped at issue, expire, can be revoked, and every refusal has the standard code.
 */

const TRANSACTIONS = '/developer/v1/transactions';

describe('sandbox OAuth2 token endpoint', () => {
  let sandbox: RunningSandbox;
  beforeAll(async () => {
    sandbox = await startSandbox();
  });
  afterAll(() => sandbox.close());

  const post = (body: string, headers: Record<string, string>) =>
    call(sandbox.tokenUrl, { method: 'POST', headers, body });
  const demoForm = (body: string) =>
    post(body, { authorization: basicAuth(sandbox.clients.demo), 'content-type': 'application/x-www-form-urlencoded' });

  it('grants a Bearer token for a form-urlencoded client-credentials request', async () => {
    const reply = await requestToken(sandbox, sandbox.clients.demo, ['transactions:read', 'cards:read']);
    expect(reply.status).toBe(200);
    expect(reply.body).toEqual({
      access_token: expect.stringMatching(/^ramp_tok_[A-Za-z0-9_-]{30,}$/),
      token_type: 'Bearer',
      expires_in: 3600,
      scope: 'transactions:read cards:read',
    });
    expect(reply.headers.get('cache-control')).toBe('no-store');
    expect(reply.headers.get('x-trace-id')).toMatch(/^[0-9a-f]{32}$/);
    const list = await api(sandbox, reply.body.access_token, TRANSACTIONS);
    expect(list.status).toBe(200);
  });

  it('accepts a JSON body too', async () => {
    const reply = await post(JSON.stringify({ grant_type: 'client_credentials', scope: 'users:read' }), {
      authorization: basicAuth(sandbox.clients.demo),
      'content-type': 'application/json',
    });
    expect(reply.status).toBe(200);
    expect(reply.body.scope).toBe('users:read');
  });

  it('issues a different opaque token on every grant', async () => {
    const first = await mintToken(sandbox, sandbox.clients.demo, ['users:read']);
    const second = await mintToken(sandbox, sandbox.clients.demo, ['users:read']);
    expect(first).not.toBe(second);
  });

  it.each([
    ['no Authorization header', {}],
    ['a wrong secret', { authorization: 'WRONG' }],
    ['an unknown client id', { authorization: basicAuth({ clientId: 'nobody', clientSecret: 'whatever' }) }],
    ['a Bearer instead of Basic credential', { authorization: 'Bearer ramp_tok_abc' }],
  ])(
    'answers 401 invalid_client with WWW-Authenticate: Basic for %s',
    async (_case, headers: Record<string, string>) => {
      const authorization =
        headers.authorization === 'WRONG'
          ? basicAuth({ clientId: sandbox.clients.demo.clientId, clientSecret: 'not-the-secret' })
          : headers.authorization;
      const reply = await post('grant_type=client_credentials&scope=users:read', {
        'content-type': 'application/x-www-form-urlencoded',
        ...(authorization && { authorization }),
      });
      expect(reply.status).toBe(401);
      expect(reply.body.error).toBe('invalid_client');
      expect(reply.headers.get('www-authenticate')).toMatch(/^Basic /);
      expect(reply.headers.get('x-trace-id')).toBeTruthy();
    },
  );

  it('answers 400 unsupported_grant_type for any grant other than client_credentials', async () => {
    const reply = await demoForm('grant_type=password&scope=users:read');
    expect(reply.status).toBe(400);
    expect(reply.body).toEqual({
      error: 'unsupported_grant_type',
      error_description: expect.stringContaining('password'),
    });
  });

  it.each([
    ['a missing grant_type', 'scope=users:read'],
    ['a missing scope', 'grant_type=client_credentials'],
    ['a repeated parameter', 'grant_type=client_credentials&scope=users:read&scope=cards:read'],
  ])('answers 400 invalid_request for %s', async (_case, body) => {
    const reply = await demoForm(body);
    expect(reply.status).toBe(400);
    expect(reply.body.error).toBe('invalid_request');
  });

  it('answers 400 invalid_request for malformed JSON and for an unsupported content type', async () => {
    const auth = { authorization: basicAuth(sandbox.clients.demo) };
    const malformed = await post('{"grant_type":', { ...auth, 'content-type': 'application/json' });
    expect(malformed.status).toBe(400);
    expect(malformed.body.error).toBe('invalid_request');
    const xml = await post('<grant/>', { ...auth, 'content-type': 'application/xml' });
    expect(xml.status).toBe(400);
    expect(xml.body.error).toBe('invalid_request');
  });

  it('answers 400 invalid_scope for an unknown scope and for a scope the client may not have', async () => {
    const unknown = await requestToken(sandbox, sandbox.clients.demo, ['transactions:read', 'spaceships:launch']);
    expect(unknown.status).toBe(400);
    expect(unknown.body).toEqual({
      error: 'invalid_scope',
      error_description: expect.stringContaining('spaceships:launch'),
    });
    const notAllowed = await requestToken(sandbox, sandbox.clients.readOnly, ['users:read', 'users:write']);
    expect(notAllowed.status).toBe(400);
    expect(notAllowed.body).toEqual({
      error: 'invalid_scope',
      error_description: expect.stringContaining('users:write'),
    });
  });

  it('gives the demo client every scope and the read-only client only the :read ones', async () => {
    expect(sandbox.clients.demo.scopes).toEqual([...ALL_SCOPES]);
    expect(sandbox.clients.readOnly.scopes).toEqual(READ_SCOPES);
    expect(READ_SCOPES.every((scope) => scope.endsWith(':read'))).toBe(true);
    expect(READ_SCOPES).toContain('transactions:read');
    const reply = await requestToken(sandbox, sandbox.clients.readOnly, READ_SCOPES);
    expect(reply.status).toBe(200);
    expect(reply.body.scope.split(' ')).toEqual([...READ_SCOPES]);
  });

  it('revokes a token (RFC 7009) so the API then answers 401 invalid_token', async () => {
    const token = await mintToken(sandbox, sandbox.clients.demo, ['transactions:read']);
    expect((await api(sandbox, token, TRANSACTIONS)).status).toBe(200);
    const revoke = await call(`${sandbox.tokenUrl}/revoke`, {
      method: 'POST',
      headers: { authorization: basicAuth(sandbox.clients.demo), 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ token, token_type_hint: 'access_token' }).toString(),
    });
    expect(revoke.status).toBe(200);
    expect(revoke.text).toBe('');
    const after = await api(sandbox, token, TRANSACTIONS);
    expect(after.status).toBe(401);
    expect(after.headers.get('www-authenticate')).toContain('error="invalid_token"');
    expect(after.body.error_v2.message).toMatch(/revoked/);
  });

  it('answers 200 when revoking an unknown token, and ignores a revocation by another client', async () => {
    const revokeAs = (client: typeof sandbox.clients.demo, token: string) =>
      call(`${sandbox.tokenUrl}/revoke`, {
        method: 'POST',
        headers: { authorization: basicAuth(client), 'content-type': 'application/x-www-form-urlencoded' },
        body: `token=${encodeURIComponent(token)}`,
      });
    expect((await revokeAs(sandbox.clients.demo, 'ramp_tok_never_issued')).status).toBe(200);
    const token = await mintToken(sandbox, sandbox.clients.demo, ['transactions:read']);
    expect((await revokeAs(sandbox.clients.readOnly, token)).status).toBe(200);
    expect((await api(sandbox, token, TRANSACTIONS)).status).toBe(200);
  });

  it('refuses a revocation without client authentication or without a token', async () => {
    const anonymous = await call(`${sandbox.tokenUrl}/revoke`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: 'token=x',
    });
    expect(anonymous.status).toBe(401);
    expect(anonymous.body.error).toBe('invalid_client');
    const empty = await call(`${sandbox.tokenUrl}/revoke`, {
      method: 'POST',
      headers: { authorization: basicAuth(sandbox.clients.demo), 'content-type': 'application/x-www-form-urlencoded' },
      body: '',
    });
    expect(empty.status).toBe(400);
    expect(empty.body.error).toBe('invalid_request');
  });

  it.each([
    ['a missing token', null, /Missing access token/],
    ['a malformed Authorization header', 'Token abc', /Malformed/],
    ['an unknown token', 'Bearer ramp_tok_not_a_real_one', /not valid/],
  ])('answers 401 invalid_token in Ramp error shape for %s', async (_case, authorization, message) => {
    const reply = await api(sandbox, null, TRANSACTIONS, authorization ? { headers: { authorization } } : {});
    expect(reply.status).toBe(401);
    expect(reply.headers.get('www-authenticate')).toMatch(/^Bearer error="invalid_token"/);
    expect(reply.body.error_v2).toEqual({
      error_code: 'DEVELOPER_7101',
      message: expect.stringMatching(message),
      additional_info: null,
      notes: '',
    });
  });

  it('registers every issued token and client secret with the redactor', async () => {
    const token = await mintToken(sandbox, sandbox.clients.demo, ['users:read']);
    expect(redact(`token ${token} secret ${sandbox.clients.demo.clientSecret}`)).not.toContain(token);
    expect(redact(`secret ${sandbox.clients.readOnly.clientSecret}`)).not.toContain(
      sandbox.clients.readOnly.clientSecret,
    );
  });
});

describe('sandbox token lifetime', () => {
  let sandbox: RunningSandbox;
  afterEach(() => sandbox?.close());

  it('expires tokens after the configured TTL', async () => {
    const clock = manualClock();
    sandbox = await startSandbox({ tokenTtlSeconds: 1, clock: clock.now });
    const reply = await requestToken(sandbox, sandbox.clients.demo, ['transactions:read']);
    expect(reply.body.expires_in).toBe(1);
    expect((await api(sandbox, reply.body.access_token, TRANSACTIONS)).status).toBe(200);
    await clock.sleep(999);
    expect((await api(sandbox, reply.body.access_token, TRANSACTIONS)).status).toBe(200);
    await clock.sleep(1);
    const expired = await api(sandbox, reply.body.access_token, TRANSACTIONS);
    expect(expired.status).toBe(401);
    expect(expired.body.error_v2.message).toMatch(/expired/);
    expect(expired.headers.get('www-authenticate')).toContain('error="invalid_token"');
  });
});

describe('sandbox client credentials', () => {
  let sandbox: RunningSandbox | undefined;
  afterEach(async () => {
    await sandbox?.close();
    sandbox = undefined;
    clearRegisteredSecrets();
  });

  it('takes the demo client from RAMP_CLIENT_ID / RAMP_CLIENT_SECRET and the read-only one from RAMP_READONLY_*', async () => {
    const config = loadConfig({
      env: {
        RAMP_CLIENT_ID: 'env-demo',
        RAMP_CLIENT_SECRET: 'env-demo-secret',
        RAMP_READONLY_CLIENT_ID: 'env-ro',
        RAMP_READONLY_CLIENT_SECRET: 'env-ro-secret',
      },
      envFile: null,
    });
    sandbox = await startSandbox(sandboxClients(config));
    expect(sandbox.clients.demo).toMatchObject({ clientId: 'env-demo', clientSecret: 'env-demo-secret' });
    expect(sandbox.clients.readOnly).toMatchObject({ clientId: 'env-ro', clientSecret: 'env-ro-secret' });
    expect(
      (await requestToken(sandbox, { clientId: 'env-demo', clientSecret: 'env-demo-secret' }, ['cards:write'])).status,
    ).toBe(200);
  });

  it('generates the credentials the config does not name, and registers every secret with the redactor', async () => {
    sandbox = await startSandbox({
      ...sandboxClients(
        loadConfig({ env: { RAMP_CLIENT_ID: 'env-demo', RAMP_CLIENT_SECRET: 'env-demo-secret' }, envFile: null }),
      ),
      demoClient: { clientId: 'canary-client', clientSecret: 'canary-secret-1234' },
    });
    expect(sandbox.clients.demo.clientId).toBe('canary-client');
    expect(sandbox.clients.readOnly.clientId).toMatch(/^sandbox_readonly_[0-9a-f]{12}$/);
    expect(sandbox.clients.readOnly.clientSecret.length).toBeGreaterThanOrEqual(32);
    expect(redact('canary-secret-1234')).toBe('[REDACTED]');
  });
});
