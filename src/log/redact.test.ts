import {
  clearRegisteredSecrets,
  MASK,
  MAX_REGISTERED_SECRETS,
  redact,
  redactDeep,
  redactUrl,
  registeredTokenCount,
  registerSecret,
  registerToken,
} from './redact';

afterEach(() => clearRegisteredSecrets());

describe('redact', () => {
  it('masks registered values wherever they appear', () => {
    registerSecret('s3cr3t-canary-value');
    expect(redact('a s3cr3t-canary-value b s3cr3t-canary-value')).toBe(`a ${MASK} b ${MASK}`);
  });

  it('masks credentials by shape even when never registered', () => {
    expect(redact('Authorization: Bearer abc.def-ghi')).toBe(`Authorization: Bearer ${MASK}`);
    expect(redact('authorization: Basic dXNlcjpwYXNz')).toBe(`authorization: Basic ${MASK}`);
    expect(redact('token ramp_tok_9f8e7d6c5b4a')).toBe(`token ${MASK}`);
    expect(redact('WWW-Authenticate: Bearer error="insufficient_scope", scope="cards:read"')).toBe(
      'WWW-Authenticate: Bearer error="insufficient_scope", scope="cards:read"',
    );
    expect(redact('{"access_token":"xyz","token_type":"Bearer"}')).toBe(
      `{"access_token":"${MASK}","token_type":"Bearer"}`,
    );
    expect(redact('grant_type=client_credentials&client_secret=hunter22')).toBe(
      `grant_type=client_credentials&client_secret=${MASK}`,
    );
  });

  it('ignores values too short to be secrets', () => {
    registerSecret('abc');
    expect(redact('abc')).toBe('abc');
  });

  it('redacts every string of a structure', () => {
    registerSecret('canary-token-123');
    expect(redactDeep({ headers: { authorization: 'x canary-token-123' }, list: ['canary-token-123'] })).toEqual({
      headers: { authorization: `x ${MASK}` },
      list: [MASK],
    });
  });
});

describe('URLs', () => {
  it('redact masks the user info of any URL in a text, whatever reaches output', () => {
    expect(redact('fetching http://user:pa55word@127.0.0.1:4010/openapi.json now')).toBe(
      `fetching http://${MASK}@127.0.0.1:4010/openapi.json now`,
    );
    expect(redact('"baseUrl": "https://ci-bot:s3cret@ghe.example.com/api/v3"')).toBe(
      `"baseUrl": "https://${MASK}@ghe.example.com/api/v3"`,
    );
    // A password holding '@' is masked whole, as URL parsers read the authority.
    expect(redact('see https://u:p@ss@host.example/x')).toBe(`see https://${MASK}@host.example/x`);
    expect(redact('mail me at a@b.example, not https://host.example/a@b')).toBe(
      'mail me at a@b.example, not https://host.example/a@b',
    );
  });

  it('redact masks credential-like query parameters and leaves the others', () => {
    expect(redact('GET https://h.example/spec.json?api_key=k-123&page_size=2&sig=abc#top')).toBe(
      `GET https://h.example/spec.json?api_key=${MASK}&page_size=2&sig=${MASK}#top`,
    );
    expect(redact('/cards?state_code=CA&start=abc')).toBe('/cards?state_code=CA&start=abc');
  });

  it('redactUrl drops the user info and masks credential-like query values', () => {
    expect(redactUrl('https://user:pw@api.example.com/x?password=hunter2&page_size=2')).toBe(
      `https://api.example.com/x?password=${MASK}&page_size=2`,
    );
    expect(redactUrl('not a url https://u:p@h.example')).toBe(`not a url https://${MASK}@h.example`);
  });
});

describe('the secret registry', () => {
  it('is bounded for tokens: a flood keeps MAX_REGISTERED_SECRETS of them, dropping the oldest', () => {
    for (let i = 0; i < MAX_REGISTERED_SECRETS + 500; i += 1) registerToken(`flood-token-${i}`);
    expect(registeredTokenCount()).toBe(MAX_REGISTERED_SECRETS);
    expect(redact(`flood-token-${MAX_REGISTERED_SECRETS + 499}`)).toBe(MASK);
    expect(redact('flood-token-0')).toBe('flood-token-0');
  });

  it('never drops a secret, and keeps a token registered again young', () => {
    registerSecret('client-secret-kept');
    registerToken('token-in-use-1');
    for (let i = 0; i < MAX_REGISTERED_SECRETS - 1; i += 1) {
      registerToken(`other-token-${i}`);
      if (i === MAX_REGISTERED_SECRETS - 2) registerToken('token-in-use-1');
    }
    for (let i = 0; i < 10; i += 1) registerToken(`later-token-${i}`);
    expect(redact('client-secret-kept token-in-use-1')).toBe(`${MASK} ${MASK}`);
    expect(redact('other-token-0')).toBe('other-token-0');
  });
});
