import type { ProviderDefinition } from '../provider';

const API = '/developer/v1';

/** Ramp's Developer API, as rampart verifies it. */
export const RAMP_PROVIDER: ProviderDefinition = {
  name: 'ramp-developer-api',
  displayName: 'Ramp Developer API',
  apiBasePath: API,
  tokenPath: `${API}/token`,
  revokePath: `${API}/token/revoke`,
  defaultScopes: ['transactions:read', 'cards:read', 'cards:write', 'users:read', 'departments:read', 'business:read'],
  publishedSpecUrl: 'https://docs.ramp.com/openapi/developer-api.json',
  productionHosts: ['api.ramp.com'],
  demoHost: 'demo-api.ramp.com',
  envPrefix: 'RAMP_',
  baselineSpec: 'specs/ramp/openapi.json',
  policyFile: 'specs/ramp/ramp-policy.json',
  // Each is a list (or the one business) any client holding its scope may read; the sandbox serves them all.
  probeReads: [
    { path: `${API}/business`, scope: 'business:read' },
    { path: `${API}/transactions`, scope: 'transactions:read' },
    { path: `${API}/cards`, scope: 'cards:read' },
    { path: `${API}/users`, scope: 'users:read' },
    { path: `${API}/departments`, scope: 'departments:read' },
    { path: `${API}/locations`, scope: 'locations:read' },
    { path: `${API}/reimbursements`, scope: 'reimbursements:read' },
  ],
};
