// The engine's vocabulary, re-exported so the formats and the config depend on its types only.
export type { Finding, FindingLocation, Level } from '../types';
