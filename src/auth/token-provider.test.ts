/**
 * The token provider against a real token endpoint on loopback: the grant as Ramp does it, the cache
 * per scope set, single flight, refresh before expiry, the refusal messages and revocation.
 */
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { AuditTrail, verifyAuditFile } from '../audit';
import { TokenError } from '../errors';
import { startLocalTestServer, type LocalTestServer } from '../http/local-test-server';
import { sendJson } from '../http/respond';
import { MASK, redact } from '../log/redact';
import { refreshBufferMs } from './refresh-buffer';
import { TokenProvider } from './token-provider';

const CLIENT_ID = 'client-under-test';
const CLIENT_SECRET = 'secret-under-test-0123456789';

let server: LocalTestServer;
let minted = 0;
let behaviour: {
  status?: number;
  body?: Record<string, unknown>;
  delayMs?: number;
  omitScope?: boolean;
  expiresIn?: number;
} = {};

beforeEach(async () => {
  minted = 0;
  behaviour = {};
  server = await startLocalTestServer(async (req, res) => {
    if (behaviour.delayMs) await new Promise((r) => setTimeout(r, behaviour.delayMs));
    if (req.url === '/token/revoke') return sendJson(res, behaviour.status ?? 200, {});
    if (behaviour.status) return sendJson(res, behaviour.status, behaviour.body ?? {});
    minted += 1;
    const scope = new URLSearchParams(req.body).get('scope') ?? '';
    sendJson(
      res,
      200,
      {
        access_token: `ramp_tok_test${minted}abcdef`,
        token_type: 'Bearer',
        expires_in: behaviour.expiresIn ?? 3600,
        ...(behaviour.omitScope ? {} : { scope }),
      },
      { 'x-trace-id': `trace-${minted}` },
    );
  });
});

afterEach(async () => {
  await server.close();
});

function provider(extra: Partial<ConstructorParameters<typeof TokenProvider>[0]> = {}): TokenProvider {
  return new TokenProvider({
    tokenUrl: `${server.url}/token`,
    clientId: CLIENT_ID,
    clientSecret: CLIENT_SECRET,
    scopes: ['users:read', 'cards:read'],
    ...extra,
  });
}

describe('the client-credentials grant', () => {
  it('posts Basic client credentials and a form body with the scopes space-separated', async () => {
    const token = await provider().getToken();
    const [request] = server.requests;
    expect(request?.method).toBe('POST');
    expect(request?.headers.authorization).toBe(
      `Basic ${Buffer.from(`${CLIENT_ID}:${CLIENT_SECRET}`).toString('base64')}`,
    );
    expect(request?.headers['content-type']).toBe('application/x-www-form-urlencoded');
    expect(Object.fromEntries(new URLSearchParams(request?.body))).toEqual({
      grant_type: 'client_credentials',
      scope: 'cards:read users:read',
    });
    expect(token).toMatchObject({
      value: 'ramp_tok_test1abcdef',
      lifetimeSeconds: 3600,
      requestedScopes: ['cards:read', 'users:read'],
    });
    expect(token.fingerprint).toMatch(/^[0-9a-f]{8}$/);
  });

  it('registers the token, the client secret and the Basic credential with the redactor', async () => {
    const token = await provider().getToken();
    const basic = Buffer.from(`${CLIENT_ID}:${CLIENT_SECRET}`).toString('base64');
    expect(redact(`a ${token.value} b ${CLIENT_SECRET} c ${basic}`)).toBe(`a ${MASK} b ${MASK} c ${MASK}`);
  });
});

describe('the cache', () => {
  it('reuses a token per scope set, whatever the order the scopes are given in', async () => {
    const tokens = provider();
    const first = await tokens.getToken({ scopes: ['a:read', 'b:read'] });
    const again = await tokens.getToken({ scopes: ['b:read', 'a:read', 'a:read'] });
    const other = await tokens.getToken({ scopes: ['a:read'] });
    expect(again.value).toBe(first.value);
    expect(other.value).not.toBe(first.value);
    expect(tokens.tokenRequests).toBe(2);
  });

  it('shares one grant request among 50 concurrent callers', async () => {
    behaviour.delayMs = 50;
    const tokens = provider();
    const results = await Promise.all(Array.from({ length: 50 }, () => tokens.getToken()));
    expect(new Set(results.map((t) => t.value)).size).toBe(1);
    expect(tokens.tokenRequests).toBe(1);
    expect(server.requests).toHaveLength(1);
  });

  it('shares a failure among concurrent callers, then tries again for the next caller', async () => {
    behaviour = { status: 503, body: {}, delayMs: 30 };
    const tokens = provider();
    const outcomes = await Promise.allSettled(Array.from({ length: 10 }, () => tokens.getToken()));
    expect(outcomes.every((o) => o.status === 'rejected')).toBe(true);
    expect(server.requests).toHaveLength(1);
    behaviour = {};
    await expect(tokens.getToken()).resolves.toMatchObject({ value: 'ramp_tok_test1abcdef' });
    expect(tokens.tokenRequests).toBe(2);
  });

  it('mints a new token once the refresh point (expiry minus the buffer) is reached, not before', async () => {
    let clock = 1_000_000;
    behaviour.expiresIn = 60;
    const tokens = provider({ now: () => clock });
    const first = await tokens.getToken();
    expect(first.expiresAt).toBe(1_000_000 + 60_000);
    expect(first.refreshAt).toBe(1_000_000 + 54_000);
    clock = first.refreshAt - 1;
    expect((await tokens.getToken()).value).toBe(first.value);
    clock = first.refreshAt;
    const second = await tokens.getToken();
    expect(second.value).not.toBe(first.value);
    expect(tokens.tokenRequests).toBe(2);
  });

  it('invalidate drops the rejected token but never its replacement', async () => {
    const tokens = provider();
    const first = await tokens.getToken();
    tokens.invalidate(first);
    const second = await tokens.getToken();
    expect(second.value).not.toBe(first.value);
    tokens.invalidate(first.value);
    expect((await tokens.getToken()).value).toBe(second.value);
    expect(tokens.tokenRequests).toBe(2);
  });
});

describe('refreshBufferMs', () => {
  it.each([
    [864_000, 300_000],
    [3_600, 300_000],
    [600, 60_000],
    [60, 6_000],
    [10, 2_000],
    [2, 1_000],
    [1, 500],
  ])('a %i s token is replaced %i ms before it expires', (lifetime, buffer) => {
    expect(refreshBufferMs(lifetime)).toBe(buffer);
  });

  it('is never more than half of the lifetime', () => {
    for (let lifetime = 0.5; lifetime < 100_000; lifetime *= 1.7) {
      expect(refreshBufferMs(lifetime)).toBeLessThanOrEqual((lifetime * 1000) / 2);
    }
  });
});

describe('refusals', () => {
  it('names the URL, the status and the OAuth code, never the body or the secret', async () => {
    behaviour = {
      status: 401,
      body: { error: 'invalid_client', error_description: `client ${CLIENT_SECRET} unknown BODY-MARKER` },
    };
    const error = await provider()
      .getToken()
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TokenError);
    const tokenError = error as TokenError;
    expect(tokenError).toMatchObject({
      status: 401,
      oauthError: 'invalid_client',
      tokenUrl: `${server.url}/token`,
      exitCode: 2,
    });
    expect(tokenError.message).toBe(
      `the token endpoint ${server.url}/token refused the grant: HTTP 401 invalid_client (check RAMP_CLIENT_ID and RAMP_CLIENT_SECRET)`,
    );
    expect(tokenError.message).not.toContain('BODY-MARKER');
  });

  it('says there is no token endpoint at a URL that answers 404 without an OAuth error', async () => {
    behaviour = { status: 404, body: { message: 'Not Found' } };
    const error = (await provider()
      .getToken()
      .catch((e: unknown) => e)) as TokenError;
    expect(error).toBeInstanceOf(TokenError);
    expect(error.message).toBe(
      `the token URL ${server.url}/token answered HTTP 404: no token endpoint there (check RAMP_TOKEN_URL, or STAGING_BASE_URL when it is unset)`,
    );
    expect(error.status).toBe(404);
  });

  it('says so when the endpoint cannot be reached', async () => {
    const url = server.url;
    await server.close();
    const error = (await new TokenProvider({
      tokenUrl: `${url}/token`,
      clientId: CLIENT_ID,
      clientSecret: CLIENT_SECRET,
      scopes: [],
    })
      .getToken()
      .catch((e: unknown) => e)) as TokenError;
    expect(error).toBeInstanceOf(TokenError);
    expect(error.message).toBe(`cannot reach the token endpoint ${url}/token: ECONNREFUSED`);
    expect(error.status).toBeUndefined();
    server = await startLocalTestServer((_req, res) => sendJson(res, 200, {}));
  });

  it('refuses to send credentials over plain http to anything but loopback', () => {
    expect(
      () =>
        new TokenProvider({
          tokenUrl: 'http://staging.example.com/token',
          clientId: 'x',
          clientSecret: 'y-secret',
          scopes: [],
        }),
    ).toThrow(/must be https/);
  });

  it('refuses a 200 without an access token', async () => {
    behaviour = { status: 200, body: { token_type: 'Bearer' } };
    await expect(provider().getToken()).rejects.toThrow(/HTTP 200 without an access_token/);
  });
});

describe('scope drift', () => {
  it('compares granted with requested scopes', async () => {
    const tokens = provider();
    await tokens.getToken();
    expect(tokens.scopeDrift()).toEqual([
      {
        scopeSet: 'cards:read users:read',
        requested: ['cards:read', 'users:read'],
        granted: ['cards:read', 'users:read'],
        missing: [],
        extra: [],
        note: null,
      },
    ]);
  });

  it('lists what is missing when the provider grants less', async () => {
    const tokens = provider({ scopes: ['cards:read', 'users:read'] });
    server.requests.length = 0;
    behaviour = {
      status: 200,
      body: {
        access_token: 'ramp_tok_partial123',
        token_type: 'bearer',
        expires_in: 60,
        scope: 'users:read business:read',
      },
    };
    await tokens.getToken();
    expect(tokens.scopeDrift()[0]).toMatchObject({
      granted: ['business:read', 'users:read'],
      missing: ['cards:read'],
      extra: ['business:read'],
    });
  });

  it('leaves the decision to the probes when the provider does not report scopes', async () => {
    behaviour.omitScope = true;
    const tokens = provider();
    await tokens.getToken();
    expect(tokens.scopeDrift()[0]).toMatchObject({
      granted: null,
      missing: [],
      extra: [],
      note: expect.stringMatching(/^not reported by provider/),
    });
  });
});

describe('revocation and the audit trail', () => {
  let dir: string;
  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'rampart-auth-'));
  });
  afterEach(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('revokes every minted token once and audits grants and revocations by fingerprint', async () => {
    const file = join(dir, 'nested', 'audit.jsonl');
    const audit = await AuditTrail.open(file);
    const tokens = provider({ audit });
    const a = await tokens.getToken();
    const b = await tokens.getToken({ scopes: ['limits:read'] });
    const result = await tokens.revokeAll();
    expect(result).toEqual({ attempted: 2, revoked: 2, errors: [] });
    const revokes = server.requests.filter((r) => r.url === '/token/revoke');
    expect(revokes.map((r) => new URLSearchParams(r.body).get('token')).sort()).toEqual([a.value, b.value].sort());
    expect(revokes.every((r) => r.headers.authorization?.startsWith('Basic '))).toBe(true);
    expect(await tokens.revokeAll()).toEqual({ attempted: 0, revoked: 0, errors: [] });
    await audit.close();

    const text = await readFile(file, 'utf8');
    expect(text).not.toContain(a.value);
    expect(text).not.toContain(CLIENT_SECRET);
    const kinds = text
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as { kind: string; tokenFingerprint: string | null; traceId: string | null });
    expect(kinds.map((k) => k.kind)).toEqual(['start', 'token', 'token', 'revoke', 'revoke', 'close']);
    expect(kinds[1]).toMatchObject({ tokenFingerprint: a.fingerprint, traceId: 'trace-1' });
    expect((await verifyAuditFile(file)).ok).toBe(true);
  });

  it('collects revocation failures instead of throwing', async () => {
    const tokens = provider();
    const token = await tokens.getToken();
    behaviour = { status: 503 };
    const result = await tokens.revokeAll();
    expect(result.revoked).toBe(0);
    expect(result.errors).toEqual([`revoking token ${token.fingerprint} at ${server.url}/token/revoke: HTTP 503`]);
  });
});
