import { isObject } from './document';

/** `$ref` chains longer than this are unresolvable (a cycle of references to references). */
const MAX_REF_HOPS = 32;

export function escapePointerToken(token: string): string {
  return token.replace(/~/g, '~0').replace(/\//g, '~1');
}

export function decodePointerToken(token: string): string {
  let decoded = token;
  if (decoded.includes('%')) {
    try {
      decoded = decodeURIComponent(decoded);
    } catch {
      // a literal `%` that is not an escape: keep it
    }
  }
  return decoded.replace(/~1/g, '/').replace(/~0/g, '~');
}

/** The node at a JSON pointer (`/paths/~1cards/get`), or undefined. */
export function getPointer(document: unknown, pointer: string): unknown {
  if (pointer === '') return document;
  let node: unknown = document;
  for (const raw of pointer.split('/').slice(1)) {
    const token = raw.replace(/~1/g, '/').replace(/~0/g, '~');
    if (Array.isArray(node)) node = node[Number(token)];
    else if (isObject(node)) node = node[token];
    else return undefined;
  }
  return node;
}

/**
 * Follows local `$ref`s (`#/components/...`) from `value`, found at `pointer`, to the node they name.
 * Null when a reference is not local, dangles or loops; `value` itself when it is no reference.
 */
export function resolveLocalRef(
  document: unknown,
  value: unknown,
  pointer = '',
): { node: unknown; pointer: string } | null {
  let node = value;
  let at = pointer;
  for (let hop = 0; hop < MAX_REF_HOPS; hop += 1) {
    const ref = isObject(node) ? node['$ref'] : undefined;
    if (typeof ref !== 'string') return node === undefined ? null : { node, pointer: at };
    if (!ref.startsWith('#')) return null;
    at = ref
      .slice(1)
      .split('/')
      .map((token, i) => (i === 0 ? token : escapePointerToken(decodePointerToken(token))))
      .join('/');
    node = getPointer(document, at);
  }
  return null;
}

/** `resolveLocalRef` for callers that only want the node (undefined when it does not resolve). */
export function derefLocal(document: unknown, value: unknown): unknown {
  return resolveLocalRef(document, value)?.node;
}
