/**
 * Masks secrets in any text rampart writes. Two layers:
 * - values registered at run time (the client secret, every token minted), masked wherever they appear;
 * - patterns that look like credentials whoever produced them (bearer and basic credentials, Ramp
 *   tokens, `access_token` / `client_secret` fields in JSON or form bodies, the user info of any URL
 *   and credential-like query parameters).
 * Every log line, error message, report and audit record goes through `redact`; a URL on its own goes
 * through `redactUrl`, which also drops the user info.
 */

export const MASK = '[REDACTED]';

/** Client secrets, keys, the GitHub token: few, and never forgotten. */
const registered = new Set<string>();
/** Access tokens, insertion-ordered so the oldest is the one dropped when the registry is full. */
const tokens = new Set<string>();

/** Shorter values would mask ordinary words; secrets and tokens are far longer than this. */
const MIN_SECRET_LENGTH = 6;

/**
 * A run mints a handful of tokens; a token flood (a sandbox minting for thousands of clients) must not
 * grow the registry, and the cost of every `redact` call, for ever. Only tokens are dropped (oldest
 * first); a dropped Ramp or bearer token is still masked by its shape below.
 */
export const MAX_REGISTERED_SECRETS = 2_000;

/** Registers a long-lived secret (client secret, key, API token of another service): masked for the whole process. */
export function registerSecret(value: string | null | undefined): void {
  if (value && value.length >= MIN_SECRET_LENGTH) registered.add(value);
}

/** Registers an access token: masked while it is among the newest `MAX_REGISTERED_SECRETS` tokens. */
export function registerToken(value: string | null | undefined): void {
  if (!value || value.length < MIN_SECRET_LENGTH || registered.has(value)) return;
  // Registering again moves the value to the young end.
  tokens.delete(value);
  tokens.add(value);
  while (tokens.size > MAX_REGISTERED_SECRETS) {
    const oldest = tokens.values().next().value;
    if (oldest === undefined) break;
    tokens.delete(oldest);
  }
}

/** How many tokens the registry holds (for tests and the sandbox's memory checks). */
export function registeredTokenCount(): number {
  return tokens.size;
}

/** For tests: forget every registered value. */
export function clearRegisteredSecrets(): void {
  registered.clear();
  tokens.clear();
}

/** Query parameters whose values are credentials wherever they appear. */
const SECRET_QUERY_KEYS =
  'access_token|refresh_token|id_token|token|client_secret|secret|password|passwd|pwd|api_key|apikey|key|code|signature|sig|auth';

const CREDENTIAL_PATTERNS: ReadonlyArray<[RegExp, string]> = [
  // The lookahead spares RFC 6750 challenges (`Bearer error="insufficient_scope"`), which hold no credential.
  [/\b(Bearer|Basic)\s+(?![A-Za-z_]+=")[A-Za-z0-9._~+/=-]{4,}/gi, `$1 ${MASK}`],
  [/\bramp_(?:business_)?tok_[A-Za-z0-9._~-]+/g, MASK],
  [/("(?:access_token|refresh_token|client_secret|token|id_token|password)"\s*:\s*)"[^"]*"/gi, `$1"${MASK}"`],
  [/\b((?:access_token|refresh_token|client_secret|token)=)[^&\s"]+/gi, `$1${MASK}`],
  // User info of any URL in the text: `https://user:pass@host` → `https://[REDACTED]@host`. Greedy up to
  // the last `@` before the path, as URL parsers read it, so a password holding `@` is masked whole.
  [/\b([a-z][a-z0-9+.-]*:\/\/)[^\s/?#@"'<>`]*(?:@[^\s/?#@"'<>`]*)*@/gi, `$1${MASK}@`],
  // Credential-like query parameters of any URL in the text.
  [new RegExp(`([?&;](?:${SECRET_QUERY_KEYS})=)[^&#\\s"'<>\`]+`, 'gi'), `$1${MASK}`],
];

export function redact(text: string): string {
  let out = text;
  for (const set of [registered, tokens]) {
    for (const secret of set) {
      if (out.includes(secret)) out = out.split(secret).join(MASK);
    }
  }
  for (const [pattern, replacement] of CREDENTIAL_PATTERNS) out = out.replace(pattern, replacement);
  return out;
}

/** Redacts every string inside a JSON-like value (for recorded requests and report payloads). */
export function redactDeep<T>(value: T): T {
  return JSON.parse(redact(JSON.stringify(value))) as T;
}

const PLACEHOLDER = 'rampart-masked-value';
const SECRET_QUERY_KEY = new RegExp(`^(?:${SECRET_QUERY_KEYS})$`, 'i');

/**
 * The one way a URL reaches output, reports, errors, comments and the audit trail: user info removed,
 * credential-like query values masked, then the usual redaction (registered secrets, credential
 * patterns). Not a URL? Redacted as text.
 */
export function redactUrl(raw: string): string {
  if (!URL.canParse(raw)) return redact(raw);
  const url = new URL(raw);
  url.username = '';
  url.password = '';
  for (const key of [...url.searchParams.keys()]) {
    if (SECRET_QUERY_KEY.test(key)) url.searchParams.set(key, PLACEHOLDER);
  }
  return redact(url.toString().split(PLACEHOLDER).join(MASK));
}
