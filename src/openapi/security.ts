import { isObject, type JsonObject } from './document';
import { derefLocal } from './load/ref-context';

/** What an operation's security requirements demand of a bearer token. */
export interface TokenDemand {
  /** Scopes the token must hold (of the first requirement that names a token scheme), in document order. */
  scopes: string[];
  /** Some requirement names a token scheme (OAuth2, OpenID Connect, HTTP bearer). */
  usesToken: boolean;
  /** A token is required: a token scheme is named and no requirement lets an anonymous call through. */
  requiresToken: boolean;
}

/** The names of the document's security schemes that take a bearer token. */
export function tokenSchemeNames(document: JsonObject): Set<string> {
  const components = document['components'];
  const schemes = isObject(components) && isObject(components['securitySchemes']) ? components['securitySchemes'] : {};
  const names = new Set<string>();
  for (const [name, raw] of Object.entries(schemes)) {
    const scheme = derefLocal(document, raw);
    if (!isObject(scheme)) continue;
    const type = scheme['type'];
    const bearer = type === 'http' && String(scheme['scheme']).toLowerCase() === 'bearer';
    if (type === 'oauth2' || type === 'openIdConnect' || bearer) names.add(name);
  }
  return names;
}

export function tokenDemand(document: JsonObject, security: readonly JsonObject[]): TokenDemand {
  const tokenSchemes = tokenSchemeNames(document);
  const tokenRequirement = security.find((r) => Object.keys(r).some((name) => tokenSchemes.has(name)));
  const anonymousAllowed = security.some((r) => Object.keys(r).length === 0);
  const scopes = tokenRequirement
    ? Object.entries(tokenRequirement).flatMap(([name, list]) =>
        tokenSchemes.has(name) && Array.isArray(list) ? list.filter((s): s is string => typeof s === 'string') : [],
      )
    : [];
  return {
    scopes: [...new Set(scopes)],
    usesToken: tokenRequirement !== undefined,
    requiresToken: tokenRequirement !== undefined && !anonymousAllowed,
  };
}
