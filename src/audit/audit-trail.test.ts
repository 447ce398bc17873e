/**
 * The audit trail is evidence: each line hash-chained to the one before it, each session closed by a
 * record that counts it. These tests write real files and then damage them the ways files get damaged.
 */
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { UsageError } from '../errors';
import { AuditTrail } from './audit-trail';
import { GENESIS_HASH, hashRecord, type AuditEntry } from './record';
import { verifyAuditFile, verifyAuditText } from './verify-audit-file';

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'rampart-audit-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

const entry = (i: number): AuditEntry => ({
  kind: i === 0 ? 'token' : 'api',
  method: i === 0 ? 'POST' : 'get',
  url: `http://127.0.0.1:4010/developer/v1/users?page=${i}`,
  status: 200,
  durationMs: 12.4,
  traceId: `trace-${i}`,
  tokenFingerprint: 'abcd1234',
});

async function writeTrail(records = 5, file = join(dir, 'reports', 'audit.jsonl')): Promise<string> {
  const audit = await AuditTrail.open(file, { now: () => Date.UTC(2026, 0, 1) });
  for (let i = 0; i < records; i += 1) audit.record(entry(i));
  await audit.close();
  return file;
}

const linesOf = async (file: string) => (await readFile(file, 'utf8')).trimEnd().split('\n');
const save = (file: string, lines: string[]) => writeFile(file, `${lines.join('\n')}\n`);

describe('AuditTrail', () => {
  it('writes one chained JSON line per record and a closing record with the count', async () => {
    const file = await writeTrail(3);
    const records = (await linesOf(file)).map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(records).toHaveLength(5);
    expect(records[0]).toMatchObject({ seq: 1, kind: 'start', session: 1, keyed: false, prevHash: GENESIS_HASH });
    expect(records[1]).toMatchObject({
      seq: 2,
      time: '2026-01-01T00:00:00.000Z',
      kind: 'token',
      method: 'POST',
      status: 200,
      durationMs: 12,
      traceId: 'trace-0',
      tokenFingerprint: 'abcd1234',
      prevHash: records[0]?.hash,
    });
    expect(records[2]).toMatchObject({ seq: 3, method: 'GET', prevHash: records[1]?.hash });
    expect(records[4]).toMatchObject({ seq: 5, kind: 'close', count: 3, prevHash: records[3]?.hash });
    for (const record of records) expect(record.hash).toBe(hashRecord(record));
  });

  it('redacts what it is given before hashing it', async () => {
    const file = join(dir, 'a.jsonl');
    const audit = await AuditTrail.open(file);
    audit.record({ ...entry(1), url: 'http://127.0.0.1/x?access_token=abcdefgh', error: 'Bearer abcdefghijkl' });
    await audit.close();
    const text = await readFile(file, 'utf8');
    expect(text).not.toContain('abcdefgh');
    expect((await verifyAuditFile(file)).ok).toBe(true);
  });

  it('continues the chain of an existing file, so sessions can share it', async () => {
    const file = await writeTrail(2);
    await writeTrail(3, file);
    expect(await verifyAuditFile(file)).toMatchObject({ ok: true, records: 9, problems: [], notes: [] });
    expect(JSON.parse((await linesOf(file))[4] ?? '{}')).toMatchObject({ seq: 5, kind: 'start', session: 2 });
  });

  it('refuses to continue a file whose last line is not a record', async () => {
    const file = join(dir, 'bad.jsonl');
    await writeFile(file, 'hello\n');
    await expect(AuditTrail.open(file)).rejects.toThrow(UsageError);
  });

  it('refuses records after close', async () => {
    const audit = await AuditTrail.open(join(dir, 'c.jsonl'));
    await audit.close();
    expect(() => audit.record(entry(1))).toThrow(/already closed/);
    await expect(audit.close()).resolves.toMatchObject({ records: 0 });
  });
});

describe('verifyAuditFile', () => {
  it('accepts an untouched trail', async () => {
    expect(await verifyAuditFile(await writeTrail(5))).toMatchObject({ ok: true, records: 7, problems: [], notes: [] });
  });

  it('reports a changed line by its number', async () => {
    const file = await writeTrail(5);
    const lines = await linesOf(file);
    lines[2] = (lines[2] ?? '').replace('"status":200', '"status":201');
    await save(file, lines);
    const result = await verifyAuditFile(file);
    expect(result.ok).toBe(false);
    expect(result.problems).toEqual([
      { line: 3, message: 'record #3 was changed: its hash does not match its content' },
    ]);
  });

  it('reports a changed line whose hash was recomputed at the next line', async () => {
    const file = await writeTrail(5);
    const lines = await linesOf(file);
    const forged = { ...(JSON.parse(lines[2] ?? '{}') as Record<string, unknown>), status: 500 };
    lines[2] = JSON.stringify({ ...forged, hash: hashRecord(forged) });
    await save(file, lines);
    expect((await verifyAuditFile(file)).problems).toEqual([
      { line: 4, message: "record #4 does not chain to line 3: its prevHash is not that line's hash" },
    ]);
  });

  it('reports a removed line', async () => {
    const file = await writeTrail(5);
    const lines = await linesOf(file);
    lines.splice(1, 1);
    await save(file, lines);
    const { problems } = await verifyAuditFile(file);
    expect(problems[0]).toEqual({
      line: 2,
      message: 'record #3 does not follow line 1 (#1): a record was removed or the lines were reordered',
    });
    expect(problems[1]).toMatchObject({
      line: 6,
      message: expect.stringMatching(/closing record counts 5 records but the session before it has 4/),
    });
  });

  it('reports reordered lines', async () => {
    const file = await writeTrail(5);
    const lines = await linesOf(file);
    [lines[2], lines[3]] = [lines[3] ?? '', lines[2] ?? ''];
    await save(file, lines);
    const { problems } = await verifyAuditFile(file);
    expect(problems[0]).toEqual({
      line: 3,
      message: 'record #4 does not follow line 2 (#2): a record was removed or the lines were reordered',
    });
    expect(problems.map((p) => p.line)).toEqual([3, 4, 5]);
  });

  it('reports an inserted line', async () => {
    const file = await writeTrail(5);
    const lines = await linesOf(file);
    lines.splice(2, 0, lines[1] ?? '');
    await save(file, lines);
    expect((await verifyAuditFile(file)).problems[0]).toEqual({
      line: 3,
      message: 'record #2 does not follow line 2 (#2): a record was inserted or the lines were reordered',
    });
  });

  it('reports a trail without its closing record as truncated', async () => {
    const file = await writeTrail(5);
    const lines = await linesOf(file);
    await save(file, lines.slice(0, 4));
    expect((await verifyAuditFile(file)).problems).toEqual([
      {
        line: 5,
        message:
          'no closing record after the last line: the trail was truncated (or its last run is still running, or crashed)',
      },
    ]);
  });

  it('reports a half-written last line as truncated', async () => {
    const file = await writeTrail(5);
    const text = await readFile(file, 'utf8');
    await writeFile(file, text.slice(0, text.length - 40));
    expect((await verifyAuditFile(file)).problems).toEqual([
      { line: 7, message: 'incomplete last line: the trail was truncated' },
    ]);
  });

  it('reports an empty trail and lines that are not records', () => {
    expect(verifyAuditText('').problems).toEqual([
      { line: 1, message: 'the trail is empty: no closing record (truncated)' },
    ]);
    expect(verifyAuditText('{"seq":1}\n').problems[0]).toEqual({ line: 1, message: 'missing or unknown "kind"' });
    expect(verifyAuditText('nope\n').problems[0]).toEqual({ line: 1, message: 'not a JSON record' });
  });

  it('throws a UsageError for a file it cannot read', async () => {
    await expect(verifyAuditFile(join(dir, 'missing.jsonl'))).rejects.toThrow(
      `cannot read audit trail ${join(dir, 'missing.jsonl')}: ENOENT`,
    );
  });
});

describe('sessions', () => {
  /** A run that crashed: records written, no closing record, maybe half a line. */
  async function crashedSession(file: string, halfLine: boolean): Promise<void> {
    const before = await readFile(file, 'utf8').catch(() => '');
    await writeTrail(2, file);
    // The closing record never made it to disk: the process died first.
    const lines = (await readFile(file, 'utf8')).slice(before.length).trimEnd().split('\n').slice(0, -1);
    await writeFile(file, `${before}${lines.join('\n')}\n${halfLine ? '{"seq":4,"time":"2026-' : ''}`);
  }

  it('a crashed run is a note, "session N ended without a closing record", and the next session still verifies', async () => {
    const file = join(dir, 'audit.jsonl');
    await writeTrail(2, file);
    await crashedSession(file, false);
    await writeTrail(3, file);
    const result = await verifyAuditFile(file);
    expect(result.ok).toBe(true);
    expect(result.notes).toEqual([
      { line: 8, message: 'session 2 ended without a closing record: the run crashed or was killed' },
    ]);
    expect(result.sessions.map((s) => [s.session, s.closed])).toEqual([
      [1, true],
      [2, false],
      [3, true],
    ]);
  });

  it('a crash that cut a line in half does not make the file read as tampered for ever', async () => {
    const file = join(dir, 'audit.jsonl');
    await crashedSession(file, true);
    await writeTrail(1, file);
    const result = await verifyAuditFile(file);
    expect(result.problems).toEqual([]);
    expect(result.notes).toEqual([
      { line: 4, message: 'incomplete line left by a crashed session' },
      { line: 5, message: 'session 1 ended without a closing record: the run crashed or was killed' },
    ]);
    expect(result.sessions.at(-1)).toMatchObject({ session: 2, closed: true });
  });

  it('close() returns the session and its final hash, the hash of the closing record', async () => {
    const file = join(dir, 'audit.jsonl');
    await writeTrail(1, file);
    const audit = await AuditTrail.open(file);
    audit.record(entry(1));
    const end = await audit.close();
    const last = JSON.parse((await linesOf(file)).at(-1) ?? '{}') as { hash: string };
    expect(end).toEqual({ session: 2, records: 1, finalHash: last.hash, keyed: false });
  });

  it('deleting the whole last session is caught by the final hash the run published', async () => {
    const file = join(dir, 'audit.jsonl');
    await writeTrail(2, file);
    const audit = await AuditTrail.open(file);
    audit.record(entry(1));
    const { finalHash } = await audit.close();
    const lines = await linesOf(file);
    await save(file, lines.slice(0, 4));
    expect((await verifyAuditFile(file)).ok).toBe(true);
    expect((await verifyAuditFile(file, { expectFinalHashes: [finalHash] })).problems).toEqual([
      {
        line: 5,
        message: `no session ends with the final hash ${finalHash}: the trail was rewritten or that session removed`,
      },
    ]);
  });
});

describe('RAMPART_AUDIT_KEY', () => {
  const KEY = 'audit-key-0123456789abcdef';

  async function keyedTrail(file: string): Promise<void> {
    const audit = await AuditTrail.open(file, { key: KEY });
    for (let i = 0; i < 3; i += 1) audit.record(entry(i));
    await audit.close();
  }

  it('chains with HMAC: verifies with the key, and says the key is needed without it', async () => {
    const file = join(dir, 'audit.jsonl');
    await keyedTrail(file);
    expect(await verifyAuditFile(file, { key: KEY })).toMatchObject({
      ok: true,
      sessions: [{ session: 1, keyed: true, closed: true }],
    });
    expect(await verifyAuditFile(file)).toMatchObject({
      ok: false,
      problems: [],
      unverified: [{ line: 1, message: 'session 1 is HMAC-chained: set RAMPART_AUDIT_KEY to verify it' }],
    });
    // Another key: one problem for the session, not one for each of its records.
    expect((await verifyAuditFile(file, { key: 'another-key-0123456789' })).problems).toEqual([
      {
        line: 1,
        message:
          'session 1: RAMPART_AUDIT_KEY does not reproduce its HMAC chain: the key is not the one its run used, or the session was rewritten',
      },
    ]);
  });

  it('a rewrite without the key is detected, even with every hash recomputed', async () => {
    const file = join(dir, 'audit.jsonl');
    await keyedTrail(file);
    const records = (await linesOf(file)).map((l) => JSON.parse(l) as Record<string, unknown>);
    // The forger changes a status and rebuilds the whole chain as a plain SHA-256 one, start record included.
    let prevHash = GENESIS_HASH;
    const forged = records.map((record, i) => {
      const changed: Record<string, unknown> = {
        ...record,
        prevHash,
        ...(i === 2 ? { status: 500 } : {}),
        ...(i === 0 ? { keyed: false } : {}),
      };
      delete changed.hash;
      const hash = hashRecord(changed);
      prevHash = hash;
      return JSON.stringify({ ...changed, hash });
    });
    await save(file, forged);
    expect((await verifyAuditFile(file)).ok).toBe(true);
    expect((await verifyAuditFile(file, { key: KEY })).problems).toEqual([
      {
        line: 1,
        message: 'session 1 is not HMAC-chained although a key is given: it was written without the key, or rewritten',
      },
    ]);
    // Keeping the keyed flag and forging the HMAC without the key fails at the session's first record.
    const keyedForgery = forged.map((line, i) => (i === 0 ? line.replace('"keyed":false', '"keyed":true') : line));
    await save(file, keyedForgery);
    expect((await verifyAuditFile(file, { key: KEY })).problems[0]).toEqual({
      line: 1,
      message:
        'session 1: RAMPART_AUDIT_KEY does not reproduce its HMAC chain: the key is not the one its run used, or the session was rewritten',
    });
  });
});
