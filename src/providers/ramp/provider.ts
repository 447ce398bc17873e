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
  probes: { probePath: `${API}/business`, scopedPath: `${API}/transactions`, scopedScope: 'transactions:read' },
};
