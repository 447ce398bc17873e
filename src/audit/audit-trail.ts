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
  /**
   * `RAMPART_AUDIT_KEY`: this session's records are HMAC-chained with it, so nobody without the key
   * can rewrite them unnoticed. @default null (plain SHA-256 chain)
   */
  key?: string | null;
}

/** What `close` returns: the anchor to keep elsewhere (CI logs, `verify.json`). */
export interface AuditSessionEnd {
  /** The session's number in the file. */
  session: number;
  /** Records this session wrote (its start and closing records excluded). */
  records: number;
  /** The closing record's hash: whoever holds it can tell whether the trail up to it was rewritten. */
  finalHash: string;
  keyed: boolean;
}

/** The request fields of the session's start and closing records, which stand for no request. */
const NO_REQUEST = {
  method: null,
  url: null,
  status: null,
  durationMs: null,
  traceId: null,
  tokenFingerprint: null,
} as const;

/**
 * The run's hash-chained audit log: a start record opening the session, one JSON line per token
 * request, revocation and token-authenticated call, each carrying the hash of the line before it, and a
 * closing record counting them.
 *
 * Lines are written synchronously, one `write` each, so the order in the file is the order of the
 * calls and a crash loses at most the line being written. Opening an existing file continues its chain
 * as a new session: after a crash the new session starts on a fresh line, chained to the last complete
 * record, so `verifyAuditFile` reports the crashed session as one that "ended without a closing record"
 * and still verifies the sessions after it.
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
    readonly session: number,
    private readonly key: string | null,
    private readonly now: () => number,
  ) {
    this.fd = fd;
    this.seq = chain.seq;
    this.lastHash = chain.hash;
  }

  /** Creates the file (and its directories) or continues the chain of the one already there, as a new session. */
  static async open(file: string, options: AuditTrailOptions = {}): Promise<AuditTrail> {
    await mkdir(dirname(file), { recursive: true });
    const chain = await lastLink(file);
    const fd = openSync(file, 'a');
    // A crash can leave half a line: the new session must not continue it.
    if (chain.partialLastLine) writeSync(fd, '\n');
    const key = options.key ?? null;
    const trail = new AuditTrail(file, fd, chain, chain.sessions + 1, key, options.now ?? Date.now);
    trail.append({
      kind: 'start',
      ...NO_REQUEST,
      session: trail.session,
      keyed: key !== null,
    });
    return trail;
  }

  /** Records written by this session so far (the start and closing records not included). */
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
  close(): Promise<AuditSessionEnd> {
    if (this.fd !== null) {
      this.append({
        kind: 'close',
        ...NO_REQUEST,
        count: this.written,
      });
      closeSync(this.fd);
      this.fd = null;
    }
    return Promise.resolve({
      session: this.session,
      records: this.written,
      finalHash: this.lastHash,
      keyed: this.key !== null,
    });
  }

  private append(fields: Omit<AuditRecord, 'seq' | 'time' | 'prevHash' | 'hash'>): AuditRecord {
    if (this.fd === null) throw new Error(`audit trail ${this.file} is already closed`);
    const unhashed: Omit<AuditRecord, 'hash'> = {
      seq: this.seq + 1,
      time: new Date(this.now()).toISOString(),
      ...fields,
      prevHash: this.lastHash,
    };
    const record: AuditRecord = { ...unhashed, hash: hashRecord(unhashed, this.key) };
    writeSync(this.fd, `${JSON.stringify(record)}\n`);
    this.seq = record.seq;
    this.lastHash = record.hash;
    return record;
  }
}

interface ChainEnd {
  seq: number;
  hash: string;
  /** Sessions already in the file (start records; a file from before sessions counts as one). */
  sessions: number;
  /** The file does not end with a newline: a crash cut its last line short. */
  partialLastLine: boolean;
}

/** Where an existing file's chain ends: its last complete record (genesis for a new or empty file). */
async function lastLink(file: string): Promise<ChainEnd> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT')
      return { seq: 0, hash: GENESIS_HASH, sessions: 0, partialLastLine: false };
    throw new UsageError(
      `cannot open audit trail ${file}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`,
    );
  }
  const partialLastLine = text.length > 0 && !text.endsWith('\n');
  const lines = text.split('\n');
  if (partialLastLine) lines.pop();
  const complete = lines.filter((line) => line.trim() !== '');
  // A file written before sessions had start records holds one session without one.
  const legacy = complete[0] !== undefined && !complete[0].includes('"kind":"start"') ? 1 : 0;
  const sessions = complete.filter((line) => line.includes('"kind":"start"')).length + legacy;
  const last = complete.at(-1);
  if (last === undefined) return { seq: 0, hash: GENESIS_HASH, sessions: 0, partialLastLine };
  try {
    const record = JSON.parse(last) as Partial<AuditRecord>;
    if (typeof record.seq === 'number' && typeof record.hash === 'string' && /^[0-9a-f]{64}$/.test(record.hash)) {
      return { seq: record.seq, hash: record.hash, sessions, partialLastLine };
    }
  } catch {
    // falls through to the refusal below
  }
  throw new UsageError(
    `cannot continue audit trail ${file}: its last complete line (${complete.length}) is not an audit record; run audit:verify on it and move it aside`,
  );
}
