import { createHash } from 'node:crypto';

/**
 * A short, stable name for a token that says nothing about its value: the first 8 hex digits of its
 * SHA-256. Enough to tell a run's tokens apart in the audit trail and reports; useless to an attacker.
 */
export function tokenFingerprint(token: string): string {
  return createHash('sha256').update(token).digest('hex').slice(0, 8);
}
