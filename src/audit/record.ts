import { createHash, createHmac } from 'node:crypto';

/**
 * What one audit line is about: the start of a session (one run), an API call, a token grant, a token
 * revocation, or the end of a session.
 */
export type AuditKind = 'start' | 'api' | 'token' | 'revoke' | 'close';

/** The facts of one request, as the HTTP client and the token provider report them. */
export interface AuditEntry {
  kind: Exclude<AuditKind, 'close' | 'start'>;
  method: string;
  /** Without credentials or secret query values; redacted again before it is written. */
  url: string;
  /** `null` when no response came back (network failure, timeout). */
  status: number | null;
  durationMs: number;
  /** The provider's `x-trace-id`, when it sent one. */
  traceId: string | null;
  /** `tokenFingerprint()` of the token the request carried or obtained; never the token. */
  tokenFingerprint: string | null;
  /** Network error code (`ECONNRESET`, `ECONNABORTED`, ...) when no response came back. */
  error?: string;
}

/** One line of `audit.jsonl`. */
export interface AuditRecord {
  /** 1-based position in the file; consecutive across sessions appended to the same file. */
  seq: number;
  time: string;
  kind: AuditKind;
  method: string | null;
  url: string | null;
  status: number | null;
  durationMs: number | null;
  traceId: string | null;
  tokenFingerprint: string | null;
  error?: string;
  /** Closing records only: how many records the session wrote before this one (its start record excluded). */
  count?: number;
  /** Start records only: the session's number in the file, 1 for the first run that wrote to it. */
  session?: number;
  /** Start records only: the session's hashes are HMAC-SHA256 with `RAMPART_AUDIT_KEY`, not plain SHA-256. */
  keyed?: boolean;
  /** `hash` of the previous line; 64 zeros on the first line. */
  prevHash: string;
  /**
   * SHA-256 of the canonical form of this record without `hash` (which includes `prevHash`); in a keyed
   * session, HMAC-SHA256 of it with the audit key.
   */
  hash: string;
}

export const GENESIS_HASH = '0'.repeat(64);

/** Keys sorted, no whitespace: the form the hash is taken over, whatever order the line was written in. */
export function canonicalize(record: Omit<AuditRecord, 'hash'> | Record<string, unknown>): string {
  const sorted = Object.keys(record)
    .filter((key) => key !== 'hash' && (record as Record<string, unknown>)[key] !== undefined)
    .sort()
    .map((key) => [key, (record as Record<string, unknown>)[key]] as const);
  return JSON.stringify(Object.fromEntries(sorted));
}

/** The record's hash: plain SHA-256, or HMAC-SHA256 with `key` (a keyed session). */
export function hashRecord(
  record: Omit<AuditRecord, 'hash'> | Record<string, unknown>,
  key: string | null = null,
): string {
  const digest = key === null ? createHash('sha256') : createHmac('sha256', key);
  return digest.update(canonicalize(record)).digest('hex');
}
