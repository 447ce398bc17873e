import {
  Agent as HttpAgent,
  createServer,
  request as httpRequest,
  type IncomingMessage,
  type ServerResponse,
} from 'node:http';
import { Agent as HttpsAgent, request as httpsRequest } from 'node:https';
import type { AddressInfo } from 'node:net';
import { brotliDecompressSync, gunzipSync, inflateSync } from 'node:zlib';
import { redact } from '../log/redact';
import { isJsonMediaType, isObject } from './json-value';

/** One response the target sent through the proxy. Request headers and request bodies are never kept. */
export interface RecordedExchange {
  method: string;
  /** The request path without its query string (queries can carry cursors and emails). */
  path: string;
  status: number;
  /** The response Content-Type as sent, or null. */
  contentType: string | null;
  /** The response body parsed, when it is JSON, within the size cap and carries no credentials. */
  body?: unknown;
  /** The response had a body but it is not kept, and why. */
  bodyOmitted?: 'too-large' | 'not-json' | 'unparseable' | 'token-endpoint' | 'credentials';
  durationMs: number;
}

export interface RecordingProxyOptions {
  /** Base URL the proxy forwards to (`http://127.0.0.1:4010`, `https://api.example.com`); its path is a prefix. */
  target: string;
  /** Port on 127.0.0.1 to listen on; 0 (default) picks a free one. The proxy never listens beyond loopback. */
  port?: number;
  /** Exchanges kept at most; later ones are forwarded but counted in `dropped()` only. Default 1000. */
  maxExchanges?: number;
  /** Response bytes kept per exchange (after decompression); bigger bodies are forwarded, not kept. Default 1 MiB. */
  maxBodyBytes?: number;
  /** Upstream request timeout. Default 30 s. */
  timeoutMs?: number;
  /** Paths whose response bodies are never kept (token grants). Default: any path with a `token` or `oauth` segment. */
  isCredentialPath?: (path: string) => boolean;
}

export interface RecordingProxy {
  /** `http://127.0.0.1:PORT`: give this to the verifier as the provider base URL. */
  url: string;
  /** A copy of what was recorded so far, in arrival order. */
  exchanges(): RecordedExchange[];
  /** Exchanges forwarded but not kept because `maxExchanges` was reached. */
  dropped(): number;
  /** Requests the target could not be reached for (answered 502 by the proxy, not recorded). */
  upstreamErrors(): number;
  close(): Promise<void>;
}

const HOP_BY_HOP = new Set(['connection', 'keep-alive', 'proxy-connection', 'proxy-authorization', 'te', 'upgrade']);
const CREDENTIAL_KEYS = new Set(['access_token', 'refresh_token', 'id_token', 'client_secret', 'password']);
/** Request headers whose values are credentials: a response body echoing one is never kept. */
const CREDENTIAL_HEADERS = new Set(['authorization', 'proxy-authorization', 'cookie', 'x-api-key']);
/** Credential fragments shorter than this would match ordinary text. */
const MIN_CREDENTIAL_LENGTH = 8;

function defaultCredentialPath(path: string): boolean {
  return path.split('/').some((segment) => /^(token|oauth2?|revoke)$/i.test(segment));
}

/**
 * A loopback HTTP proxy to put between Pact's verifier and the target. It forwards every request
 * unchanged (method, path, query, headers including Authorization, body) except `Host`, which names
 * the target, and streams the response back unchanged. On the side it records each response's
 * method, path, status, content type and JSON body (bounded), for `validateExchanges`.
 */
export async function startRecordingProxy(options: RecordingProxyOptions): Promise<RecordingProxy> {
  const target = new URL(options.target);
  if (target.protocol !== 'http:' && target.protocol !== 'https:')
    throw new Error(`recording proxy: target must be http(s), got ${target.protocol}`);
  const prefix = target.pathname.replace(/\/+$/, '');
  const maxExchanges = options.maxExchanges ?? 1000;
  const maxBodyBytes = options.maxBodyBytes ?? 1024 * 1024;
  const timeoutMs = options.timeoutMs ?? 30_000;
  const isCredentialPath = options.isCredentialPath ?? defaultCredentialPath;
  const secure = target.protocol === 'https:';
  const agent = secure
    ? new HttpsAgent({ keepAlive: true, maxSockets: 16 })
    : new HttpAgent({ keepAlive: true, maxSockets: 16 });
  const recorded: RecordedExchange[] = [];
  let dropped = 0;
  let upstreamErrors = 0;

  const record = (exchange: RecordedExchange): void => {
    if (recorded.length < maxExchanges) recorded.push(exchange);
    else dropped += 1;
  };

  const handle = (req: IncomingMessage, res: ServerResponse): void => {
    const started = Date.now();
    const method = req.method ?? 'GET';
    const url = req.url ?? '/';
    const path = url.split('?')[0] ?? '/';
    const headers: string[] = [];
    const credentials: string[] = [];
    for (let i = 0; i + 1 < req.rawHeaders.length; i += 2) {
      const name = req.rawHeaders[i] as string;
      const lower = name.toLowerCase();
      if (CREDENTIAL_HEADERS.has(lower)) credentials.push(...credentialParts(req.rawHeaders[i + 1] as string));
      if (lower === 'host' || HOP_BY_HOP.has(lower)) continue;
      headers.push(name, req.rawHeaders[i + 1] as string);
    }
    headers.push('Host', target.host);
    const send = secure ? httpsRequest : httpRequest;
    const upstream = send({
      protocol: target.protocol,
      hostname: target.hostname,
      port: target.port || (secure ? 443 : 80),
      method,
      path: `${prefix}${url}`,
      headers,
      agent,
      timeout: timeoutMs,
    });
    upstream.on('timeout', () => upstream.destroy(new Error(`no response within ${timeoutMs} ms`)));
    upstream.on('error', () => {
      upstreamErrors += 1;
      if (!res.headersSent) {
        res.writeHead(502, { 'content-type': 'text/plain' });
        res.end('rampart recording proxy: the target did not answer\n');
      } else {
        res.destroy();
      }
    });
    upstream.on('response', (answer) => {
      const responseHeaders: string[] = [];
      for (let i = 0; i + 1 < answer.rawHeaders.length; i += 2) {
        const name = answer.rawHeaders[i] as string;
        if (HOP_BY_HOP.has(name.toLowerCase())) continue;
        responseHeaders.push(name, answer.rawHeaders[i + 1] as string);
      }
      res.writeHead(answer.statusCode ?? 502, answer.statusMessage, responseHeaders);
      const chunks: Buffer[] = [];
      let size = 0;
      let tooLarge = false;
      answer.on('data', (chunk: Buffer) => {
        if (!tooLarge) {
          size += chunk.length;
          if (size > maxBodyBytes) {
            tooLarge = true;
            chunks.length = 0;
          } else {
            chunks.push(chunk);
          }
        }
        res.write(chunk);
      });
      answer.on('end', () => {
        res.end();
        const contentType = headerValue(answer.headers['content-type']);
        const exchange: RecordedExchange = {
          method,
          path,
          status: answer.statusCode ?? 0,
          contentType,
          durationMs: Date.now() - started,
        };
        const kept = keptBody({
          path,
          contentType,
          encoding: headerValue(answer.headers['content-encoding']),
          raw: tooLarge ? null : Buffer.concat(chunks),
          tooLarge,
          maxBodyBytes,
          isCredentialPath,
          credentials,
        });
        record({ ...exchange, ...kept });
      });
      answer.on('error', () => res.destroy());
    });
    req.pipe(upstream);
    req.on('error', () => upstream.destroy());
  };

  const server = createServer(handle);
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', () => {
      server.off('error', reject);
      resolve();
    });
  });
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    exchanges: () => recorded.map((e) => ({ ...e })),
    dropped: () => dropped,
    upstreamErrors: () => upstreamErrors,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
        agent.destroy();
      }),
  };
}

/** `Bearer abc.def` → `['Bearer abc.def', 'abc.def']`: the whole value and each long part of it. */
function credentialParts(value: string): string[] {
  const parts = [value.trim(), ...value.split(/[\s,;=]+/)];
  return parts.filter((p) => p.length >= MIN_CREDENTIAL_LENGTH);
}

function headerValue(value: string | string[] | undefined): string | null {
  if (value === undefined) return null;
  return Array.isArray(value) ? (value[0] ?? null) : value;
}

interface BodyInput {
  path: string;
  contentType: string | null;
  encoding: string | null;
  raw: Buffer | null;
  tooLarge: boolean;
  maxBodyBytes: number;
  isCredentialPath: (path: string) => boolean;
  /** The credentials the request carried (Authorization and the like), held only until the body is judged. */
  credentials: readonly string[];
}

function keptBody(input: BodyInput): Pick<RecordedExchange, 'body' | 'bodyOmitted'> {
  if (input.tooLarge) return { bodyOmitted: 'too-large' };
  if (input.raw === null || input.raw.length === 0) return {};
  if (input.isCredentialPath(input.path)) return { bodyOmitted: 'token-endpoint' };
  if (!isJsonMediaType(input.contentType)) return { bodyOmitted: 'not-json' };
  let text: string;
  try {
    text = decode(input.raw, input.encoding, input.maxBodyBytes).toString('utf8');
  } catch (error) {
    return {
      bodyOmitted: (error as NodeJS.ErrnoException).code === 'ERR_BUFFER_TOO_LARGE' ? 'too-large' : 'unparseable',
    };
  }
  // A body that echoes the request's credentials or holds anything credential-shaped is not kept.
  if (input.credentials.some((c) => text.includes(c)) || redact(text) !== text) return { bodyOmitted: 'credentials' };
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    return { bodyOmitted: 'unparseable' };
  }
  return holdsCredentials(body) ? { bodyOmitted: 'credentials' } : { body };
}

/** Decompresses with the output capped, so a small compressed body cannot expand without bound. */
function decode(raw: Buffer, encoding: string | null, maxBytes: number): Buffer {
  const options = { maxOutputLength: maxBytes };
  switch ((encoding ?? 'identity').trim().toLowerCase()) {
    case 'gzip':
    case 'x-gzip':
      return gunzipSync(raw, options);
    case 'deflate':
      return inflateSync(raw, options);
    case 'br':
      return brotliDecompressSync(raw, options);
    default:
      return raw;
  }
}

/** A token-shaped key anywhere in the first levels of a body: never keep it. */
function holdsCredentials(value: unknown, depth = 0): boolean {
  if (depth > 4) return false;
  if (Array.isArray(value)) return value.slice(0, 50).some((v) => holdsCredentials(v, depth + 1));
  if (!isObject(value)) return false;
  return Object.entries(value).some(
    ([key, child]) => CREDENTIAL_KEYS.has(key.toLowerCase()) || holdsCredentials(child, depth + 1),
  );
}
