/**
 * `$ref` resolution without dereferencing: each document (the main one and any file it refers to)
 * is a `DocContext`; a ref is resolved lazily, relative to the context of the object holding it,
 * and memoised per (context, ref string).
 */

import * as path from 'node:path';
import { isObject } from '../document';
import { decodePointerToken, escapePointerToken } from '../json-pointer';

export type JsonObject = Record<string, unknown>;

export interface DocContext {
  /** Absolute file path or URL of this document. */
  uri: string;
  root: unknown;
  /** Every document loaded for one spec, by uri (shared by all contexts of that spec). */
  registry: Map<string, DocContext>;
  refCache: Map<string, Located | null>;
}

export interface Resolved {
  value: unknown;
  ctx: DocContext;
}

/** A resolved value and the JSON pointer it sits at in its context's document. */
export interface Located extends Resolved {
  pointer: string;
}

export { isObject } from '../document';

/** Follows a JSON pointer (`/a/b`, without the leading `#`) from `root`. */
export function getAtPointer(root: unknown, pointer: string): unknown {
  if (pointer === '' || pointer === '/') return root;
  if (!pointer.startsWith('/')) return undefined;
  let current: unknown = root;
  for (const raw of pointer.slice(1).split('/')) {
    const token = decodePointerToken(raw);
    if (Array.isArray(current)) {
      current = /^\d+$/.test(token) ? current[Number(token)] : undefined;
    } else if (isObject(current)) {
      current = Object.prototype.hasOwnProperty.call(current, token) ? current[token] : undefined;
    } else {
      return undefined;
    }
    if (current === undefined) return undefined;
  }
  return current;
}

/** Splits `other.yaml#/components/schemas/X` into its document part and its pointer. */
export function splitRef(ref: string): { document: string; pointer: string } {
  const hash = ref.indexOf('#');
  if (hash === -1) return { document: ref, pointer: '' };
  return { document: ref.slice(0, hash), pointer: ref.slice(hash + 1) };
}

export function resolveDocumentUri(base: string, relative: string): string {
  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(base)) return new URL(relative, base).toString();
  return path.resolve(path.dirname(base), relative);
}

/** Resolves one `$ref` string from `ctx`; null when it points nowhere. */
export function resolveRef(ref: string, ctx: DocContext): Located | null {
  const cached = ctx.refCache.get(ref);
  if (cached !== undefined) return cached;
  const { document, pointer } = splitRef(ref);
  let target: DocContext | undefined = ctx;
  if (document !== '') target = ctx.registry.get(resolveDocumentUri(ctx.uri, document));
  let result: Located | null = null;
  if (target) {
    const value = getAtPointer(target.root, pointer);
    if (value !== undefined) result = { value, ctx: target, pointer: normalisePointer(pointer) };
  }
  ctx.refCache.set(ref, result);
  return result;
}

/** `/a%20b/c~1d` → `/a b/c~1d`: the pointer as `getAtPointer` reads it, in its plain spelling. */
function normalisePointer(pointer: string): string {
  return pointer
    .split('/')
    .map((token, i) => (i === 0 ? token : escapePointerToken(decodePointerToken(token))))
    .join('/');
}

const MAX_REF_CHAIN = 64;

/**
 * The one `$ref` chain walk: from `value`, found at `pointer` of `ctx`'s document, to the first
 * value that is no reference. Null when a reference points nowhere, the chain loops, or (with
 * `localOnly`) a reference leaves the document it is written in.
 */
export function followRefs(value: unknown, ctx: DocContext, pointer = '', localOnly = false): Located | null {
  let current: Located = { value, ctx, pointer };
  for (let hops = 0; hops < MAX_REF_CHAIN; hops++) {
    const node = current.value;
    if (!isObject(node) || typeof node.$ref !== 'string') return current;
    if (localOnly && !node.$ref.startsWith('#')) return null;
    const next = resolveRef(node.$ref, current.ctx);
    if (!next) return null;
    current = next;
  }
  return null;
}

/**
 * Follows `$ref` chains until a non-ref value. A ref that points nowhere or a chain that loops
 * (`A: {$ref: B}, B: {$ref: A}`) yields an empty schema rather than a hang.
 */
export function deref(value: unknown, ctx: DocContext): Resolved {
  return followRefs(value, ctx) ?? { value: {}, ctx };
}

export function createRootContext(uri: string, root: unknown): DocContext {
  const registry = new Map<string, DocContext>();
  const ctx: DocContext = { uri, root, registry, refCache: new Map() };
  registry.set(uri, ctx);
  return ctx;
}

export function addDocument(registry: Map<string, DocContext>, uri: string, root: unknown): DocContext {
  const ctx: DocContext = { uri, root, registry, refCache: new Map() };
  registry.set(uri, ctx);
  return ctx;
}

const contexts = new WeakMap<object, DocContext>();

/** Remembers the context (with external documents) built for a loaded document. */
export function rememberContext(document: object, ctx: DocContext): void {
  contexts.set(document, ctx);
}

/** The context of a loaded document; a document built by hand gets one with internal refs only. */
export function contextOf(document: object, source = ''): DocContext {
  let ctx = contexts.get(document);
  if (!ctx) {
    ctx = createRootContext(source, document);
    contexts.set(document, ctx);
  }
  return ctx;
}

/**
 * Follows the document's own `$ref`s (`#/components/...`) from `value`, found at `pointer`, to the
 * node they name. Null when a reference leaves the document, dangles or loops; `value` itself when
 * it is no reference.
 */
export function resolveLocalRef(
  document: object,
  value: unknown,
  pointer = '',
): { node: unknown; pointer: string } | null {
  const found = followRefs(value, contextOf(document), pointer, true);
  return found === null || found.value === undefined ? null : { node: found.value, pointer: found.pointer };
}

/** `resolveLocalRef` for callers that only want the node (undefined when it does not resolve). */
export function derefLocal(document: object, value: unknown): unknown {
  return resolveLocalRef(document, value)?.node;
}
