import type { IncomingMessage, ServerResponse } from 'node:http';
import { mediaType, readBody } from '../http/body';
import { sendEmpty, sendJson } from '../../../../http/respond';
import { isKnownScope } from '../scopes';
import type { SandboxClient } from '../types';
import { secretsMatch } from './clients';
import type { TokenStore } from './token-store';

/**
 * `POST /developer/v1/token` (client credentials, RFC 6749 section 4.4) and `POST .../token/revoke`
 * (RFC 7009). Client authentication is HTTP Basic only, as Ramp documents; it is checked before the
 * body is looked at, so an unauthenticated caller learns nothing about the request it sent.
 */

export interface TokenEndpointDeps {
  clients: readonly SandboxClient[];
  tokens: TokenStore;
  /** Misconfigured mode only: scopes granted on top of those requested. @default none */
  extraGrantedScopes?: readonly string[];
}

type OAuthErrorCode =
  'invalid_request' | 'invalid_client' | 'invalid_scope' | 'unsupported_grant_type' | 'temporarily_unavailable';

const NO_STORE = { 'cache-control': 'no-store', pragma: 'no-cache' };

export function sendOAuthError(res: ServerResponse, status: number, error: OAuthErrorCode, description: string): void {
  const headers: Record<string, string> = { ...NO_STORE };
  if (error === 'invalid_client') headers['www-authenticate'] = 'Basic realm="ramp", charset="UTF-8"';
  sendJson(res, status, { error, error_description: description }, headers);
}

export async function handleTokenRequest(
  req: IncomingMessage,
  res: ServerResponse,
  deps: TokenEndpointDeps,
): Promise<void> {
  const request = await authenticatedForm(req, res, deps.clients);
  if (!request) return;
  const { client, form } = request;

  const grantType = form.get('grant_type');
  if (!grantType) return sendOAuthError(res, 400, 'invalid_request', 'grant_type is required.');
  if (grantType !== 'client_credentials') {
    return sendOAuthError(
      res,
      400,
      'unsupported_grant_type',
      `grant_type "${grantType}" is not supported; use client_credentials.`,
    );
  }
  const scopeText = form.get('scope')?.trim();
  if (!scopeText)
    return sendOAuthError(res, 400, 'invalid_request', 'scope is required: a space-separated list of scopes.');
  const requested = [...new Set(scopeText.split(/\s+/))];
  const unknown = requested.filter((scope) => !isKnownScope(scope));
  if (unknown.length > 0) return sendOAuthError(res, 400, 'invalid_scope', `Unknown scope: ${unknown.join(' ')}.`);
  const notAllowed = requested.filter((scope) => !client.scopes.includes(scope));
  if (notAllowed.length > 0) {
    return sendOAuthError(res, 400, 'invalid_scope', `Scope not allowed for this client: ${notAllowed.join(' ')}.`);
  }

  const granted = [...new Set([...requested, ...(deps.extraGrantedScopes ?? [])])];
  const lifetimeSeconds = client.tokenTtlSeconds ?? deps.tokens.lifetimeSeconds;
  const accessToken = deps.tokens.issue(client.clientId, granted, lifetimeSeconds);
  sendJson(
    res,
    200,
    { access_token: accessToken, token_type: 'Bearer', expires_in: lifetimeSeconds, scope: granted.join(' ') },
    NO_STORE,
  );
}

export async function handleRevokeRequest(
  req: IncomingMessage,
  res: ServerResponse,
  deps: TokenEndpointDeps,
): Promise<void> {
  const request = await authenticatedForm(req, res, deps.clients);
  if (!request) return;
  const { client, form } = request;
  const token = form.get('token');
  if (!token) return sendOAuthError(res, 400, 'invalid_request', 'token is required.');
  deps.tokens.revoke(token, client.clientId);
  sendEmpty(res, 200, NO_STORE);
}

/** The client, then its form: the body is read only once the client is authenticated. Answers the error itself. */
async function authenticatedForm(
  req: IncomingMessage,
  res: ServerResponse,
  clients: readonly SandboxClient[],
): Promise<{ client: SandboxClient; form: Map<string, string> } | undefined> {
  const client = authenticateClient(req, res, clients);
  if (!client) return undefined;
  const form = await readForm(req, res);
  return form && { client, form };
}

function authenticateClient(
  req: IncomingMessage,
  res: ServerResponse,
  clients: readonly SandboxClient[],
): SandboxClient | undefined {
  const header = req.headers.authorization ?? '';
  const match = /^Basic\s+([A-Za-z0-9+/=]+)\s*$/i.exec(header);
  if (!match) {
    sendOAuthError(
      res,
      401,
      'invalid_client',
      'Client authentication failed: send the client id and secret with HTTP Basic.',
    );
    return undefined;
  }
  const decoded = Buffer.from(match[1] as string, 'base64').toString('utf8');
  const colon = decoded.indexOf(':');
  const id = formDecode(colon < 0 ? decoded : decoded.slice(0, colon));
  const secret = formDecode(colon < 0 ? '' : decoded.slice(colon + 1));
  const client = clients.find((candidate) => candidate.clientId === id);
  // Compare even for unknown ids so timing does not tell which ids exist.
  const secretOk = secretsMatch(secret, client?.clientSecret ?? '\u0000unknown-client');
  if (!client || !secretOk) {
    sendOAuthError(res, 401, 'invalid_client', 'Client authentication failed: unknown client or wrong secret.');
    return undefined;
  }
  return client;
}

/** RFC 6749 2.3.1: id and secret are form-encoded before Basic encoding; plain values decode to themselves. */
function formDecode(value: string): string {
  try {
    return decodeURIComponent(value.replace(/\+/g, ' '));
  } catch {
    return value;
  }
}

/** The body as name → value, from form-urlencoded (the standard) or JSON (accepted too). */
async function readForm(req: IncomingMessage, res: ServerResponse): Promise<Map<string, string> | undefined> {
  const body = await readBody(req);
  if (!body.ok) {
    sendOAuthError(res, 400, 'invalid_request', body.reason);
    return undefined;
  }
  const type = mediaType(req);
  if (type === 'application/x-www-form-urlencoded' || (type === '' && body.text.trim() === '')) {
    const params = new URLSearchParams(body.text);
    const form = new Map<string, string>();
    for (const [name, value] of params) {
      if (form.has(name)) {
        sendOAuthError(res, 400, 'invalid_request', `Parameter ${name} is repeated.`);
        return undefined;
      }
      form.set(name, value);
    }
    return form;
  }
  if (type === 'application/json') {
    let parsed: unknown;
    try {
      parsed = JSON.parse(body.text);
    } catch {
      sendOAuthError(res, 400, 'invalid_request', 'The request body is not valid JSON.');
      return undefined;
    }
    if (!parsed || typeof parsed !== 'object' || Array.isArray(parsed)) {
      sendOAuthError(res, 400, 'invalid_request', 'The JSON body must be an object.');
      return undefined;
    }
    const form = new Map<string, string>();
    for (const [name, value] of Object.entries(parsed)) {
      if (typeof value !== 'string') {
        sendOAuthError(res, 400, 'invalid_request', `Parameter ${name} must be a string.`);
        return undefined;
      }
      form.set(name, value);
    }
    return form;
  }
  sendOAuthError(
    res,
    400,
    'invalid_request',
    'Content-Type must be application/x-www-form-urlencoded (or application/json).',
  );
  return undefined;
}
