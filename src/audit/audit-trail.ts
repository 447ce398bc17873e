import { closeSync, openSync, writeSync } from 'node:fs';
import { mkdir, readFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import { UsageError } from '../errors';
import { redact } from '../log/redact';
import { GENESIS_HASH, hashRecord, type AuditEntry, type AuditRecord } from './record';

/** Options of `AuditTrail.open`. */
export interface AuditTrailOptions {
  /** Clock for the `time` field. @default Date.now */
  now?: () => number;
}

/**
 * The run's hash-chained audit log: one JSON line per token request, revocation and
 * token-authenticated call, each carrying the hash of the line before it, and a closing record.
 *
 * Lines are written synchronously, one `write` each, so the order in the file is the order of the
 * calls and a crash loses at most the line being written (which `verifyAuditFile` then reports as
 * truncation). Opening an existing file continues its chain, so several runs can share one file.
 */
export class AuditTrail {
  private fd: number | null;
  private seq: number;
  private lastHash: string;
  private written = 0;

  private constructor(
    readonly file: string,
    fd: number,
    chain: { seq: number; hash: string },
    private readonly now: () => number,
  ) {
    this.fd = fd;
    this.seq = chain.seq;
    this.lastHash = chain.hash;
  }

  /** Creates the file (and its directories) or continues the chain of the one already there. */
  static async open(file: string, options: AuditTrailOptions = {}): Promise<AuditTrail> {
    await mkdir(dirname(file), { recursive: true });
    const chain = await lastLink(file);
    const fd = openSync(file, 'a');
    return new AuditTrail(file, fd, chain, options.now ?? Date.now);
  }

  /** Records written by this session so far (the closing record not included). */
  get records(): number {
    return this.written;
  }

  get closed(): boolean {
    return this.fd === null;
  }

  /** Appends one record and returns it as written. */
  record(entry: AuditEntry): AuditRecord {
    const written = this.append({
      kind: entry.kind,
      method: entry.method.toUpperCase(),
      url: redact(entry.url),
      status: entry.status,
      durationMs: Math.round(entry.durationMs),
      traceId: entry.traceId === null ? null : redact(entry.traceId),
      tokenFingerprint: entry.tokenFingerprint,
      ...(entry.error === undefined ? {} : { error: redact(entry.error) }),
    });
    this.written += 1;
    return written;
  }

  /** Appends the closing record (the count of this session's records) and closes the file. Idempotent. */
  async close(): Promise<{ records: number; finalHash: string }> {
    if (this.fd !== null) {
      this.append({ kind: 'close', method: null, url: null, status: null, durationMs: null, traceId: null, tokenFingerprint: null, count: this.written });
      closeSync(this.fd);
      this.fd = null;
    }
    return { records: this.written, finalHash: this.lastHash };
  }

  private append(fields: Omit<AuditRecord, 'seq' | 'time' | 'prevHash' | 'hash'>): AuditRecord {
    if (this.fd === null) throw new Error(`audit trail ${this.file} is already closed`);
    const unhashed: Omit<AuditRecord, 'hash'> = {
      seq: this.seq + 1,
      time: new Date(this.now()).toISOString(),
      ...fields,
      prevHash: this.lastHash,
    };
    const record: AuditRecord = { ...unhashed, hash: hashRecord(unhashed) };
    writeSync(this.fd, `${JSON.stringify(record)}\n`);
    this.seq = record.seq;
    this.lastHash = record.hash;
    return record;
  }
}

/** Where an existing file's chain ends: its last record's seq and hash (genesis for a new or empty file). */
async function lastLink(file: string): Promise<{ seq: number; hash: string }> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return { seq: 0, hash: GENESIS_HASH };
    throw new UsageError(`cannot open audit trail ${file}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`);
  }
  const lines = text.split('\n').filter((line) => line.trim() !== '');
  const last = lines.at(-1);
  if (last === undefined) return { seq: 0, hash: GENESIS_HASH };
  try {
    const record = JSON.parse(last) as Partial<AuditRecord>;
    if (typeof record.seq === 'number' && typeof record.hash === 'string' && /^[0-9a-f]{64}$/.test(record.hash)) {
      return { seq: record.seq, hash: record.hash };
    }
  } catch {
    // falls through to the refusal below
  }
  throw new UsageError(
    `cannot continue audit trail ${file}: its last line (${lines.length}) is not an audit record; run audit:verify on it and move it aside`,
  );
}
