/** The sandbox's token store stays bounded under a token flood, and still tells expired from unknown. */
import { clearRegisteredSecrets, MAX_REGISTERED_SECRETS, registeredTokenCount } from '../../../../log/redact';
import { TokenStore } from './token-store';

afterEach(() => clearRegisteredSecrets());

describe('TokenStore', () => {
  it('a flood of 45,000 grants for one client keeps at most maxLivePerClient tokens; the oldest is dropped', () => {
    const store = new TokenStore(3600, () => 0, { maxLivePerClient: 1000 });
    const first = store.issue('flooder', ['cards:read']);
    let last = first;
    for (let i = 0; i < 45_000; i += 1) last = store.issue('flooder', ['cards:read']);
    expect(store.size).toBe(1000);
    expect(store.check(first)).toEqual({ ok: false, reason: 'unknown' });
    expect(store.check(last).ok).toBe(true);
    // The redactor's registry, fed one value per grant, is bounded too.
    expect(registeredTokenCount()).toBe(MAX_REGISTERED_SECRETS);
  });

  it("one client's flood does not evict another client's tokens", () => {
    const store = new TokenStore(3600, () => 0, { maxLivePerClient: 10 });
    const other = store.issue('quiet', ['cards:read']);
    for (let i = 0; i < 100; i += 1) store.issue('flooder', ['cards:read']);
    expect(store.check(other).ok).toBe(true);
    expect(store.size).toBe(11);
  });

  it('sweeps expired tokens continuously once their grace is over, without waiting for a size threshold', () => {
    let now = 0;
    const store = new TokenStore(10, () => now, { graceMs: 5_000, sweepIntervalMs: 1_000 });
    const early = store.issue('a', ['cards:read']);
    store.issue('b', ['cards:read']);
    now = 12_000;
    expect(store.check(early)).toEqual({ ok: false, reason: 'expired' });
    expect(store.size).toBe(2);
    now = 16_000;
    const fresh = store.issue('c', ['cards:read']);
    expect(store.size).toBe(1);
    expect(store.check(early)).toEqual({ ok: false, reason: 'unknown' });
    expect(store.check(fresh).ok).toBe(true);
  });

  it('keeps a revoked token recognisable as revoked', () => {
    const store = new TokenStore(3600, () => 0);
    const token = store.issue('a', ['cards:read']);
    store.revoke(token, 'someone-else');
    expect(store.check(token).ok).toBe(true);
    store.revoke(token, 'a');
    expect(store.check(token)).toEqual({ ok: false, reason: 'revoked' });
  });
});
