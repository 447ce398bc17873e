import { buildChanges } from './compare';
import type { Change, ChangeSubject } from './model';
import { ALL_RULES } from './registry';
import type { Rule } from './rules/define';
import { isUnstable } from './rules/sunset';
import type { DiffOptions, Finding, LoadedSpec } from './types';

const STABILITY_RULES = new Set(['api-stability-decreased', 'api-stability-increased']);

function rulesBySubject(rules: readonly Rule[]): Map<ChangeSubject, { rule: Rule; order: number }[]> {
  const index = new Map<ChangeSubject, { rule: Rule; order: number }[]>();
  rules.forEach((rule, order) => {
    const list = index.get(rule.subject) ?? [];
    list.push({ rule, order });
    index.set(rule.subject, list);
  });
  return index;
}

/** Draft and alpha operations promise nothing, so only informational findings are kept for them. */
function exempt(change: Change): boolean {
  const stability = change.op?.base?.stability ?? (change.op?.base ? undefined : change.op?.revision?.stability);
  return isUnstable(stability);
}

/** Runs the rules over an already built change model. */
export function findingsOf(
  changes: readonly Change[],
  options: DiffOptions = {},
  rules: readonly Rule[] = ALL_RULES,
): Finding[] {
  const index = rulesBySubject(rules);
  const levels = options.levels ?? {};
  const found: { finding: Finding; order: number }[] = [];
  const seen = new Set<string>();
  for (const change of changes) {
    const candidates = index.get(change.subject);
    if (!candidates) continue;
    for (const { rule, order } of candidates) {
      const hit = rule.detect(change);
      if (!hit) continue;
      const level = levels[rule.id] ?? rule.level;
      if (level === 'off') continue;
      if (level !== 'info' && exempt(change) && !STABILITY_RULES.has(rule.id)) continue;
      const finding: Finding = {
        id: rule.id,
        level,
        operation: change.operation,
        location: change.location,
        message: hit.message,
        args: hit.args,
      };
      const key = `${rule.id}\0${change.operation}\0${hit.message}\0${change.location.status}\0${change.location.mediaType}\0${change.location.parameter?.in}`;
      if (seen.has(key)) continue;
      seen.add(key);
      found.push({ finding, order });
    }
  }
  // registry order is report order; within a rule, document order
  found.sort((a, b) => a.order - b.order);
  return found.map((f) => f.finding);
}

/**
 * Compares two OpenAPI documents and returns what changed for a client, one finding per rule hit,
 * in registry order. Levels come from each rule unless `options.levels` overrides them.
 */
export function diffSpecs(base: LoadedSpec, revision: LoadedSpec, options: DiffOptions = {}): Finding[] {
  return findingsOf(buildChanges(base, revision, options), options);
}
