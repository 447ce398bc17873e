import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadRampPolicy, DEFAULT_POLICY_FILE, type RampPolicy } from './policy';

/**
 * For tests: the committed policy with one-second windows and small limits, so a burst stays small
 * and its Retry-After wait is one second of a manual clock. Same stages, scopes and operations as the real one.
 */
export function fastPolicy(limits: Record<string, number> = { pilot: 60, growth: 80, scale: 100 }): RampPolicy {
  const policy = loadRampPolicy(DEFAULT_POLICY_FILE);
  return {
    ...policy,
    stages: policy.stages.map((stage) => ({
      ...stage,
      rateLimit: { requests: limits[stage.name] ?? stage.rateLimit.requests, windowSeconds: 1 },
    })),
  };
}

/** Writes `policy` to a new temp dir; returns the file and the dir (remove it in afterEach). */
export function writePolicyFile(policy: RampPolicy): { file: string; dir: string } {
  const dir = mkdtempSync(join(tmpdir(), 'rampart-guardrails-'));
  const file = join(dir, 'ramp-policy.json');
  writeFileSync(file, JSON.stringify(policy, null, 2));
  return { file, dir };
}
