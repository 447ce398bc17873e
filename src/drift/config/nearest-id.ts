/** Below this share of the longer id left intact, a hint would name an unrelated id (commander's threshold). */
const MIN_SIMILARITY = 0.4;

/**
 * The known id closest to `unknown` by edit distance, for "did you mean" hints; null when even the
 * closest one is mostly different.
 */
export function nearestId(unknown: string, known: readonly string[]): string | null {
  let best: string | null = null;
  let bestSimilarity = MIN_SIMILARITY;
  for (const candidate of known) {
    const longer = Math.max(unknown.length, candidate.length);
    const similarity = (longer - editDistance(unknown, candidate)) / longer;
    if (similarity > bestSimilarity) {
      best = candidate;
      bestSimilarity = similarity;
    }
  }
  return best;
}

/** Levenshtein distance, two rows of memory. */
export function editDistance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i += 1) {
    const current = [i];
    for (let j = 1; j <= b.length; j += 1) {
      const substitution = (previous[j - 1] ?? 0) + (a[i - 1] === b[j - 1] ? 0 : 1);
      current.push(Math.min((previous[j] ?? 0) + 1, (current[j - 1] ?? 0) + 1, substitution));
    }
    previous = current;
  }
  return previous[b.length] ?? 0;
}
