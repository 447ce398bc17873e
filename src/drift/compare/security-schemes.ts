/**
 * What a security scheme demands of a client, independent of the key it is declared under: a
 * scheme renamed from `OAuth 2.0` to `oauth2` with the same type and flows demands the same thing.
 * Token URLs and scopes are not part of the signature: they are compared as changes of their own.
 */
import { deref, isObject, type DocContext, type JsonObject } from '../load';

function signatureOf(scheme: JsonObject): string {
  const type = typeof scheme.type === 'string' ? scheme.type.toLowerCase() : '';
  switch (type) {
    case 'oauth2': {
      const flows = isObject(scheme.flows) ? Object.keys(scheme.flows).sort() : [];
      return `oauth2(${flows.join(',')})`;
    }
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
