/** The audit:verify command: its output lines and exit codes, in process and through the script. */
import { spawnSync } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { UsageError } from '../errors';
import { AuditTrail } from './audit-trail';
import { auditVerifyCommand } from './audit-verify-command';

let dir: string;
let file: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'rampart-audit-cmd-'));
  file = join(dir, 'audit.jsonl');
  const audit = await AuditTrail.open(file);
  audit.record({
    kind: 'api',
    method: 'GET',
    url: 'http://127.0.0.1/x',
    status: 200,
    durationMs: 1,
    traceId: null,
    tokenFingerprint: null,
  });
  await audit.close();
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

it('prints OK with the record count and returns 0 for an intact trail', async () => {
  const lines: string[] = [];
  expect(await auditVerifyCommand(file, (l) => lines.push(l))).toBe(0);
  expect(lines).toEqual([
    expect.stringMatching(/^session 1: final hash [0-9a-f]{64}$/),
    'audit trail OK: 3 records in 1 session',
  ]);
});

it('prints each problem with its line and returns 1 for a damaged trail', async () => {
  const text = await readFile(file, 'utf8');
  await writeFile(file, text.replace('"status":200', '"status":204'));
  const lines: string[] = [];
  expect(await auditVerifyCommand(file, (l) => lines.push(l))).toBe(1);
  expect(lines.slice(1)).toEqual([
    `${file}:2: record #2 was changed: its hash does not match its content`,
    `audit trail BROKEN: 1 problem in ${file}`,
  ]);
});

it('says NOT VERIFIED and returns 2 for an HMAC-chained trail checked without its key: no verdict either way', async () => {
  const keyed = join(dir, 'keyed.jsonl');
  const audit = await AuditTrail.open(keyed, { key: 'the-teams-audit-key-0123' });
  await audit.close();
  const lines: string[] = [];
  expect(await auditVerifyCommand(keyed, (l) => lines.push(l))).toBe(2);
  expect(lines.slice(1)).toEqual([
    `${keyed}:1: session 1 is HMAC-chained: set RAMPART_AUDIT_KEY to verify it`,
    `audit trail NOT VERIFIED: 1 session needs the key, in ${keyed}`,
  ]);
});

it('throws a UsageError (exit 2) for an unreadable file', async () => {
  await expect(auditVerifyCommand(join(dir, 'nope.jsonl'), () => undefined)).rejects.toThrow(UsageError);
});

it('runs as a script with exit codes 0, 1 and 2', async () => {
  const root = resolve(__dirname, '../..');
  const run = (arg: string) =>
    spawnSync(process.execPath, ['--require', require.resolve('tsx/cjs'), join(root, 'scripts/audit-verify.ts'), arg], {
      encoding: 'utf8',
      cwd: root,
      timeout: 20_000,
    });
  const ok = run(file);
  expect([ok.status, ok.stdout.trim().split('\n').at(-1)]).toEqual([0, 'audit trail OK: 3 records in 1 session']);
  await writeFile(file, (await readFile(file, 'utf8')).split('\n').slice(0, 2).join('\n') + '\n');
  const broken = run(file);
  expect(broken.status).toBe(1);
  expect(broken.stdout).toContain(`${file}:3: no closing record after the last line: the trail was truncated`);
  const missing = run(join(dir, 'nope.jsonl'));
  expect(missing.status).toBe(2);
  expect(missing.stderr.trim()).toBe(`rampart: cannot read audit trail ${join(dir, 'nope.jsonl')}: ENOENT`);
}, 30_000);
