import { readFile } from 'node:fs/promises';
import { UsageError } from '../errors';
import { GENESIS_HASH, hashRecord, type AuditKind } from './record';

export interface AuditProblem {
  /** 1-based line number in the file. */
  line: number;
  message: string;
}

export interface AuditVerification {
  ok: boolean;
  /** Lines that parsed as records (closing records included). */
  records: number;
  problems: AuditProblem[];
}

const KINDS: ReadonlySet<AuditKind> = new Set(['api', 'token', 'revoke', 'close']);
const HASH = /^[0-9a-f]{64}$/;

/**
 * Checks an audit trail: every line a record whose hash matches its content, each linked to the line
 * before it (`prevHash`, consecutive `seq`), each session ended by a closing record counting its
 * records, and the file ending with one. Each problem names the first line where the damage shows:
 * - changed line: its own hash no longer matches (or, if the hash was recomputed, the next line's link);
 * - removed, inserted or reordered line: the first line whose link to its predecessor breaks;
 * - truncated file: the line where the closing record should be.
 *
 * A hash chain without a key proves integrity against accidents and casual edits, not against someone
 * who rewrites every hash after their change; keep the final hash (the closing record's) elsewhere for that.
 *
 * @throws UsageError when the file cannot be read.
 */
export async function verifyAuditFile(file: string): Promise<AuditVerification> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    throw new UsageError(`cannot read audit trail ${file}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`);
  }
  return verifyAuditText(text);
}

/** `verifyAuditFile` on text already read. */
export function verifyAuditText(text: string): AuditVerification {
  const problems: AuditProblem[] = [];
  const lines = text.split('\n');
  const endsWithNewline = lines.at(-1) === '';
  if (endsWithNewline) lines.pop();

  let records = 0;
  let previous: { seq: number; hash: string } | null = null;
  let sinceClose = 0;
  let lastKind: AuditKind | null = null;

  lines.forEach((text, index) => {
    const line = index + 1;
    const isLast = index === lines.length - 1;
    let parsed: unknown;
    try {
      parsed = JSON.parse(text);
    } catch {
      problems.push({
        line,
        message: isLast && !endsWithNewline ? 'incomplete last line: the trail was truncated' : 'not a JSON record',
      });
      previous = null;
      lastKind = null;
      return;
    }
    const shape = shapeProblem(parsed);
    if (shape !== null) {
      problems.push({ line, message: shape });
      previous = null;
      lastKind = null;
      return;
    }
    const record = parsed as { seq: number; kind: AuditKind; prevHash: string; hash: string; count?: number };
    records += 1;
    lastKind = record.kind;

    const expectedPrev = previous === null ? (line === 1 ? { seq: 0, hash: GENESIS_HASH } : null) : previous;
    previous = { seq: record.seq, hash: record.hash };

    if (hashRecord(parsed as Record<string, unknown>) !== record.hash) {
      problems.push({ line, message: `record #${record.seq} was changed: its hash does not match its content` });
    } else if (expectedPrev !== null && (record.prevHash !== expectedPrev.hash || record.seq !== expectedPrev.seq + 1)) {
      problems.push({ line, message: linkProblem(line, record, expectedPrev) });
    }

    if (record.kind === 'close') {
      if (record.count !== sinceClose) {
        problems.push({
          line,
          message: `closing record counts ${String(record.count)} records but the session before it has ${sinceClose}: records were removed or inserted`,
        });
      }
      sinceClose = 0;
    } else {
      sinceClose += 1;
    }
  });

  if (lines.length === 0) {
    problems.push({ line: 1, message: 'the trail is empty: no closing record (truncated)' });
  } else if (lastKind !== 'close' && !problems.some((p) => p.line === lines.length && /truncated/.test(p.message))) {
    problems.push({ line: lines.length + 1, message: 'no closing record after the last line: the trail was truncated' });
  }

  problems.sort((a, b) => a.line - b.line);
  return { ok: problems.length === 0, records, problems };
}

function linkProblem(
  line: number,
  record: { seq: number; prevHash: string },
  expected: { seq: number; hash: string },
): string {
  const what = line === 1 ? 'the start of the trail' : `line ${line - 1}`;
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
