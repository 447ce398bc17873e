import { loadSpec, type LoadedSpec } from '../drift';
import type { RunTokens } from './run-tokens';
import type { VerifyTarget } from './target';

/**
 * The target's published OpenAPI document, fetched at most once per run and shared by the steps that
 * read it (pacts vs spec, responses vs spec, drift): they all judge against the same document, and a
 * staging spec endpoint is asked once. Resolves `null` when the target has no spec URL; a failed fetch
 * rejects every caller with the same error.
 */
export function publishedSpecLoader(target: VerifyTarget, tokens: RunTokens, timeoutMs: number): () => Promise<LoadedSpec | null> {
  let pending: Promise<LoadedSpec | null> | undefined;
  return () => {
    pending ??= fetchPublishedSpec(target, tokens, timeoutMs);
    return pending;
  };
}

async function fetchPublishedSpec(target: VerifyTarget, tokens: RunTokens, timeoutMs: number): Promise<LoadedSpec | null> {
  if (target.specUrl === null) return null;
  const headers = target.specUrlNeedsToken ? { authorization: `Bearer ${(await tokens.provider.getToken()).value}` } : undefined;
  return loadSpec(target.specUrl, { ...(headers ? { headers } : {}), timeoutMs });
}
