/**
 * `$ref` resolution without dereferencing: each document (the main one and any file it refers to)
 * is a `DocContext`; a ref is resolved lazily, relative to the context of the object holding it,
 * and memoised per (context, ref string).
 */

import * as path from 'node:path';
import { isObject } from '../document';
import { decodePointerToken } from '../json-pointer';

export type JsonObject = Record<string, unknown>;

export interface DocContext {
  /** Absolute file path or URL of this document. */
  uri: string;
  root: unknown;
  /** Every document loaded for one spec, by uri (shared by all contexts of that spec). */
  registry: Map<string, DocContext>;
  refCache: Map<string, Resolved | null>;
}

export interface Resolved {
  value: unknown;
  ctx: DocContext;
}

export { isObject } from '../document';

export function encodePointerToken(token: string): string {
  return token.replace(/~/g, '~0').replace(/\//g, '~1');
}

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
export function resolveRef(ref: string, ctx: DocContext): Resolved | null {
  const cached = ctx.refCache.get(ref);
  if (cached !== undefined) return cached;
  const { document, pointer } = splitRef(ref);
  let target: DocContext | undefined = ctx;
  if (document !== '') target = ctx.registry.get(resolveDocumentUri(ctx.uri, document));
  let result: Resolved | null = null;
  if (target) {
    const value = getAtPointer(target.root, pointer);
    if (value !== undefined) result = { value, ctx: target };
  }
  ctx.refCache.set(ref, result);
  return result;
}

const MAX_REF_CHAIN = 64;

/**
 * Follows `$ref` chains until a non-ref value. A ref that points nowhere or a chain that loops
 * (`A: {$ref: B}, B: {$ref: A}`) yields an empty schema rather than a hang.
 */
export function deref(value: unknown, ctx: DocContext): Resolved {
  let current: Resolved = { value, ctx };
  for (let hops = 0; hops < MAX_REF_CHAIN; hops++) {
    const node = current.value;
    if (!isObject(node) || typeof node.$ref !== 'string') return current;
    const next = resolveRef(node.$ref, current.ctx);
    if (!next) return { value: {}, ctx: current.ctx };
    current = next;
  }
  return { value: {}, ctx: current.ctx };
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
export function contextOf(document: object, source: string): DocContext {
  let ctx = contexts.get(document);
  if (!ctx) {
    ctx = createRootContext(source, document);
    contexts.set(document, ctx);
  }
  return ctx;
}
