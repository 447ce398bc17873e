import { randomBytes, createHash, timingSafeEqual } from 'node:crypto';
import { registerSecret } from '../../../../log/redact';
import { ALL_SCOPES, READ_SCOPES } from '../scopes';
import type { SandboxClient, SandboxOptions } from '../types';

export const DEFAULT_SHORT_LIVED_TTL_SECONDS = 2;

/**
 * The sandbox's clients: `demo` may request every scope, `readOnly` only the `:read` ones (so scope
 * refusals can be tested), `shortLived` the read scopes with tokens that expire in seconds (so expiry can
 * be probed without waiting Ramp's ten days; always generated). Credentials come from the options (the
 * config's, read from the environment in src/config), else are generated; every secret is registered with
 * the redactor here, before anything could log it.
 */
export function resolveClients(options: SandboxOptions): {
  demo: SandboxClient;
  readOnly: SandboxClient;
  shortLived: SandboxClient;
} {
  const demo = credentials(options.demoClient, 'demo');
  const readOnly = credentials(options.readOnlyClient, 'readonly');
  if (demo.clientId === readOnly.clientId) {
    throw new Error('the demo and read-only sandbox clients must have different client ids');
  }
  const shortLived = credentials(undefined, 'shortlived');
  const shortLivedTtl = options.shortLivedTokenTtlSeconds ?? DEFAULT_SHORT_LIVED_TTL_SECONDS;
  if (!Number.isInteger(shortLivedTtl) || shortLivedTtl < 1)
    throw new RangeError('shortLivedTokenTtlSeconds must be a whole number of at least 1');
  return {
    demo: Object.freeze({ ...demo, scopes: Object.freeze([...ALL_SCOPES]) }),
    readOnly: Object.freeze({ ...readOnly, scopes: Object.freeze([...READ_SCOPES]) }),
    shortLived: Object.freeze({
      ...shortLived,
      scopes: Object.freeze([...READ_SCOPES]),
      tokenTtlSeconds: shortLivedTtl,
    }),
  };
}

function credentials(
  given: { clientId: string; clientSecret: string } | undefined,
  label: string,
): { clientId: string; clientSecret: string } {
  const chosen = given ?? {
    clientId: `sandbox_${label}_${randomBytes(6).toString('hex')}`,
    clientSecret: `sandbox_secret_${randomBytes(24).toString('base64url')}`,
  };
  registerSecret(chosen.clientSecret);
  return chosen;
}

/** Constant-time comparison that does not leak the length either. */
export function secretsMatch(given: string, expected: string): boolean {
  const a = createHash('sha256').update(given).digest();
  const b = createHash('sha256').update(expected).digest();
  return timingSafeEqual(a, b);
}
