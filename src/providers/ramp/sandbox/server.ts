import { randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { redact } from '../../../log/redact';
import { DEFAULT_DATA_SEED } from './data/seed';
import { SandboxStore } from './data/store';
import { FaultInjector } from './faults';
import { HANDLERS, type RequestContext } from './handlers';
import { parseJsonBody, readBody } from './http/body';
import { ApiProblem, RAMP_ERROR_CODES } from './http/ramp-error';
import { sendEmpty, sendJson, sendPlain } from '../../../http/respond';
import { sendRampError } from './http/respond';
import { resolveClients } from './oauth/clients';
import {
  handleRevokeRequest,
  handleTokenRequest,
  sendOAuthError,
  type TokenEndpointDeps,
} from './oauth/token-endpoint';
import { TokenStore, type IssuedToken } from './oauth/token-store';
import { SeededRandom } from './random';
import { RollingWindowLimiter } from './rate-limiter';
import { extraGrantedScopes, forgetsAuthCheck } from './misconfiguration';
import { resolveSandboxRateLimit } from './stages';
import { Router, fieldErrors, type Route } from './router';
import { API_PREFIX, sandboxSpec } from './spec';
import type { RunningSandbox, SandboxOptions, SpecRevision } from './types';

export const DEFAULT_TOKEN_TTL_SECONDS = 3600;

const TOKEN_PATH = `${API_PREFIX}/token`;
const REVOKE_PATH = `${API_PREFIX}/token/revoke`;
const SPEC_PATH = '/openapi.json';

/**
 * Starts the embedded staging sandbox: Ramp's Developer API as its demo environment behaves, on a
 * loopback port, serving and obeying the OpenAPI revision it was started with.
 */
export async function startSandbox(options: SandboxOptions = {}): Promise<RunningSandbox> {
  const host = options.host ?? '127.0.0.1';
  const revision = options.specRevision ?? 'baseline';
  const ttl = options.tokenTtlSeconds ?? DEFAULT_TOKEN_TTL_SECONDS;
  if (!Number.isInteger(ttl) || ttl < 1) throw new RangeError('tokenTtlSeconds must be a whole number of at least 1');
  const cardTaskPolls = options.cardTaskPollsBeforeSuccess ?? 0;
  if (!Number.isInteger(cardTaskPolls) || cardTaskPolls < 0)
    throw new RangeError('cardTaskPollsBeforeSuccess must be a whole number of 0 or more');

  // sandboxSpec returns a fresh copy: what the sandbox serves cannot change under it.
  const specBody = sandboxSpec(revision);
  const clients = resolveClients(options);
  const now = options.clock ?? Date.now;
  const tokens = new TokenStore(ttl, now);
  const tokenDeps: TokenEndpointDeps = {
    clients: [clients.demo, clients.readOnly, clients.shortLived],
    tokens,
    extraGrantedScopes: extraGrantedScopes(options.misconfigured),
  };
  const rateLimit = resolveSandboxRateLimit(options);
  const limiter = rateLimit ? new RollingWindowLimiter(rateLimit, now) : null;
  const faults = new FaultInjector(options.faults);
  const dataSeed = options.dataSeed ?? DEFAULT_DATA_SEED;
  const store = new SandboxStore(dataSeed);
  const random = new SeededRandom((dataSeed ^ 0x5eed5eed) >>> 0);
  const router = routerFor(revision);
  const log = options.log;
  const timers = new Set<NodeJS.Timeout>();

  const delay = (ms: number) =>
    ms <= 0
      ? Promise.resolve()
      : new Promise<void>((resolve) => {
          const timer = setTimeout(() => {
            timers.delete(timer);
            resolve();
          }, ms);
          timers.add(timer);
        });

  let ownHost = host;

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const started = Date.now();
    const traceId = randomBytes(16).toString('hex');
    res.setHeader('x-trace-id', traceId);
    const url = requestUrl(req, ownHost);
    const path = url?.pathname ?? '?';
    if (log)
      res.on('close', () =>
        log(
          redact(
            `${req.method ?? '?'} ${path} ${res.writableFinished ? res.statusCode : 'dropped'} ${Date.now() - started}ms trace=${traceId}`,
          ),
        ),
      );
    if (!url) return sendPlain(res, 400, 'Bad Request');
    const method = (req.method ?? 'GET').toUpperCase();

    if (path === SPEC_PATH) {
      if (method !== 'GET') return sendPlain(res, 405, 'Method Not Allowed', { allow: 'GET' });
      return sendJson(res, 200, specBody);
    }

    if (path === TOKEN_PATH || path === REVOKE_PATH) {
      if (method !== 'POST') return sendPlain(res, 405, 'Method Not Allowed', { allow: 'POST' });
      await delay(faults.latencyMs);
      if (faults.tokenEndpointDown)
        return sendOAuthError(res, 503, 'temporarily_unavailable', 'The token service is unavailable; retry later.');
      return path === TOKEN_PATH ? handleTokenRequest(req, res, tokenDeps) : handleRevokeRequest(req, res, tokenDeps);
    }

    const match = router.match(method, path);
    // Like Ramp's framework: an unknown path is a plain 404, before any auth or scope check.
    if (match.kind === 'none') return sendPlain(res, 404, 'Not Found');
    if (match.kind === 'method-not-allowed')
      return sendPlain(res, 405, 'Method Not Allowed', { allow: match.allow.join(', ') });

    const { route, params } = match;
    for (const [name, value] of Object.entries(route.deprecationHeaders)) res.setHeader(name, value);

    await delay(faults.latencyMs);
    const fault = faults.draw();
    if (fault === 'drop') {
      req.socket.destroy();
      return;
    }
    if (fault === 'error')
      return sendRampError(res, 500, RAMP_ERROR_CODES.internal, 'Internal server error (injected fault).');

    try {
      const anonymous = forgetsAuthCheck(options.misconfigured, method, route.path);
      const token = anonymous ? anonymousToken(route) : authenticate(req);
      const decision = limiter ? limiter.take(token.clientId) : { allowed: true as const };
      if (!decision.allowed) {
        throw new ApiProblem(
          429,
          RAMP_ERROR_CODES.rateLimited,
          'Rate limit exceeded: too many requests for this client. Retry after the time in Retry-After.',
          undefined,
          {
            'retry-after': String(decision.retryAfterSeconds),
          },
        );
      }
      authorize(token, route);
      const query = validateQuery(route, url);
      const body = await readValidBody(route, req);
      const context: RequestContext = {
        revision,
        store,
        random,
        clientId: token.clientId,
        params,
        query,
        body,
        url,
        cardTaskPollsBeforeSuccess: cardTaskPolls,
        now,
      };
      const result = route.handler(context);
      if (result.body === undefined) sendEmpty(res, result.status);
      else sendJson(res, result.status, result.body);
    } catch (error) {
      if (!(error instanceof ApiProblem)) throw error;
      sendRampError(res, error.status, error.code, error.message, error.fields, error.headers);
    }
  }

  function authenticate(req: IncomingMessage): IssuedToken {
    const header = req.headers.authorization;
    const challenge = (description: string) =>
      new ApiProblem(401, RAMP_ERROR_CODES.invalidToken, description, undefined, {
        'www-authenticate': `Bearer error="invalid_token", error_description="${description}"`,
      });
    if (!header) throw challenge('Missing access token: send Authorization: Bearer <token>.');
    const match = /^Bearer ([A-Za-z0-9._~+/-]+=*)$/i.exec(header.trim());
    if (!match) throw challenge('Malformed Authorization header: expected Bearer <token>.');
    const check = tokens.check(match[1] as string);
    if (!check.ok) {
      throw challenge(
        check.reason === 'expired'
          ? 'The access token expired.'
          : check.reason === 'revoked'
            ? 'The access token was revoked.'
            : 'The access token is not valid.',
      );
    }
    return check.token;
  }

  function authorize(token: IssuedToken, route: Route): void {
    const missing = route.scopes.filter((scope) => !token.scopes.has(scope));
    if (missing.length === 0) return;
    throw new ApiProblem(
      403,
      RAMP_ERROR_CODES.insufficientScope,
      `The access token lacks the scope this operation needs: ${missing.join(', ')}.`,
      undefined,
      {
        'www-authenticate': `Bearer error="insufficient_scope", scope="${route.scopes.join(' ')}"`,
      },
    );
  }

  const server = createServer((req, res) => {
    handle(req, res).catch((error: unknown) => {
      log?.(
        redact(`sandbox internal error: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`),
      );
      if (!res.headersSent) sendRampError(res, 500, RAMP_ERROR_CODES.internal, 'Internal server error.');
      else res.destroy();
    });
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const { port } = server.address() as AddressInfo;
  ownHost = `${host.includes(':') ? `[${host}]` : host}:${port}`;
  const baseUrl = `http://${ownHost}`;

  let closing: Promise<void> | null = null;
  return {
    baseUrl,
    tokenUrl: `${baseUrl}${TOKEN_PATH}`,
    specUrl: `${baseUrl}${SPEC_PATH}`,
    specRevision: revision,
    clients,
    setFaults: (next) => faults.set(next),
    close: () => {
      closing ??= new Promise<void>((resolve) => {
        for (const timer of timers) clearTimeout(timer);
        timers.clear();
        server.close(() => resolve());
        server.closeAllConnections();
      });
      return closing;
    },
  };
}

/** What the misconfigured mode's unguarded route runs as: nobody, with exactly the scopes it needs. */
function anonymousToken(route: Route): IssuedToken {
  return { clientId: 'anonymous', scopes: new Set(route.scopes), expiresAt: Number.POSITIVE_INFINITY, revoked: false };
}

/** The URL the client addressed, host included (for `page.next`); null when it cannot be parsed. */
function requestUrl(req: IncomingMessage, ownHost: string): URL | null {
  const target = req.url ?? '/';
  if (!target.startsWith('/')) return null;
  for (const authority of [req.headers.host, ownHost]) {
    if (!authority) continue;
    try {
      return new URL(`http://${authority}${target}`);
    } catch {
      // A Host header that is not a host: fall back to our own address.
    }
  }
  return null;
}

/** A revision's routes do not change, so every sandbox in the process shares them and their compiled validators. */
const routers = new Map<SpecRevision, Router>();

function routerFor(revision: SpecRevision): Router {
  let router = routers.get(revision);
  if (!router) {
    router = new Router(sandboxSpec(revision), HANDLERS, ['issueToken', 'revokeToken']);
    routers.set(revision, router);
  }
  return router;
}

function validateQuery(route: Route, url: URL): Record<string, unknown> {
  const query: Record<string, unknown> = {};
  for (const parameter of route.parameters) {
    if (parameter.in !== 'query') continue;
    const value = url.searchParams.get(parameter.name);
    if (value !== null) query[parameter.name] = value;
  }
  const valid = route.validateQuery();
  if (!valid(query)) throw ApiProblem.validation(fieldErrors(valid.errors));
  return query;
}

async function readValidBody(route: Route, req: IncomingMessage): Promise<unknown> {
  const valid = route.validateBody();
  if (!valid) return undefined;
  const read = await readBody(req);
  if (!read.ok) throw new ApiProblem(400, RAMP_ERROR_CODES.malformedBody, read.reason);
  const parsed = parseJsonBody(req, read.text);
  if (!parsed.ok) throw new ApiProblem(400, RAMP_ERROR_CODES.malformedBody, parsed.reason);
  if (!valid(parsed.value)) throw ApiProblem.validation(fieldErrors(valid.errors));
  return parsed.value;
}
