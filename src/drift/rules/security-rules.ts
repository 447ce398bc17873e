/** Security requirements, OAuth scopes, security schemes and webhooks. */
import type { SecurityChange } from '../model';
import { defineRule, type Rule } from './define';
import type { RuleId } from '../rule-ids';

function requirementRule(
  id: RuleId,
  level: 'warning' | 'info',
  scope: 'global' | 'operation',
  kind: 'added' | 'removed',
  ofScope: boolean,
  description: string,
  oasdiff?: string,
): Rule {
  return defineRule('security', {
    id,
    level,
    direction: 'request',
    description,
    oasdiff,
    detect(c: SecurityChange) {
      if (c.scope !== scope || c.kind !== kind || (c.oauthScope !== undefined) !== ofScope) return null;
      const where = scope === 'global' ? 'the global security requirement' : `${c.operation}`;
      const message = ofScope
        ? `scope '${c.oauthScope}' was ${kind} ${kind === 'added' ? 'to' : 'from'} the '${c.scheme}' requirement of ${where}`
        : `security requirement '${c.requirement}' was ${kind} ${kind === 'added' ? 'to' : 'from'} ${where}`;
      return { message, args: { requirement: c.requirement, scheme: c.scheme, scope: c.oauthScope } };
    },
  });
}

export const SECURITY_RULES: readonly Rule[] = [
  // A client's token may lack a newly required scope or scheme: a 403 waiting to happen, so warning (oasdiff: info).
  requirementRule(
    'api-security-scope-added',
    'warning',
    'operation',
    'added',
    true,
    'an operation requires a further OAuth scope',
  ),
  requirementRule(
    'api-security-scope-removed',
    'info',
    'operation',
    'removed',
    true,
    'an operation no longer requires an OAuth scope',
  ),
  requirementRule(
    'api-security-added',
    'warning',
    'operation',
    'added',
    false,
    'an operation gained a security requirement',
  ),
  requirementRule(
    'api-security-removed',
    'info',
    'operation',
    'removed',
    false,
    'an operation lost a security requirement',
  ),
  requirementRule(
    'api-global-security-scope-added',
    'info',
    'global',
    'added',
    true,
    'the global security requirement gained an OAuth scope',
  ),
  requirementRule(
    'api-global-security-scope-removed',
    'info',
    'global',
    'removed',
    true,
    'the global security requirement lost an OAuth scope',
  ),
  requirementRule(
    'api-global-security-added',
    'info',
    'global',
    'added',
    false,
    'a global security requirement was added',
  ),
  requirementRule(
    'api-global-security-removed',
    'info',
    'global',
    'removed',
    false,
    'a global security requirement was removed',
  ),
  defineRule('security-scheme', {
    id: 'api-security-component-added',
    level: 'info',
    direction: 'none',
    description: 'a security scheme was added to components',
    detect: (c) =>
      c.kind === 'added' && c.oauthScope === undefined
        ? { message: `security scheme '${c.scheme}' was added`, args: { scheme: c.scheme } }
        : null,
  }),
  defineRule('security-scheme', {
    id: 'api-security-component-removed',
    level: 'info',
    direction: 'none',
    description: 'a security scheme was removed from components',
    detect: (c) =>
      c.kind === 'removed' && c.oauthScope === undefined
        ? { message: `security scheme '${c.scheme}' was removed`, args: { scheme: c.scheme } }
        : null,
  }),
  defineRule('security-scheme', {
    id: 'api-security-component-oauth-scope-added',
    level: 'info',
    direction: 'none',
    description: 'an OAuth scope was added to a security scheme',
    detect: (c) =>
      c.kind === 'added' && c.oauthScope !== undefined
        ? {
            message: `scope '${c.oauthScope}' was added to the ${c.flow ?? ''} flow of '${c.scheme}'`,
            args: { scheme: c.scheme, flow: c.flow, scope: c.oauthScope },
          }
        : null,
  }),
  defineRule('security-scheme', {
    id: 'api-security-component-oauth-scope-removed',
    level: 'info',
    direction: 'none',
    description: 'an OAuth scope was removed from a security scheme',
    detect: (c) =>
      c.kind === 'removed' && c.oauthScope !== undefined
        ? {
            message: `scope '${c.oauthScope}' was removed from the ${c.flow ?? ''} flow of '${c.scheme}'`,
            args: { scheme: c.scheme, flow: c.flow, scope: c.oauthScope },
          }
        : null,
  }),
  defineRule('security-scheme', {
    id: 'api-security-component-oauth-token-url-changed',
    level: 'info',
    direction: 'none',
    description: 'the token URL of an OAuth flow of a security scheme changed',
    detect: (c) =>
      c.kind === 'changed' && c.tokenUrl
        ? {
            message:
              `the token URL of the ${c.flow ?? ''} flow of '${c.scheme}' changed ` +
              `from '${String((c.tokenUrl.before as string | undefined) ?? '')}' to '${String((c.tokenUrl.after as string | undefined) ?? '')}'`,
            args: { scheme: c.scheme, flow: c.flow, before: c.tokenUrl.before, after: c.tokenUrl.after },
          }
        : null,
  }),
  defineRule('webhook', {
    id: 'webhook-added',
    level: 'info',
    direction: 'none',
    description: 'a webhook was added',
    detect: (c) =>
      c.kind === 'added' ? { message: `webhook '${c.webhook}' was added`, args: { webhook: c.webhook } } : null,
  }),
  defineRule('webhook', {
    id: 'webhook-removed',
    level: 'error',
    direction: 'none',
    description: 'a webhook was removed',
    detect: (c) =>
      c.kind === 'removed' ? { message: `webhook '${c.webhook}' was removed`, args: { webhook: c.webhook } } : null,
  }),
];
