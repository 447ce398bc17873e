/**
 * Ramp's OAuth scopes the sandbox knows (names from Ramp's published list). The demo client may request
 * all of them, the read-only client only the `:read` ones.
 */
export const ALL_SCOPES = [
  'accounting:read',
  'accounting:write',
  'bills:read',
  'bills:write',
  'business:read',
  'cards:read',
  'cards:read_vault',
  'cards:write',
  'departments:read',
  'departments:write',
  'entities:read',
  'limits:read',
  'limits:write',
  'locations:read',
  'locations:write',
  'merchants:read',
  'receipts:read',
  'receipts:write',
  'reimbursements:read',
  'reimbursements:write',
  'spend_programs:read',
  'spend_programs:write',
  'statements:read',
  'transactions:read',
  'users:read',
  'users:write',
  'vendors:read',
  'vendors:write',
] as const;

export type Scope = (typeof ALL_SCOPES)[number];

export const READ_SCOPES: readonly Scope[] = ALL_SCOPES.filter((scope) => scope.endsWith(':read'));

export function isKnownScope(value: string): value is Scope {
  return (ALL_SCOPES as readonly string[]).includes(value);
}
