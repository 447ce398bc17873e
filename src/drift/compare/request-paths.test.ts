/** Full request paths: the servers' base path, the user's prefixes, and what is stripped. */
import { requestPathMapper } from './request-paths';

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
