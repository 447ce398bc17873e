import type { AxiosInstance, AxiosStatic } from 'axios';
import { readFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { SpecLoadError } from '../../errors/index';
import { redactUrl } from '../../log/redact';
import type { LoadedSpec } from '../document';
import { escapePointerToken } from '../json-pointer';
import { parseSpecText } from './parse-text';
import {
  addDocument,
  createRootContext,
  isObject,
  rememberContext,
  resolveDocumentUri,
  resolveRef,
  splitRef,
  type DocContext,
} from './ref-context';

/** Options of `loadSpec`. */
export interface LoadSpecOptions {
  /**
   * Fetches a URL source: the one HTTP client of src/http (`createHttpClient`) when the document needs
   * the API token, so the token goes only where that client allows. @default a plain GET without credentials
   */
  http?: AxiosInstance;
  /** How long a URL source may stay silent, in milliseconds. @default 30000 */
  timeoutMs?: number;
  /** How long a URL source may take to arrive in full, however slowly it drips. @default 60000 */
  deadlineMs?: number;
  /** Largest document accepted from a URL source, in bytes. @default 52428800 (50 MiB) */
  maxBytes?: number;
}

export const DEFAULT_SPEC_DEADLINE_MS = 60_000;
export const DEFAULT_SPEC_MAX_BYTES = 50 * 1024 * 1024;

const MAX_EXTERNAL_DOCUMENTS = 200;

/** An http(s) URL, as opposed to a file path. */
export function isUrl(source: string): boolean {
  return /^https?:\/\//i.test(source);
}

function checkShape(root: unknown, source: string): '3.0' | '3.1' {
  if (!isObject(root)) throw new SpecLoadError(source, 'not an OpenAPI document (expected an object at the top level)');
  if (root.swagger !== undefined) {
    throw new SpecLoadError(source, 'Swagger 2.0 is not supported; convert it to OpenAPI 3 first', {
      where: '/swagger',
    });
  }
  const openapi = root.openapi;
  if (openapi === undefined)
    throw new SpecLoadError(source, 'not an OpenAPI document: `openapi` is missing', { where: '/openapi' });
  if (typeof openapi !== 'string' || !/^3\.[01](\.|$)/.test(openapi)) {
    throw new SpecLoadError(
      source,
      `unsupported OpenAPI version ${JSON.stringify(openapi)} (expected 3.0.x or 3.1.x)`,
      {
        where: '/openapi',
      },
    );
  }
  const version = openapi.startsWith('3.1') ? '3.1' : '3.0';
  const paths = root.paths;
  if (paths === undefined) {
    // 3.1 allows a document of only webhooks or components
    if (version === '3.0' || (root.webhooks === undefined && root.components === undefined)) {
      throw new SpecLoadError(source, 'not an OpenAPI document: `paths` is missing', { where: '/paths' });
    }
  } else if (!isObject(paths)) {
    throw new SpecLoadError(source, '`paths` must be an object', { where: '/paths' });
  }
  return version;
}

/** Objects and arrays nested deeper than this are refused: no real document comes near it. */
export const MAX_NESTING = 1000;

/**
 * Calls `visit` for every `$ref` string, with a lazily built JSON pointer to the object holding it.
 * Walks with an explicit stack (no recursion), and refuses a document nested deeper than `MAX_NESTING`.
 */
function forEachRef(root: unknown, source: string, visit: (ref: string, pointer: () => string) => void): void {
  interface Frame {
    node: unknown;
    key: string;
    parent: Frame | null;
    depth: number;
  }
  const pointerOf = (frame: Frame): string => {
    const keys: string[] = [];
    for (let f: Frame | null = frame; f && f.parent; f = f.parent) keys.push(`/${escapePointerToken(f.key)}`);
    return keys.reverse().join('');
  };
  const stack: Frame[] = [{ node: root, key: '', parent: null, depth: 0 }];
  while (stack.length > 0) {
    const frame = stack.pop()!;
    const { node, depth } = frame;
    if (depth > MAX_NESTING) {
      const pointer = pointerOf(frame);
      const where = `#${pointer.length > 80 ? `${pointer.slice(0, 80)}…` : pointer}`;
      throw new SpecLoadError(source, `nested deeper than ${MAX_NESTING} levels; refusing to compare it`, { where });
    }
    if (Array.isArray(node)) {
      for (let i = node.length - 1; i >= 0; i--) {
        const item: unknown = node[i];
        if (typeof item !== 'object' || item === null) continue;
        stack.push({ node: item, key: String(i), parent: frame, depth: depth + 1 });
      }
      continue;
    }
    if (!isObject(node)) continue;
    const ref = node.$ref;
    if (typeof ref === 'string') visit(ref, () => pointerOf(frame));
    const keys = Object.keys(node);
    for (let i = keys.length - 1; i >= 0; i--) {
      const child = node[keys[i]!];
      if (typeof child !== 'object' || child === null) continue;
      stack.push({ node: child, key: keys[i]!, parent: frame, depth: depth + 1 });
    }
  }
}

type ReadDocument = (uri: string, from: DocContext, where: string) => string;

/** Loads every document the refs reach, then checks that every ref resolves. */
function linkDocuments(root: DocContext, readDocument: ReadDocument | null): void {
  const pending: DocContext[] = [root];
  const checked = new Set<DocContext>();
  while (pending.length > 0) {
    const ctx = pending.pop()!;
    if (checked.has(ctx)) continue;
    checked.add(ctx);
    const seen = new Map<string, boolean>();
    forEachRef(ctx.root, ctx.uri, (ref, pointer) => {
      if (seen.has(ref)) return;
      seen.set(ref, true);
      const { document } = splitRef(ref);
      const where = `${ctx === root ? '' : `${ctx.uri} `}#${pointer()}/$ref`;
      if (document !== '') {
        const uri = resolveDocumentUri(ctx.uri, document);
        let target = ctx.registry.get(uri);
        if (!target) {
          if (!readDocument) {
            throw new SpecLoadError(
              root.uri,
              `external $ref ${JSON.stringify(ref)} cannot be followed from this source`,
              { where },
            );
          }
          if (ctx.registry.size >= MAX_EXTERNAL_DOCUMENTS) {
            throw new SpecLoadError(root.uri, `more than ${MAX_EXTERNAL_DOCUMENTS} documents referenced`, { where });
          }
          const text = readDocument(uri, ctx, where);
          target = addDocument(ctx.registry, uri, parseSpecText(text, uri));
          pending.push(target);
        }
      }
      if (!resolveRef(ref, ctx)) {
        throw new SpecLoadError(root.uri, `$ref ${JSON.stringify(ref)} points to nothing`, { where });
      }
    });
  }
}

function readFileDocument(uri: string, from: DocContext, where: string): string {
  if (isUrl(uri)) {
    throw new SpecLoadError(
      from.uri,
      `external $ref to a URL (${uri}) is not followed; keep referenced files next to the document`,
      { where },
    );
  }
  try {
    return readFileSync(uri, 'utf8');
  } catch (error) {
    throw new SpecLoadError(
      from.uri,
      `cannot read the referenced file ${uri}: ${(error as NodeJS.ErrnoException).code ?? 'unreadable'}`,
      {
        where,
        cause: error,
      },
    );
  }
}

const METHODS = ['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace'];

/**
 * Two paths that differ only in their parameter names (`/a/{id}`, `/a/{name}`) are the same URL.
 * When both declare one method, no one can say which operation a request reaches: the document is
 * refused. With disjoint methods (as GitHub's document has) each operation keeps its own path.
 */
function checkPathTemplates(document: Record<string, unknown>, source: string): void {
  if (!isObject(document.paths)) return;
  const paths = document.paths;
  const seen = new Map<string, string[]>();
  for (const path of Object.keys(paths)) {
    const template = path.replace(/\{[^}]*\}/g, '{}');
    const methods = (item: unknown): string[] => (isObject(item) ? METHODS.filter((m) => item[m] !== undefined) : []);
    const others = seen.get(template) ?? [];
    for (const other of others) {
      const shared = methods(paths[path]).filter((m) => methods(paths[other]).includes(m));
      // a path item behind a $ref is not inspected here: treat it as sharing every method
      const opaque = (item: unknown): boolean => isObject(item) && typeof item.$ref === 'string';
      if (shared.length > 0 || opaque(paths[path]) || opaque(paths[other])) {
        const methodNames = shared.map((m) => m.toUpperCase()).join(', ');
        const what = shared.length > 0 ? `both declare ${methodNames}` : 'one is a $ref';
        const both = `${JSON.stringify(other)} and ${JSON.stringify(path)}`;
        throw new SpecLoadError(source, `paths ${both} are the same template and ${what}`, { where: '/paths' });
      }
    }
    seen.set(template, [...others, path]);
  }
}

function buildSpec(text: string, source: string, readDocument: ReadDocument | null): LoadedSpec {
  const root = parseSpecText(text, source);
  const version = checkShape(root, source);
  const document = root as Record<string, unknown>;
  checkPathTemplates(document, source);
  const ctx = createRootContext(source, document);
  linkDocuments(ctx, readDocument);
  rememberContext(document, ctx);
  return { source, version, document };
}

/**
 * Parses a JSON or YAML OpenAPI document already in memory. `$ref`s to files are resolved
 * relative to `source` when it is a file path.
 */
export function loadSpecText(text: string, source: string): LoadedSpec {
  return buildSpec(text, source, isUrl(source) ? null : readFileDocument);
}

/** Reads an OpenAPI document from a file or an http(s) URL. */
export async function loadSpec(source: string, options: LoadSpecOptions = {}): Promise<LoadedSpec> {
  if (isUrl(source)) return buildSpec(await fetchDocument(source, options), source, null);
  let text: string;
  try {
    text = await readFile(source, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const problem =
      code === 'ENOENT'
        ? 'no such file'
        : code === 'EISDIR'
          ? 'is a directory, not a file'
          : `cannot read (${code ?? 'unknown error'})`;
    throw new SpecLoadError(source, problem, { cause: error });
  }
  return loadSpecText(text, source);
}

/**
 * GETs a document, bounded in time (`deadlineMs` for the whole answer, not only between bytes) and in
 * size (`maxBytes`). Every failure is one SpecLoadError naming the redacted URL.
 */
async function fetchDocument(source: string, options: LoadSpecOptions): Promise<string> {
  const shown = redactUrl(source);
  const deadlineMs = options.deadlineMs ?? DEFAULT_SPEC_DEADLINE_MS;
  const maxBytes = options.maxBytes ?? DEFAULT_SPEC_MAX_BYTES;
  const signal = AbortSignal.timeout(deadlineMs);
  let response: { status: number; data: unknown };
  try {
    const request = {
      responseType: 'text' as const,
      transformResponse: (data: unknown) => data,
      validateStatus: () => true,
    };
    if (options.http) {
      response = await options.http.get<string>(source, { ...request, maxContentLength: maxBytes, signal });
    } else {
      // Loaded lazily: a file-to-file diff never pays for the HTTP stack.
      // eslint-disable-next-line @typescript-eslint/no-require-imports -- lazy: a file-to-file diff never loads axios
      const axios = (require('axios') as { default: AxiosStatic }).default;
      response = await axios.get<string>(source, {
        ...request,
        timeout: options.timeoutMs ?? 30_000,
        maxContentLength: maxBytes,
        signal,
        maxRedirects: 5,
      });
    }
  } catch (error) {
    if (signal.aborted) {
      throw new SpecLoadError(
        shown,
        `cannot fetch the document: no complete answer within ${deadlineMs} ms (RAMPART_HTTP_DEADLINE_MS)`,
      );
    }
    const cause = (error as { message?: unknown }).message;
    const message = typeof cause === 'string' ? cause : '';
    if (/maxContentLength size of \d+ exceeded|larger than \d+ bytes/.test(message)) {
      throw new SpecLoadError(
        shown,
        `cannot fetch the document: it is larger than ${maxBytes} bytes (RAMPART_HTTP_MAX_BYTES)`,
      );
    }
    if ((error as Error).name === 'OriginRefusedError' || (error as Error).name === 'HttpError') {
      throw new SpecLoadError(shown, `cannot fetch the document: ${message}`);
    }
    const code = (error as { code?: string }).code;
    // No `cause`: an axios error carries the request headers, token included.
    throw new SpecLoadError(shown, `cannot fetch the document (${code ?? 'network error'})`);
  }
  if (response.status < 200 || response.status >= 300) {
    throw new SpecLoadError(shown, `HTTP ${response.status} when fetching the document`);
  }
  return typeof response.data === 'string' ? response.data : JSON.stringify(response.data);
}
