/**
 * The path a client sends: a document's `servers` base path joined with the path as written, so
 * `servers: [{url: https://x/api/v1}]` + `/cards` matches `servers: [{url: https://x}]` +
 * `/api/v1/cards`. Prefixes given by the user adjust what the servers cannot say.
 */
import { serverBasePath, type JsonObject } from '../../openapi/index';

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

/** Maps a path as written to the full request path of one document. */
export function requestPathMapper(
  document: JsonObject,
  prefix: string | undefined,
  strip: string | undefined,
): (path: string) => string {
  const head = serverBasePath(document) + normalisePrefix(prefix);
  const stripped = normalisePrefix(strip);
  return (path) => {
    const full = head + path;
    if (stripped !== '' && (full === stripped || full.startsWith(`${stripped}/`)))
      return full.slice(stripped.length) || '/';
    return full;
  };
}
