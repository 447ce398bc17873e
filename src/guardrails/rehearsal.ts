import type { CaseResult } from '../report/model';
import { guardrailCase } from './cases';
import type { RampStage } from './policy';

/**
 * The step-up rehearsal: the next stage's checks become warnings on the current run (they describe
 * what would fail after the ramp, not what is broken now), plus one summary case.
 */
export function rehearsalCases(current: RampStage, next: RampStage, nextCases: readonly CaseResult[]): CaseResult[] {
  const failing = nextCases.filter((c) => c.outcome === 'failed' || c.outcome === 'error');
  const cases = failing.map((c) =>
    guardrailCase({
      check: 'stage-step-up',
      stage: next.name,
      name: `step-up to ${next.name}: ${c.name}`,
      outcome: 'passed',
      severity: 'warning',
      ...(c.message !== undefined ? { message: `would fail: ${c.message}` } : {}),
      ...(typeof c.data?.['operation'] === 'string' ? { operation: c.data['operation'] } : {}),
      ...(typeof c.data?.['scope'] === 'string' ? { scope: c.data['scope'] } : {}),
      remedy: `before moving to ${next.name}: ${typeof c.data?.['remedy'] === 'string' ? c.data['remedy'] : 'fix it'}`,
      data: { wouldFail: true, underlyingCheck: c.data?.['check'], from: current.name },
    }),
  );
  cases.push(
    guardrailCase({
      check: 'stage-step-up',
      stage: next.name,
      name: `step-up from ${current.name} to ${next.name} rehearsed`,
      outcome: 'passed',
      ...(failing.length > 0 ? { severity: 'warning' as const } : {}),
      message:
        failing.length > 0
          ? `${failing.length} check(s) would fail at ${next.name}`
          : `every rehearsed check holds at ${next.name}`,
      remedy: failing.length > 0 ? 'fix the checks listed as "step-up" before the ramp' : 'nothing to do',
      data: { from: current.name, wouldFail: failing.length },
    }),
  );
  return cases;
}

/** What the next stage changes, and which checks pass at each: the comparison table printed by `--rehearse`. */
export function renderStageComparison(
  current: RampStage,
  next: RampStage,
  currentCases: readonly CaseResult[],
  nextCases: readonly CaseResult[],
): string {
  const rows: string[][] = [['', current.name, next.name]];
  const limit = (s: RampStage) => `${s.rateLimit.requests} / ${s.rateLimit.windowSeconds} s`;
  rows.push(['rate limit', limit(current), limit(next)]);
  rows.push(['max secret age', `${current.maxSecretAgeDays} days`, `${next.maxSecretAgeDays} days`]);
  const added = (a: readonly string[], b: readonly string[]) => b.filter((x) => !a.includes(x));
  const scopeChanges = [
    ...added(current.scopes, next.scopes).map((x) => `+ ${x}`),
    ...added(next.scopes, current.scopes).map((x) => `- ${x}`),
  ];
  const operationChanges = [
    ...added(current.operations, next.operations).map((x) => `+ ${x}`),
    ...added(next.operations, current.operations).map((x) => `- ${x}`),
  ];
  rows.push(['scopes', `${current.scopes.length}`, `${next.scopes.length} (${scopeChanges.length} changed)`]);
  rows.push([
    'operation patterns',
    `${current.operations.length}`,
    `${next.operations.length} (${operationChanges.length} changed)`,
  ]);
  const checks = [
    ...new Set(
      [...currentCases, ...nextCases].map((c) => (typeof c.data?.['check'] === 'string' ? c.data['check'] : '?')),
    ),
  ];
  for (const check of checks) {
    rows.push([`check ${check}`, verdict(currentCases, check), verdict(nextCases, check)]);
  }
  const widths = rows[0]!.map((_, i) => Math.max(...rows.map((r) => (r[i] ?? '').length)));
  const lines = rows.map((r) =>
    r
      .map((cell, i) => cell.padEnd(widths[i] ?? 0))
      .join('  ')
      .trimEnd(),
  );
  lines.splice(1, 0, widths.map((w) => '-'.repeat(w)).join('  '));
  if (scopeChanges.length > 0) lines.push('', `scopes at ${next.name}:`, ...scopeChanges.map((x) => `  ${x}`));
  if (operationChanges.length > 0)
    lines.push('', `operations at ${next.name}:`, ...operationChanges.map((x) => `  ${x}`));
  const failing = nextCases.filter((c) => c.outcome === 'failed' || c.outcome === 'error');
  if (failing.length > 0) {
    lines.push('', `would fail at ${next.name}:`);
    for (const c of failing) lines.push(`  - ${c.name}: ${c.message ?? ''}`);
  }
  return lines.join('\n');
}

function verdict(cases: readonly CaseResult[], check: string): string {
  const mine = cases.filter((c) => c.data?.['check'] === check);
  if (mine.length === 0) return 'not run';
  const failing = mine.filter((c) => c.outcome === 'failed' || c.outcome === 'error').length;
  if (failing > 0) return `FAIL (${failing})`;
  if (mine.every((c) => c.outcome === 'skipped')) return 'skipped';
  return mine.some((c) => c.severity === 'warning') ? 'ok (warnings)' : 'ok';
}
