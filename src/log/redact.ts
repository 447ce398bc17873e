/**
 * Masks secrets in any text rampart writes. Two layers:
 * - values registered at run time (the client secret, every token minted), masked wherever they appear;
 * - patterns that look like credentials whoever produced them (bearer and basic credentials, Ramp
 *   tokens, `access_token` / `client_secret` fields in JSON or form bodies).
 * Every log line, error message, report and audit record goes through `redact`.
 */

export const MASK = '[REDACTED]';

const registered = new Set<string>();

/** Shorter values would mask ordinary words; secrets and tokens are far longer than this. */
const MIN_SECRET_LENGTH = 6;

export function registerSecret(value: string | null | undefined): void {
  if (value && value.length >= MIN_SECRET_LENGTH) registered.add(value);
}

/** For tests: forget every registered value. */
export function clearRegisteredSecrets(): void {
  registered.clear();
}

const CREDENTIAL_PATTERNS: ReadonlyArray<[RegExp, string]> = [
  // The lookahead spares RFC 6750 challenges (`Bearer error="insufficient_scope"`), which hold no credential.
  [/\b(Bearer|Basic)\s+(?![A-Za-z_]+=")[A-Za-z0-9._~+/=-]{4,}/gi, `$1 ${MASK}`],
  [/\bramp_(?:business_)?tok_[A-Za-z0-9._~-]+/g, MASK],
  [/("(?:access_token|refresh_token|client_secret|token|id_token|password)"\s*:\s*)"[^"]*"/gi, `$1"${MASK}"`],
  [/\b((?:access_token|refresh_token|client_secret|token)=)[^&\s"]+/gi, `$1${MASK}`],
];

export function redact(text: string): string {
  let out = text;
  for (const secret of registered) {
    if (out.includes(secret)) out = out.split(secret).join(MASK);
  }
  for (const [pattern, replacement] of CREDENTIAL_PATTERNS) out = out.replace(pattern, replacement);
  return out;
}

/** Redacts every string inside a JSON-like value (for recorded requests and report payloads). */
export function redactDeep<T>(value: T): T {
  return JSON.parse(redact(JSON.stringify(value))) as T;
}
