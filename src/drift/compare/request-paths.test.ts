/** Full request paths: the servers' base path, the user's prefixes, and what is stripped. */
import { requestPathMapper, serversBasePath } from './request-paths';

describe('serversBasePath', () => {
  it('is the path every server agrees on, without a trailing slash', () => {
    expect(serversBasePath({ servers: [{ url: 'https://api.ramp.com/developer/v1/' }] })).toBe('/developer/v1');
    expect(serversBasePath({ servers: [{ url: 'https://a.test/v1' }, { url: '/v1' }] })).toBe('/v1');
  });

  it('fills server variables with their defaults', () => {
    expect(
      serversBasePath({
        servers: [
          { url: 'https://{host}/{version}', variables: { host: { default: 'a.test' }, version: { default: 'v2' } } },
        ],
      }),
    ).toBe('/v2');
  });

  it('is empty with no servers, a root server or servers that disagree', () => {
    expect(serversBasePath({})).toBe('');
    expect(serversBasePath({ servers: [{ url: 'https://api.ramp.com' }] })).toBe('');
    expect(serversBasePath({ servers: [{ url: 'https://a.test/v1' }, { url: 'https://a.test/v2' }] })).toBe('');
  });
});

describe('requestPathMapper', () => {
  const doc = { servers: [{ url: 'https://a.test/developer' }] };

  it('joins the servers base path, the prefix and the path', () => {
    expect(requestPathMapper(doc, undefined, undefined)('/cards')).toBe('/developer/cards');
    expect(requestPathMapper(doc, 'v1/', undefined)('/cards')).toBe('/developer/v1/cards');
  });

  it('strips a prefix only at a segment boundary', () => {
    expect(requestPathMapper(doc, undefined, '/developer')('/cards')).toBe('/cards');
    expect(requestPathMapper(doc, undefined, '/dev')('/cards')).toBe('/developer/cards');
    expect(requestPathMapper({}, undefined, '/v1')('/v1')).toBe('/');
  });
});
