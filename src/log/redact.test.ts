import { clearRegisteredSecrets, MASK, redact, redactDeep, registerSecret } from './redact';

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
    expect(redact('{"access_token":"xyz","token_type":"Bearer"}')).toBe(`{"access_token":"${MASK}","token_type":"Bearer"}`);
    expect(redact('grant_type=client_credentials&client_secret=hunter22')).toBe(`grant_type=client_credentials&client_secret=${MASK}`);
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
