import { isObject } from './document';

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
