import { manualClock } from '../../../testing/manual-clock';
import { READ_SCOPES, startSandbox, type RunningSandbox } from './index';
import { api, requestToken } from './testing';

/**
 * The short-lived client exists so token expiry can be probed in seconds: its tokens carry their own
 * lifetime, while the demo client's keep the sandbox's.
 */
describe('sandbox short-lived client', () => {
  let sandbox: RunningSandbox;
  const clock = manualClock();
  beforeAll(async () => {
    sandbox = await startSandbox({ shortLivedTokenTtlSeconds: 1, clock: clock.now });
  });
  afterAll(() => sandbox.close());

  it('holds the read scopes and announces its own token lifetime', async () => {
    expect(sandbox.clients.shortLived.scopes).toEqual(READ_SCOPES);
    expect(sandbox.clients.shortLived.clientId).not.toBe(sandbox.clients.demo.clientId);
    const short = await requestToken(sandbox, sandbox.clients.shortLived, ['business:read']);
    const demo = await requestToken(sandbox, sandbox.clients.demo, ['business:read']);
    expect(short.body.expires_in).toBe(1);
    expect(demo.body.expires_in).toBe(3600);
  });

  it('its tokens are refused as invalid_token once they expire', async () => {
    const reply = await requestToken(sandbox, sandbox.clients.shortLived, ['business:read']);
    const token = reply.body.access_token;
    expect((await api(sandbox, token, '/developer/v1/business')).status).toBe(200);
    await clock.sleep(1_000);
    const expired = await api(sandbox, token, '/developer/v1/business');
    expect(expired.status).toBe(401);
    expect(expired.headers.get('www-authenticate')).toContain('error="invalid_token"');
  });

  it('rejects a lifetime that is not a whole number of seconds', async () => {
    await expect(startSandbox({ shortLivedTokenTtlSeconds: 0.5 })).rejects.toThrow(/shortLivedTokenTtlSeconds/);
  });
});
