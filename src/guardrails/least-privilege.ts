import type { ScopeDrift } from '../auth';
import { guardrailCase } from './cases';
import type { PactCall } from './pact-calls';
import { stageAllowsOperation, type RampPolicy, type RampStage } from './policy';
import { matchOperation, type SpecOperation } from './spec-operations';
import type { CaseResult } from '../report/model';

export interface LeastPrivilegeInput {
  policy: RampPolicy;
  stage: RampStage;
  operations: readonly SpecOperation[];
  pactCalls: readonly PactCall[];
  /** The scopes the client requests (RAMP_SCOPES). */
  configuredScopes: readonly string[];
  /** Requested versus granted, from the token provider after a grant; omitted for policy-only runs. */
  scopeDrift?: readonly ScopeDrift[];
}

/** What needs each scope: operation keys (from the pacts) and the policy's tool reasons. */
export function neededScopes(
  input: Pick<LeastPrivilegeInput, 'policy' | 'operations' | 'pactCalls'>,
): Map<string, string[]> {
  const needs = new Map<string, string[]>();
  const add = (scope: string, why: string) => {
    const list = needs.get(scope) ?? [];
    if (!list.includes(why)) list.push(why);
    needs.set(scope, list);
  };
  for (const call of input.pactCalls) {
    const op = matchOperation(input.operations, call.method, call.path);
    for (const scope of op?.scopes ?? []) add(scope, op?.key ?? call.path);
  }
  for (const tool of input.policy.toolScopes) add(tool.scope, tool.reason);
  return needs;
}

/**
 * Least privilege: each requested scope is needed (by a pact interaction's operation or a declared
 * tool need) and allowed at the stage; every needed scope is requested and allowed; every pact
 * operation is one the stage allows; and the provider grants no more than was asked.
 */
export function checkLeastPrivilege(input: LeastPrivilegeInput): CaseResult[] {
  const { stage } = input;
  const cases: CaseResult[] = [];
  const needs = neededScopes(input);
  const configured = [...new Set(input.configuredScopes)].sort();
  const base = { check: 'least-privilege' as const, stage: stage.name };

  for (const scope of configured) {
    const allowed = stage.scopes.includes(scope);
    const why = needs.get(scope);
    if (!allowed) {
      cases.push(
        guardrailCase({
          ...base,
          scope,
          name: `scope ${scope} is within the ${stage.name} allowance`,
          outcome: 'failed',
          severity: 'error',
          message: `over-stage scope: ${scope} is requested but stage ${stage.name} allows only ${stage.scopes.join(', ')}`,
          remedy: why
            ? `step up to a stage that allows ${scope} (update RAMPART_STAGE and the policy) before the integration relies on it`
            : `remove ${scope} from RAMP_SCOPES`,
        }),
      );
    } else if (!why) {
      cases.push(
        guardrailCase({
          ...base,
          scope,
          name: `scope ${scope} is needed`,
          outcome: 'failed',
          severity: 'error',
          message: `unused scope: ${scope} is requested but no pact interaction's operation declares it and no tool need lists it`,
          remedy: `remove ${scope} from RAMP_SCOPES (and from the app's grant in Ramp)`,
        }),
      );
    } else {
      cases.push(
        guardrailCase({
          ...base,
          scope,
          name: `scope ${scope} is needed and within the ${stage.name} allowance`,
          outcome: 'passed',
          message: `needed by ${why.join('; ')}`,
        }),
      );
    }
  }

  for (const [scope, why] of [...needs].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) {
    if (configured.includes(scope)) continue;
    const allowed = stage.scopes.includes(scope);
    cases.push(
      guardrailCase({
        ...base,
        scope,
        name: `scope ${scope} the pacts need is requested`,
        outcome: 'failed',
        severity: 'error',
        message: `missing scope: ${why.join('; ')} need${why.length === 1 ? 's' : ''} ${scope}, which RAMP_SCOPES does not request${allowed ? '' : ` and stage ${stage.name} does not allow`}`,
        remedy: allowed
          ? `add ${scope} to RAMP_SCOPES`
          : `step up to a stage allowing ${scope}, or drop the interactions that need it`,
      }),
    );
  }

  const seen = new Set<string>();
  for (const call of input.pactCalls) {
    const op = matchOperation(input.operations, call.method, call.path);
    const key = op?.key ?? `${call.method} ${call.path}`;
    if (seen.has(key)) continue;
    seen.add(key);
    if (!op) {
      cases.push(
        guardrailCase({
          ...base,
          operation: key,
          name: `pact operation ${key} is in the published spec`,
          outcome: 'passed',
          severity: 'warning',
          message: `${call.consumer} "${call.description}" calls ${key}, which the published spec does not have; its scopes cannot be checked`,
          remedy: 'run npm run drift: the provider may have removed or renamed it',
        }),
      );
    } else if (!stageAllowsOperation(stage, op.key)) {
      cases.push(
        guardrailCase({
          ...base,
          operation: op.key,
          name: `operation ${op.key} is allowed at ${stage.name}`,
          outcome: 'failed',
          severity: 'error',
          message: `over-stage operation: ${call.consumer} calls ${op.key}, which stage ${stage.name} does not list`,
          remedy: `step up to a stage that lists ${op.key}, or add it to stage ${stage.name} in specs/ramp/ramp-policy.json after review`,
        }),
      );
    } else {
      cases.push(
        guardrailCase({
          ...base,
          operation: op.key,
          name: `operation ${op.key} is allowed at ${stage.name}`,
          outcome: 'passed',
        }),
      );
    }
  }

  for (const drift of input.scopeDrift ?? []) {
    if (drift.granted === null) {
      cases.push(
        guardrailCase({
          ...base,
          name: `granted scopes match requested (${drift.scopeSet})`,
          outcome: 'passed',
          severity: 'info',
          message: 'the token endpoint does not report granted scopes; the auth sweep checks them by behaviour',
        }),
      );
      continue;
    }
    for (const scope of drift.extra) {
      cases.push(
        guardrailCase({
          ...base,
          scope,
          name: `token grant holds no scope beyond those requested`,
          outcome: 'failed',
          severity: 'error',
          message: `over-broad grant: asked for "${drift.scopeSet}", the token endpoint also granted ${scope}`,
          remedy: `narrow the app's grant in Ramp's developer settings so ${scope} cannot be issued to this client`,
        }),
      );
    }
    if (drift.extra.length === 0) {
      cases.push(
        guardrailCase({
          ...base,
          name: `token grant holds no scope beyond those requested`,
          outcome: 'passed',
          message: `granted exactly "${drift.scopeSet}"${drift.missing.length ? ` minus ${drift.missing.join(', ')}` : ''}`,
        }),
      );
    }
  }
  return cases;
}
