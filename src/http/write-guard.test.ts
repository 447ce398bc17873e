/** The write guard decides before a byte is sent; these cases need no network at all. */
import { WriteRefusedError } from '../errors';
import { isLoopbackHost, pathTemplate, redactUrl } from './url';
import { assertRequestAllowed, isWriteAllowed } from './write-guard';

describe('assertRequestAllowed', () => {
  const allowed = ['staging.example.com', '127.0.0.1:4010', '[::1]'];

  it.each([
    ['GET', 'https://api.ramp.com/developer/v1/users'],
    ['HEAD', 'https://anything.example.org/'],
    ['POST', 'https://staging.example.com/developer/v1/departments'],
    ['DELETE', 'https://STAGING.example.com:8443/x'],
    ['put', 'http://127.0.0.1:4010/developer/v1/users/1'],
    ['PATCH', 'http://[::1]:9999/x'],
    ['GET', 'http://localhost:3000/x'],
    ['GET', 'http://127.8.9.10/x'],
  ])('allows %s %s', (method, url) => {
    expect(() => assertRequestAllowed(method, url, allowed)).not.toThrow();
  });

  it.each([
    [
      'POST',
      'https://api.ramp.com/developer/v1/departments',
      'refused POST to api.ramp.com: writes go only to hosts listed in RAMPART_WRITE_HOSTS (staging.example.com, 127.0.0.1:4010, [::1])',
    ],
    [
      'patch',
      'http://127.0.0.1:4011/x',
      'refused PATCH to 127.0.0.1:4011: writes go only to hosts listed in RAMPART_WRITE_HOSTS (staging.example.com, 127.0.0.1:4010, [::1])',
    ],
    [
      'PUT',
      'https://staging.example.com.evil.test/x',
      'refused PUT to staging.example.com.evil.test: writes go only to hosts listed in RAMPART_WRITE_HOSTS (staging.example.com, 127.0.0.1:4010, [::1])',
    ],
    [
      'GET',
      'http://staging.example.com/x',
      'refused GET to staging.example.com: plain http is only allowed to loopback hosts; use https',
    ],
    [
      'POST',
      'http://staging.example.com/x',
      'refused POST to staging.example.com: plain http is only allowed to loopback hosts; use https',
    ],
    [
      'GET',
      'http://127.0.0.1.nip.io/x',
      'refused GET to 127.0.0.1.nip.io: plain http is only allowed to loopback hosts; use https',
    ],
    ['GET', 'ftp://127.0.0.1/x', 'refused GET to 127.0.0.1: ftp: is not supported; use https'],
    ['GET', '/relative/path', 'refused GET to /relative/path: not an absolute URL'],
  ])('refuses %s %s', (method, url, message) => {
    expect(() => assertRequestAllowed(method, url, allowed)).toThrow(WriteRefusedError);
    expect(() => assertRequestAllowed(method, url, allowed)).toThrow(message);
  });

  it('matches a host:port entry against the scheme default port', () => {
    expect(() =>
      assertRequestAllowed('POST', 'https://staging.example.com/x', ['staging.example.com:443']),
    ).not.toThrow();
    expect(() =>
      assertRequestAllowed('POST', 'https://staging.example.com:8443/x', ['staging.example.com:443']),
    ).toThrow(WriteRefusedError);
  });

  it('refuses every write when no host is listed', () => {
    expect(() => assertRequestAllowed('DELETE', 'http://127.0.0.1/x', [])).toThrow('(none listed)');
  });

  it('isWriteAllowed answers the same question without throwing', () => {
    expect(isWriteAllowed('https://staging.example.com/developer/v1', allowed)).toBe(true);
    expect(isWriteAllowed('https://api.ramp.com/developer/v1', allowed)).toBe(false);
    expect(isWriteAllowed('http://staging.example.com/x', ['staging.example.com'])).toBe(false);
    expect(isWriteAllowed('not a url', allowed)).toBe(false);
  });
});

describe('url helpers', () => {
  it('redactUrl drops user info and masks secret query values only', () => {
    expect(redactUrl('https://user:pw@api.example.com/x?page_size=2&access_token=abc&signature=zz')).toBe(
      'https://api.example.com/x?page_size=2&access_token=[REDACTED]&signature=[REDACTED]',
    );
  });

  it('isLoopbackHost knows 127/8, ::1 and localhost, and nothing else', () => {
    expect(
      ['127.0.0.1', '127.1.2.3', '[::1]', '::1', 'localhost', 'LOCALHOST', '[::ffff:7f00:1]'].every(isLoopbackHost),
    ).toBe(true);
    expect(['128.0.0.1', '10.0.0.1', 'localhost.example.com', '127.0.0.1.nip.io', '[::2]'].some(isLoopbackHost)).toBe(
      false,
    );
  });

  it('pathTemplate replaces ids with {id}', () => {
    expect(pathTemplate('http://h/developer/v1/cards/0b7ec5f4-6c0e-4d71-9b0b-3b8c4b5a1d2e?x=1')).toBe(
      '/developer/v1/cards/{id}',
    );
    expect(pathTemplate('http://h/developer/v1/users/42/limits')).toBe('/developer/v1/users/{id}/limits');
    expect(pathTemplate('http://h/developer/v1/cards/deferred/status')).toBe('/developer/v1/cards/deferred/status');
  });
});
