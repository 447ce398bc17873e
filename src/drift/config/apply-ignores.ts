import picomatch from 'picomatch';
import type { Finding, ReportedFinding } from '../format/findings';
import { splitOperation } from '../format/findings';
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
  const matchers = rules.map((rule) => ({ rule, matchesPath: rule.path ? picomatch(rule.path, { dot: true }) : null }));

  return findings.map((finding) => {
    const operation = splitOperation(finding.operation);
    let expired: ReportedFinding['ignoreExpired'];
    for (const { rule, matchesPath } of matchers) {
      if (rule.rule !== finding.id) continue;
      if (rule.method && operation?.method !== rule.method) continue;
      if (matchesPath && !(operation && matchesPath(operation.path))) continue;
      const mark = rule.expires ? { reason: rule.reason, expires: rule.expires } : { reason: rule.reason };
      // The ignore applies through the whole of its expiry day (UTC).
      if (rule.expires && rule.expires < today) {
        expired ??= mark;
        continue;
      }
      return { ...finding, ignored: mark };
    }
    return expired ? { ...finding, ignoreExpired: expired } : { ...finding };
  });
}
