import type { Finding, ReportedFinding } from '../format/findings';
import { splitOperation } from '../format/findings';
import { matchIgnore } from './ignore-match';
import type { IgnoreRule } from './load-drift-config';

export interface ApplyIgnoresOptions {
  /** The clock deciding whether an ignore has expired. @default () => new Date() */
  now?: () => Date;
}

/**
 * Marks the findings an ignore rule covers. Nothing is dropped: ignored findings are still reported,
 * marked `ignored`; a finding whose only matching rules have expired counts again and is marked
 * `ignoreExpired` so the report can say why it is back.
 */
export function applyIgnores(
  findings: readonly Finding[],
  rules: readonly IgnoreRule[],
  options: ApplyIgnoresOptions = {},
): ReportedFinding[] {
  if (rules.length === 0) return findings.map((f) => ({ ...f }));
  const today = (options.now ?? (() => new Date()))().toISOString().slice(0, 10);
  return findings.map((finding) => {
    const { ignored, expired } = matchIgnore(
      rules.filter((rule) => rule.rule === finding.id),
      splitOperation(finding.operation),
      today,
    );
    if (ignored) return { ...finding, ignored: markOf(ignored) };
    return expired ? { ...finding, ignoreExpired: markOf(expired) } : { ...finding };
  });
}

function markOf(rule: IgnoreRule): { reason: string; expires?: string } {
  return rule.expires ? { reason: rule.reason, expires: rule.expires } : { reason: rule.reason };
}
