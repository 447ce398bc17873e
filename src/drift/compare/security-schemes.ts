/**
 * What a security scheme demands of a client, independent of the key it is declared under: a
 * scheme renamed from `OAuth 2.0` to `oauth2` demands the same thing. Token URLs, flows and scopes are not
 * part of the signature: token URLs and scopes are compared as changes of their own.
 */
import { deref, isObject, type DocContext, type JsonObject } from '../../openapi/load/index';

function signatureOf(scheme: JsonObject): string {
  const type = typeof scheme.type === 'string' ? scheme.type.toLowerCase() : '';
  switch (type) {
    // Flows are not part of it: a client holding a token from one flow still holds one when the provider
    // documents a second flow (Ramp's document lists authorizationCode beside clientCredentials).
    case 'oauth2':
      return 'oauth2()';
    case 'http':
      return `http(${typeof scheme.scheme === 'string' ? scheme.scheme.toLowerCase() : ''})`;
    case 'apikey':
      return `apiKey(${String(scheme.in)}:${typeof scheme.name === 'string' ? scheme.name.toLowerCase() : ''})`;
    case 'openidconnect':
      return `openIdConnect(${String(scheme.openIdConnectUrl)})`;
    default:
      return `${type}()`;
  }
}

/** Signature of each scheme name of a document's `components.securitySchemes`, memoised. */
export function schemeSignatures(document: JsonObject, ctx: DocContext): (name: string) => string {
  const components = isObject(document.components) ? document.components : {};
  const schemes = isObject(components.securitySchemes) ? components.securitySchemes : {};
  const memo = new Map<string, string>();
  return (name) => {
    let signature = memo.get(name);
    if (signature === undefined) {
      const scheme = Object.prototype.hasOwnProperty.call(schemes, name) ? deref(schemes[name], ctx).value : undefined;
      // an undeclared scheme is only known by its name
      signature = isObject(scheme) ? signatureOf(scheme) : `undeclared(${name})`;
      memo.set(name, signature);
    }
    return signature;
  };
}
