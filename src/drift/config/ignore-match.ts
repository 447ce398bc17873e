import picomatch from 'picomatch';

/** Where an ignore rule applies and until when: what drift ignores and spec-gap ignores share. */
export interface IgnoreScope {
  /** Upper case; absent: any method. */
  method?: string;
  /** picomatch glob of the operation's path template; absent: any path. */
  path?: string;
  /** `YYYY-MM-DD`, the last day (UTC) the rule applies. */
  expires?: string;
}

const globs = new Map<string, (path: string) => boolean>();

function matcherOf(glob: string): (path: string) => boolean {
  let matcher = globs.get(glob);
  if (!matcher) {
    matcher = picomatch(glob, { dot: true });
    globs.set(glob, matcher);
  }
  return matcher;
}

/**
 * The first rule that covers `operation` and has not expired by `today` (`ignored`); failing that, the
 * first one that covers it but has expired (`expired`), so a report can say why the finding is back.
 * The caller passes only the rules of the finding's id.
 */
export function matchIgnore<R extends IgnoreScope>(
  rules: readonly R[],
  operation: { method: string; path: string } | null,
  today: string,
): { ignored?: R; expired?: R } {
  let expired: R | undefined;
  for (const rule of rules) {
    if (rule.method !== undefined && operation?.method.toUpperCase() !== rule.method) continue;
    if (rule.path !== undefined && !(operation && matcherOf(rule.path)(operation.path))) continue;
    if (rule.expires !== undefined && rule.expires < today) {
      expired ??= rule;
      continue;
    }
    return { ignored: rule };
  }
  return expired ? { expired } : {};
}
