import { extraTokenOrigins, type RampartConfig } from '../config';
import { loadSpec, type LoadedSpec } from '../openapi';
import { specFetchClient } from '../http';
import type { RunTokens } from './run-tokens';
import type { VerifyTarget } from './target';

/**
 * The target's published OpenAPI document, fetched at most once per run and shared by the steps that
 * read it (pacts vs spec, responses vs spec, drift): they all judge against the same document, and a
 * staging spec endpoint is asked once. Resolves `null` when the target has no spec URL; a failed fetch
 * rejects every caller with the same error. With `specUrlNeedsToken` the fetch goes through the one
 * HTTP client (token only to the API's origin or the named spec host, audited); either way it is
 * bounded by `config.http`'s deadline and size cap.
 */
export function publishedSpecLoader(
  target: VerifyTarget,
  tokens: RunTokens,
  config: Pick<RampartConfig, 'http' | 'specUrl' | 'specUrlNeedsToken' | 'specTokenHost'>,
  log: (line: string) => void = () => undefined,
): () => Promise<LoadedSpec | null> {
  let pending: Promise<LoadedSpec | null> | undefined;
  return () => {
    pending ??= fetchPublishedSpec(target, tokens, config, log);
    return pending;
  };
}

async function fetchPublishedSpec(
  target: VerifyTarget,
  tokens: RunTokens,
  config: Pick<RampartConfig, 'http' | 'specUrl' | 'specUrlNeedsToken' | 'specTokenHost'>,
  log: (line: string) => void,
): Promise<LoadedSpec | null> {
  if (target.specUrl === null) return null;
  const bounds = {
    timeoutMs: config.http.timeoutMs,
    deadlineMs: config.http.deadlineMs,
    maxBytes: config.http.maxResponseBytes,
  };
  if (!target.specUrlNeedsToken) return loadSpec(target.specUrl, bounds);
  const http = specFetchClient({
    specUrl: target.specUrl,
    apiBaseUrl: target.baseUrl,
    tokenProvider: tokens.provider,
    allowedOrigins: extraTokenOrigins(config, target.baseUrl),
    limits: config.http,
    log,
  });
  return loadSpec(target.specUrl, { ...bounds, http });
}
