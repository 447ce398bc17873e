import { isObject, type JsonObject } from './document';

/**
 * The path part of one server URL (`https://{host}/{version}` with `version` defaulting to `v1` →
 * `/v1`): variables take their defaults (`x` without one), no trailing slash; undefined if unreadable.
 */
function serverPath(server: unknown): string | undefined {
  if (!isObject(server) || typeof server['url'] !== 'string') return undefined;
  const variables = isObject(server['variables']) ? server['variables'] : {};
  const url = server['url'].replace(/\{([^}]*)\}/g, (_match, name: string) => {
    const variable = variables[name];
    return isObject(variable) && typeof variable['default'] === 'string' ? variable['default'] : 'x';
  });
  try {
    return decodeURI(new URL(url, 'http://relative.invalid').pathname).replace(/\/+$/, '');
  } catch {
    return undefined;
  }
}

function serversOf(document: JsonObject): unknown[] {
  return Array.isArray(document['servers']) ? document['servers'] : [];
}

/**
 * The path every server URL of the document puts before its paths (`/v1` for a document whose
 * servers are `https://api.example.com/v1`), or '' when there is none, one is unreadable or they disagree.
 */
export function serverBasePath(document: JsonObject): string {
  const paths = new Set<string | undefined>(serversOf(document).map(serverPath));
  const [only] = paths;
  return paths.size === 1 && only !== undefined ? only : '';
}

/** The distinct non-empty paths of the document's readable server URLs: what a request path may start with. */
export function serverBasePaths(document: JsonObject): string[] {
  const out = new Set<string>();
  for (const server of serversOf(document)) {
    const path = serverPath(server);
    if (path !== undefined && path !== '') out.add(path);
  }
  return [...out];
}
