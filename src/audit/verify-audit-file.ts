import { readFile } from 'node:fs/promises';
import { UsageError } from '../errors';
import { GENESIS_HASH, hashRecord, type AuditKind } from './record';

export interface AuditProblem {
  /** 1-based line number in the file. */
  line: number;
  message: string;
}

/** One session (run) of the trail, as verified. */
export interface AuditSessionSummary {
  session: number;
  /** Line of its start record (its first line, for a file written before sessions had one). */
  line: number;
  keyed: boolean;
  /** Its closing record's hash: the anchor to compare with the one the run printed and wrote to verify.json. */
  finalHash: string | null;
  /** `false`: the run crashed or was killed (or the file was cut) before writing its closing record. */
  closed: boolean;
}

export interface AuditVerification {
  ok: boolean;
  /** Lines that parsed as records (start and closing records included). */
  records: number;
  problems: AuditProblem[];
  /** What is worth knowing but is no damage: sessions that crashed, a half line a crash left. */
  notes: AuditProblem[];
  /** Sessions that could not be checked: HMAC-chained, and no key given. Not `ok`, but no damage found. */
  unverified: AuditProblem[];
  sessions: AuditSessionSummary[];
}

/** Options of `verifyAuditText` and `verifyAuditFile`. */
export interface VerifyAuditOptions {
  /**
   * `RAMPART_AUDIT_KEY`. With it, keyed sessions are checked with HMAC, and a session that is not keyed
   * is a problem (the key must have been in force: a rewrite could have dropped it). Without it, a
   * keyed session cannot be checked and is a problem. @default null
   */
  key?: string | null;
  /** Final hashes kept elsewhere (CI logs, verify.json): each must close a session of this file. */
  expectFinalHashes?: readonly string[];
}

const KINDS: ReadonlySet<AuditKind> = new Set(['start', 'api', 'token', 'revoke', 'close']);
const HASH = /^[0-9a-f]{64}$/;

/**
 * Checks an audit trail: every line a record whose hash matches its content (HMAC with the key in keyed
 * sessions), each linked to the record before it (`prevHash`, consecutive `seq`), each session opened
 * by a start record and ended by a closing record counting its records, and the file ending with one.
 * Each problem names the first line where the damage shows:
 * - changed line: its own hash no longer matches (or, if the hash was recomputed, the next line's link);
 * - removed, inserted or reordered line: the first line whose link to its predecessor breaks;
 * - truncated file: the line where the closing record should be.
 * A session followed by another's start record without having closed is a crash, not damage: it is a
 * note ("session N ended without a closing record") and the sessions after it verify as usual.
 *
 * Without a key, a hash chain proves integrity against accidents and casual edits, not against someone
 * who rewrites every hash after their change (or deletes whole sessions at the end): compare the final
 * hashes the runs printed (`expectFinalHashes`), or set `RAMPART_AUDIT_KEY`.
 *
 * @throws UsageError when the file cannot be read.
 */
export async function verifyAuditFile(file: string, options: VerifyAuditOptions = {}): Promise<AuditVerification> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    throw new UsageError(
      `cannot read audit trail ${file}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`,
    );
  }
  return verifyAuditText(text, options);
}

interface Parsed {
  seq: number;
  kind: AuditKind;
  prevHash: string;
  hash: string;
  count?: number;
  session?: number;
  keyed?: boolean;
}

/** `verifyAuditFile` on text already read. */
export function verifyAuditText(text: string, options: VerifyAuditOptions = {}): AuditVerification {
  const key = options.key ?? null;
  const problems: AuditProblem[] = [];
  const notes: AuditProblem[] = [];
  const sessions: AuditSessionSummary[] = [];
  const lines = text.split('\n');
  const endsWithNewline = lines.at(-1) === '';
  if (endsWithNewline) lines.pop();

  let records = 0;
  let previous: { seq: number; hash: string } | null = null;
  let previousLine = 0;
  let sinceStart = 0;
  let current: AuditSessionSummary | null = null;
  let lastKind: AuditKind | null = null;
  /** An unparsable line that a following start record may explain as a crash's half-written line. */
  let pendingRemnant: AuditProblem | null = null;

  const unverified: AuditProblem[] = [];
  /** Keyed sessions whose start record's HMAC the given key does not reproduce: one problem each, not one a record. */
  const otherKey = new Set<number>();
  lines.forEach((text, index) => {
    const line = index + 1;
    const isLast = index === lines.length - 1;
    let parsed: unknown;
    try {
      parsed = JSON.parse(text);
    } catch {
      if (isLast && !endsWithNewline) {
        problems.push({ line, message: 'incomplete last line: the trail was truncated' });
      } else {
        pendingRemnant = { line, message: 'not a JSON record' };
      }
      lastKind = null;
      return;
    }
    const shape = shapeProblem(parsed);
    if (shape !== null) {
      flushRemnant();
      problems.push({ line, message: shape });
      previous = null;
      lastKind = null;
      return;
    }
    const record = parsed as Parsed;
    records += 1;

    if (record.kind === 'start') {
      if (pendingRemnant !== null) {
        notes.push({
          line: pendingRemnant.line,
          message: 'incomplete line left by a crashed session',
        });
        pendingRemnant = null;
      }
      if (current !== null && !current.closed) {
        notes.push({
          line,
          message: `session ${current.session} ended without a closing record: the run crashed or was killed`,
        });
      }
      current = {
        session: record.session ?? sessions.length + 1,
        line,
        keyed: record.keyed === true,
        finalHash: null,
        closed: false,
      };
      sessions.push(current);
      sinceStart = 0;
    } else {
      flushRemnant();
      if (current === null) {
        // A file written before sessions had start records: its first session has none.
        current = { session: 1, line, keyed: false, finalHash: null, closed: false };
        sessions.push(current);
        if (key !== null)
          problems.push({
            line,
            message: 'session 1 has no start record and is not HMAC-chained although a key is given',
          });
      }
    }
    const session = current;
    lastKind = record.kind;

    const expectedPrev = previous === null ? (line === 1 ? { seq: 0, hash: GENESIS_HASH } : null) : previous;
    const linkedLine = previousLine;
    previous = { seq: record.seq, hash: record.hash };
    previousLine = line;

    if (session.keyed && key === null) {
      if (record.kind === 'start')
        unverified.push({
          line,
          message: `session ${session.session} is HMAC-chained: set RAMPART_AUDIT_KEY to verify it`,
        });
    } else if (otherKey.has(session.session)) {
      // Reported once at its start record.
    } else if (
      session.keyed &&
      record.kind === 'start' &&
      hashRecord(parsed as Record<string, unknown>, key) !== record.hash
    ) {
      otherKey.add(session.session);
      problems.push({
        line,
        message: `session ${session.session}: RAMPART_AUDIT_KEY does not reproduce its HMAC chain: the key is not the one its run used, or the session was rewritten`,
      });
    } else if (!session.keyed && key !== null && record.kind === 'start') {
      problems.push({
        line,
        message: `session ${session.session} is not HMAC-chained although a key is given: it was written without the key, or rewritten`,
      });
    } else if (hashRecord(parsed as Record<string, unknown>, session.keyed ? key : null) !== record.hash) {
      problems.push({ line, message: `record #${record.seq} was changed: its hash does not match its content` });
    }
    if (expectedPrev !== null && (record.prevHash !== expectedPrev.hash || record.seq !== expectedPrev.seq + 1)) {
      if (!problems.some((p) => p.line === line))
        problems.push({ line, message: linkProblem(line, linkedLine, record, expectedPrev) });
    }

    if (record.kind === 'close') {
      if (record.count !== sinceStart) {
        problems.push({
          line,
          message: `closing record counts ${String(record.count)} records but the session before it has ${sinceStart}: records were removed or inserted`,
        });
      }
      session.closed = true;
      session.finalHash = record.hash;
      current = null;
      sinceStart = 0;
    } else if (record.kind !== 'start') {
      sinceStart += 1;
    }
  });
  flushRemnant();

  if (lines.length === 0) {
    problems.push({ line: 1, message: 'the trail is empty: no closing record (truncated)' });
  } else if (lastKind !== 'close' && !problems.some((p) => p.line === lines.length && /truncated/.test(p.message))) {
    problems.push({
      line: lines.length + 1,
      message:
        'no closing record after the last line: the trail was truncated (or its last run is still running, or crashed)',
    });
  }
  for (const expected of options.expectFinalHashes ?? []) {
    if (!sessions.some((s) => s.finalHash === expected)) {
      problems.push({
        line: lines.length + 1,
        message: `no session ends with the final hash ${expected}: the trail was rewritten or that session removed`,
      });
    }
  }

  problems.sort((a, b) => a.line - b.line);
  notes.sort((a, b) => a.line - b.line);
  return { ok: problems.length === 0 && unverified.length === 0, records, problems, notes, unverified, sessions };

  function flushRemnant(): void {
    if (pendingRemnant === null) return;
    problems.push(pendingRemnant);
    pendingRemnant = null;
    // What follows a broken line is judged on its own, as after any unreadable line.
    previous = null;
  }
}

function linkProblem(
  line: number,
  linkedLine: number,
  record: { seq: number; prevHash: string },
  expected: { seq: number; hash: string },
): string {
  const what = line === 1 ? 'the start of the trail' : `line ${linkedLine}`;
  if (record.seq > expected.seq + 1 && record.prevHash !== expected.hash) {
    return `record #${record.seq} does not follow ${what} (#${expected.seq}): a record was removed or the lines were reordered`;
  }
  if (record.seq <= expected.seq) {
    return `record #${record.seq} does not follow ${what} (#${expected.seq}): a record was inserted or the lines were reordered`;
  }
  return `record #${record.seq} does not chain to ${what}: its prevHash is not that line's hash`;
}

function shapeProblem(value: unknown): string | null {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return 'not a JSON object';
  const r = value as Record<string, unknown>;
  if (!Number.isInteger(r.seq) || (r.seq as number) < 1) return 'missing or invalid "seq"';
  if (typeof r.kind !== 'string' || !KINDS.has(r.kind as AuditKind)) return 'missing or unknown "kind"';
  if (typeof r.time !== 'string') return 'missing "time"';
  if (typeof r.prevHash !== 'string' || !HASH.test(r.prevHash)) return 'missing or invalid "prevHash"';
  if (typeof r.hash !== 'string' || !HASH.test(r.hash)) return 'missing or invalid "hash"';
  if (r.kind === 'close' && !Number.isInteger(r.count)) return 'closing record without "count"';
  return null;
}
