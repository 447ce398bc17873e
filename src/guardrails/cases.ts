import { redact } from '../log/redact';
import type { CaseResult, Outcome, Severity } from '../report/model';

export const GUARDRAILS_SUITE = 'guardrails';

/** The guardrail checks, as named in reports and `data.check`. */
export type GuardrailCheck =
  'auth-sweep' | 'least-privilege' | 'rate-limit' | 'key-age' | 'key-rotation' | 'stage-step-up';

export interface GuardrailFinding {
  check: GuardrailCheck;
  stage: string;
  name: string;
  outcome: Outcome;
  /** `critical` is reported as severity `error` with `data.critical: true`. */
  severity?: Severity | 'critical';
  message?: string;
  detail?: string;
  operation?: string;
  scope?: string;
  /** What to do about it, one sentence. */
  remedy?: string;
  durationMs?: number;
  data?: Record<string, unknown>;
}

/** One guardrail result in the shared model: suite `guardrails`, `data: {check, stage, operation?, scope?, remedy}`. */
export function guardrailCase(f: GuardrailFinding): CaseResult {
  const critical = f.severity === 'critical';
  const severity: Severity | undefined = critical ? 'error' : (f.severity as Severity | undefined);
  return {
    suite: GUARDRAILS_SUITE,
    name: redact(f.name),
    outcome: f.outcome,
    durationMs: Math.max(0, Math.round(f.durationMs ?? 0)),
    ...(f.message !== undefined ? { message: redact(f.message) } : {}),
    ...(f.detail !== undefined ? { detail: redact(f.detail) } : {}),
    ...(severity ? { severity } : {}),
    rerun: `npm run guardrails -- --stage ${f.stage}`,
    data: {
      check: f.check,
      stage: f.stage,
      ...(f.operation !== undefined ? { operation: f.operation } : {}),
      ...(f.scope !== undefined ? { scope: f.scope } : {}),
      remedy: redact(f.remedy ?? 'nothing to do'),
      ...(critical ? { critical: true } : {}),
      ...f.data,
    },
  };
}
