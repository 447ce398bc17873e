import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { AuditTrail } from '../audit';
import { loadConfig } from '../config';
import { credentialsOf } from '../verify/run-steps';
import { RunTokens } from '../verify/run-tokens';
import { resolveTarget } from '../verify/target';
import { tokenProbesStep } from './token-probes';

it("records the probes' grants, revocations and token-bearing calls in the run's audit trail", async () => {
  const config = loadConfig({ env: {}, envFile: null });
  const target = await resolveTarget(config);
  const dir = mkdtempSync(join(tmpdir(), 'rampart-probe-step-'));
  const file = join(dir, 'audit.jsonl');
  try {
    const audit = await AuditTrail.open(file);
    const tokens = new RunTokens({ ...credentialsOf(target), audit });
    // Without the sandbox's short-lived client the expired-token probe is skipped instead of waiting.
    const ctx = { config, target: { ...target, expiryClient: undefined }, tokens, audit, log: () => undefined };
    const result = await tokenProbesStep.run(ctx);
    await tokens.revokeAll();
    await audit.close();

    expect(result?.cases.filter((c) => c.outcome !== 'passed').map((c) => c.data?.['probeId'])).toEqual([
      'expired-token',
    ]);
    const records = readFileSync(file, 'utf8')
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line) as { kind: string; status: number | null; tokenFingerprint: string | null });
    const calls = records.filter((r) => r.kind === 'api');
    // No token, a malformed one, the revoked one's control and refusal, the scope probe's refusal.
    expect(calls.map((r) => r.status)).toEqual(expect.arrayContaining([401, 401, 200, 401, 403]));
    const granted = records.filter((r) => r.kind === 'token' && r.status === 200).length;
    expect(granted).toBeGreaterThanOrEqual(2);
    expect(records.filter((r) => r.kind === 'revoke' && r.status === 200)).toHaveLength(granted);
  } finally {
    await target.close();
    rmSync(dir, { recursive: true, force: true });
  }
});
