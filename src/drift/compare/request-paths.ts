/**
 * The path a client sends: a document's `servers` base path joined with the path as written, so
 * `servers: [{url: https://x/api/v1}]` + `/cards` matches `servers: [{url: https://x}]` +
 * `/api/v1/cards`. Prefixes given by the user adjust what the servers cannot say.
 */
import { isObject, type JsonObject } from '../../openapi/load/index';

/** How to turn each document's paths into full request paths (oasdiff's prefix options). */
export interface PathPrefixOptions {
  /** Added in front of every path of the base (after its servers base path). */
  basePrefix?: string;
  /** Added in front of every path of the revision (after its servers base path). */
  revisionPrefix?: string;
  /** Removed from the front of every full path of both documents. */
  stripPrefix?: string;
}

function trimSlashes(path: string): string {
  return path.replace(/\/+$/, '');
}

/** `/v1/` and `v1` both become `/v1`; `/` and `` become ``. */
function normalisePrefix(prefix: string | undefined): string {
  if (prefix === undefined) return '';
  const trimmed = trimSlashes(prefix.trim());
  if (trimmed === '') return '';
  return trimmed.startsWith('/') ? trimmed : `/${trimmed}`;
}

/** The path part of one server URL, variables replaced by their defaults; undefined if unreadable. */
function serverPath(server: JsonObject): string | undefined {
  if (typeof server.url !== 'string') return undefined;
  const variables = isObject(server.variables) ? server.variables : {};
  const url = server.url.replace(/\{([^}]*)\}/g, (_m, name: string) => {
    const variable = variables[name];
    return isObject(variable) && typeof variable.default === 'string' ? variable.default : 'x';
  });
  try {
    return trimSlashes(decodeURI(new URL(url, 'http://relative.invalid').pathname));
  } catch {
    return undefined;
  }
}

/** The base path every server of the document agrees on; '' when there is none or they disagree. */
export function serversBasePath(document: JsonObject): string {
  const servers = document.servers;
  if (!Array.isArray(servers) || servers.length === 0) return '';
  const paths = new Set<string>();
  for (const server of servers) {
    const path = isObject(server) ? serverPath(server) : undefined;
    if (path === undefined) return '';
    paths.add(path);
  }
  return paths.size === 1 ? [...paths][0]! : '';
}

/** Maps a path as written to the full request path of one document. */
export function requestPathMapper(
  document: JsonObject,
  prefix: string | undefined,
  strip: string | undefined,
): (path: string) => string {
  const head = serversBasePath(document) + normalisePrefix(prefix);
  const stripped = normalisePrefix(strip);
  return (path) => {
    const full = head + path;
    if (stripped !== '' && (full === stripped || full.startsWith(`${stripped}/`)))
      return full.slice(stripped.length) || '/';
    return full;
  };
}
