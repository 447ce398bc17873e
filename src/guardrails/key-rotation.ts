import type { AuditTrail } from '../audit';
import { TokenProvider } from '../auth';
import { isRampartError, TokenError } from '../errors';
import { createHttpClient, noApiAt, tokensRefusedAt } from '../http';
import type { CaseResult } from '../report/model';
import { guardrailCase, type GuardrailFinding } from './cases';
import type { RampStage } from './policy';
import type { SpecOperation } from './spec-operations';

/** A secret this close to its stage's maximum age is a warning. */
export const KEY_AGE_WARNING_DAYS = 14;
const DAY_MS = 86_400_000;

/** The client secret's age (RAMP_CLIENT_SECRET_ISSUED_AT) against the stage's maximum. */
export function checkKeyAge(o: { stage: RampStage; issuedAt: string | null; now?: () => number }): CaseResult {
  const { stage } = o;
  const base = { check: 'key-age' as const, stage: stage.name };
  const name = `client secret is younger than ${stage.maxSecretAgeDays} days`;
  if (o.issuedAt === null) {
    return guardrailCase({
      ...base,
      name,
      outcome: 'passed',
      severity: 'info',
      message: 'unknown: RAMP_CLIENT_SECRET_ISSUED_AT is not set',
      remedy: 'set RAMP_CLIENT_SECRET_ISSUED_AT (YYYY-MM-DD) to the day the secret was issued',
    });
  }
  const issued = Date.parse(o.issuedAt);
  const ageDays = Math.floor(((o.now ?? Date.now)() - issued) / DAY_MS);
  const data = { issuedAt: o.issuedAt, ageDays, maxSecretAgeDays: stage.maxSecretAgeDays };
  if (ageDays > stage.maxSecretAgeDays) {
    return guardrailCase({
      ...base,
      name,
      outcome: 'failed',
      severity: 'error',
      data,
      message: `the client secret is ${ageDays} days old, past the ${stage.maxSecretAgeDays} days stage ${stage.name} allows`,
      remedy:
        'rotate the client secret in Ramp, update RAMP_CLIENT_SECRET and RAMP_CLIENT_SECRET_ISSUED_AT, and prove the old one rejected (RAMP_PREVIOUS_CLIENT_SECRET)',
    });
  }
  const left = stage.maxSecretAgeDays - ageDays;
  if (left <= KEY_AGE_WARNING_DAYS) {
    return guardrailCase({
      ...base,
      name,
      outcome: 'passed',
      severity: 'warning',
      data,
      message: `the client secret is ${ageDays} days old: ${left} day(s) left of the ${stage.maxSecretAgeDays} stage ${stage.name} allows`,
      remedy: 'schedule the rotation now',
    });
  }
  return guardrailCase({ ...base, name, outcome: 'passed', data, message: `${ageDays} days old, ${left} days left` });
}

export interface KeyRotationOptions {
  stage: RampStage;
  baseUrl: string;
  tokenUrl: string;
  clientId: string;
  clientSecret: string;
  /** RAMP_PREVIOUS_CLIENT_SECRET: must now be refused with `invalid_client`. */
  previousClientSecret: string | null;
  scopes: readonly string[];
  /** A GET the fresh token is proven on. */
  operation: SpecOperation | null;
  writeAllowedHosts: readonly string[];
  /** Fingerprint of the token the run already holds, to prove the fresh one is not it. */
  cachedFingerprint?: string | null;
  timeoutMs?: number;
  audit?: AuditTrail;
}

/**
 * After a rotation: a provider with the current secret mints a fresh token (its own cache, keyed by
 * client, starts empty) that the API accepts; the previous secret, when supplied, is refused.
 */
export async function checkKeyRotation(o: KeyRotationOptions): Promise<{ cases: CaseResult[]; requests: number }> {
  const base = { check: 'key-rotation' as const, stage: o.stage.name };
  const cases: CaseResult[] = [];
  let requests = 0;
  const common = {
    tokenUrl: o.tokenUrl,
    clientId: o.clientId,
    scopes: o.scopes,
    ...(o.timeoutMs ? { timeoutMs: o.timeoutMs } : {}),
    ...(o.audit ? { audit: o.audit } : {}),
  };

  const fresh = new TokenProvider({ ...common, clientSecret: o.clientSecret });
  const freshName = 'the current secret mints a fresh token the API accepts';
  try {
    const token = await fresh.getToken();
    const minted = fresh.tokenRequests === 1 && token.fingerprint !== o.cachedFingerprint;
    let status: number | null = null;
    if (o.operation) {
      const http = createHttpClient({
        baseUrl: o.baseUrl,
        tokenProvider: fresh,
        writeAllowedHosts: o.writeAllowedHosts,
        retry: { maxAttempts: 1, maxRetryTimeMs: 0 },
        replayOnInvalidToken: false,
        ...(o.timeoutMs ? { timeoutMs: o.timeoutMs } : {}),
        ...(o.audit ? { audit: o.audit } : {}),
      });
      requests += 1;
      status = (await http.get(o.operation.path, { validateStatus: () => true, operation: o.operation.key })).status;
    }
    const operation = o.operation ? { operation: o.operation.key } : {};
    const accepted = status === null || (status >= 200 && status < 300);
    const refused = {
      outcome: 'failed',
      severity: 'error',
      ...operation,
      remedy: 'restart the integration after a rotation so no token minted with the old secret stays cached',
    } as const;
    const answered = status !== null ? `; ${o.operation?.key} answered ${status}` : '';
    const verdict = (): Pick<GuardrailFinding, 'outcome' | 'severity' | 'operation' | 'message' | 'remedy'> => {
      if (!minted)
        return { ...refused, message: 'the token came from a cache, not a new grant with the current secret' };
      // No verdict on the token from a base URL the API is not under (404 to any token), nor from an API
      // that knows none of the tokens the token URL mints (401: another environment's token endpoint).
      if (status === 404 || status === 401) {
        const observed = `${o.operation?.key} answered ${status} to a fresh token`;
        const message = status === 404 ? noApiAt(o.baseUrl, observed) : tokensRefusedAt(o.baseUrl, observed);
        return { outcome: 'error', ...operation, message };
      }
      if (accepted)
        return { outcome: 'passed', message: `token ${token.fingerprint} minted by a new grant${answered}` };
      return { ...refused, message: `the fresh token was refused: ${o.operation?.key} answered ${status}` };
    };
    cases.push(guardrailCase({ ...base, name: freshName, ...verdict() }));
  } catch (error) {
    cases.push(
      guardrailCase({
        ...base,
        name: freshName,
        outcome: 'failed',
        severity: 'error',
        message: `the current secret was refused: ${isRampartError(error) ? error.message : String(error)}`,
        remedy: 'check RAMP_CLIENT_ID and RAMP_CLIENT_SECRET: the rotation may not have been rolled out',
      }),
    );
  } finally {
    await fresh.revokeAll();
  }

  const oldName = 'the previous secret is rejected (invalid_client)';
  if (o.previousClientSecret === null) {
    cases.push(
      guardrailCase({
        ...base,
        name: oldName,
        outcome: 'skipped',
        severity: 'info',
        message: 'no previous secret supplied',
        remedy: 'after a rotation, set RAMP_PREVIOUS_CLIENT_SECRET once to prove the old secret no longer works',
      }),
    );
    return { cases, requests };
  }
  const old = new TokenProvider({ ...common, clientSecret: o.previousClientSecret });
  try {
    await old.getToken();
    cases.push(
      guardrailCase({
        ...base,
        name: oldName,
        outcome: 'failed',
        severity: 'error',
        message: 'the previous client secret still mints tokens: the rotation did not revoke it',
        remedy: "revoke the old secret in Ramp's developer settings now; anyone holding it still has access",
      }),
    );
  } catch (error) {
    if (error instanceof TokenError && error.oauthError === 'invalid_client') {
      cases.push(
        guardrailCase({
          ...base,
          name: oldName,
          outcome: 'passed',
          message: `refused: HTTP ${error.status ?? '?'} invalid_client`,
        }),
      );
    } else if (error instanceof TokenError && error.status !== undefined && error.status < 500) {
      cases.push(
        guardrailCase({
          ...base,
          name: oldName,
          outcome: 'passed',
          severity: 'warning',
          message: `refused, but with HTTP ${error.status} ${error.oauthError ?? ''} rather than invalid_client`.trim(),
        }),
      );
    } else {
      cases.push(
        guardrailCase({
          ...base,
          name: oldName,
          outcome: 'error',
          message: `could not tell: ${isRampartError(error) ? error.message : String(error)}`,
        }),
      );
    }
  } finally {
    await old.revokeAll();
  }
  return { cases, requests };
}
