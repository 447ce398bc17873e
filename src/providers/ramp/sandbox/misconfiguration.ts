/**
 * The sandbox's deliberately misconfigured mode (`misconfigured: true`, `npm run sandbox --
 * --misconfigured`): the guardrails that quietly disappear during a ramp, planted so the guardrail
 * checks can be proven to catch each one. Never on by default.
 */
export const PLANTED_FAULTS = {
  /** This operation forgot its auth check: it answers without any token. */
  unauthenticatedOperation: { method: 'GET', path: '/developer/v1/departments' },
  /** This stage's tier dropped its rate limit. */
  unlimitedStage: 'growth',
  /** Every token is granted this scope on top of those requested. */
  overBroadScope: 'users:write',
} as const;

/** The misconfigured route skips authentication and scope checks entirely. */
export function forgetsAuthCheck(misconfigured: boolean | undefined, method: string, path: string): boolean {
  const planted = PLANTED_FAULTS.unauthenticatedOperation;
  return misconfigured === true && method.toUpperCase() === planted.method && path === planted.path;
}

/** Scopes granted on top of the requested ones. */
export function extraGrantedScopes(misconfigured: boolean | undefined): readonly string[] {
  return misconfigured ? [PLANTED_FAULTS.overBroadScope] : [];
}
