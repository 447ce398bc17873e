import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ConfigError } from '../errors';
import { clearRegisteredSecrets, redact } from '../log/redact';
import { DEFAULT_SCOPES, loadConfig } from '.';

const STAGING = {
  STAGING_BASE_URL: 'https://staging.example.test/',
  RAMP_CLIENT_ID: 'client-123',
  RAMP_CLIENT_SECRET: 'canary-secret-value-42',
};

function configError(env: Record<string, string>): ConfigError {
  try {
    loadConfig({ env, envFile: null });
  } catch (error) {
    if (error instanceof ConfigError) return error;
    throw error;
  }
  throw new Error('expected a ConfigError');
}

afterEach(() => clearRegisteredSecrets());

describe('loadConfig', () => {
  it('with no staging configured, selects the sandbox and the default scopes', () => {
    const config = loadConfig({ env: {}, envFile: null });
    expect(config.stagingBaseUrl).toBeNull();
    expect(config.tokenUrl).toBeNull();
    expect(config.scopes).toEqual([...DEFAULT_SCOPES]);
    expect(config.reportDir).toBe('reports');
    expect(config.http).toEqual({
      timeoutMs: 10_000,
      maxAttempts: 4,
      maxRetryTimeMs: 30_000,
      deadlineMs: 60_000,
      maxResponseBytes: 52_428_800,
    });
  });

  it('derives the token URL from the staging base URL and strips trailing slashes', () => {
    const config = loadConfig({ env: STAGING, envFile: null });
    expect(config.stagingBaseUrl).toBe('https://staging.example.test');
    expect(config.tokenUrl).toBe('https://staging.example.test/developer/v1/token');
  });

  it('is frozen, deeply', () => {
    const config = loadConfig({ env: STAGING, envFile: null });
    expect(Object.isFrozen(config)).toBe(true);
    expect(Object.isFrozen(config.http)).toBe(true);
    expect(Object.isFrozen(config.scopes)).toBe(true);
  });

  it('loads a staging without client credentials: drift and the spec watch read its document without them', () => {
    // verify and the guardrails require them when they resolve the target (run-verify.test.ts).
    const config = loadConfig({ env: { STAGING_BASE_URL: 'https://staging.example.test' }, envFile: null });
    expect(config).toMatchObject({ clientId: null, clientSecret: null });
    expect(config.specUrl).toBe('https://docs.ramp.com/openapi/developer-api.json');
  });

  it.each([
    ['STAGING_BASE_URL', 'ftp://nope', /must be an http\(s\) URL/],
    ['RAMP_SCOPES', 'transactions read', /space-separated scopes/],
    ['RAMPART_HTTP_TIMEOUT_MS', '10s', /whole number/],
    ['RAMPART_HTTP_MAX_ATTEMPTS', '50', /between 1 and 10/],
    ['RAMPART_REVOKE_TOKENS', 'maybe', /true or false/],
    ['RAMPART_WRITE_HOSTS', 'https://host/', /host or host:port/],
    ['RAMP_CLIENT_SECRET_ISSUED_AT', 'last week', /date/],
  ])('rejects a malformed %s in one line naming it', (variable, value, reason) => {
    const error = configError({ [variable]: value });
    expect(error.variable).toBe(variable);
    expect(error.message).toMatch(reason);
    expect(error.message).toContain(variable);
    expect(error.message).not.toContain('\n');
  });

  it("names the sandbox's read-only client only with both of its variables, and redacts its secret", () => {
    const both = { RAMP_READONLY_CLIENT_ID: 'ro-client', RAMP_READONLY_CLIENT_SECRET: 'ro-secret-value-42' };
    const config = loadConfig({ env: both, envFile: null });
    expect(config.sandboxReadOnlyClient).toEqual({ clientId: 'ro-client', clientSecret: 'ro-secret-value-42' });
    expect(Object.isFrozen(config.sandboxReadOnlyClient)).toBe(true);
    expect(redact('ro-secret-value-42')).toBe('[REDACTED]');
    expect(loadConfig({ env: {}, envFile: null }).sandboxReadOnlyClient).toBeNull();
    const error = configError({ RAMP_READONLY_CLIENT_ID: 'ro-client' });
    expect(error.variable).toBe('RAMP_READONLY_CLIENT_SECRET');
    expect(error.message).toMatch(/^RAMP_READONLY_CLIENT_ID and RAMP_READONLY_CLIENT_SECRET go together/);
  });

  it('registers the client secret with the redactor and never quotes it', () => {
    const config = loadConfig({ env: STAGING, envFile: null });
    expect(redact(`secret is ${config.clientSecret}`)).toBe('secret is [REDACTED]');
  });

  it('reads .env for what the environment lacks; the environment wins', () => {
    const dir = mkdtempSync(join(tmpdir(), 'rampart-config-'));
    try {
      const file = join(dir, '.env');
      writeFileSync(file, 'RAMP_SCOPES=cards:read\nRAMPART_REPORT_DIR=from-file\n');
      const config = loadConfig({ env: { RAMPART_REPORT_DIR: 'from-env' }, envFile: file });
      expect(config.scopes).toEqual(['cards:read']);
      expect(config.reportDir).toBe('from-env');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it("refuses Ramp's production API as a write host in one line naming the demo host, unless explicitly allowed", () => {
    for (const hosts of ['api.ramp.com', 'staging.example.test, API.Ramp.com:443']) {
      const refused = () => loadConfig({ env: { RAMPART_WRITE_HOSTS: hosts }, envFile: null });
      expect(refused).toThrow(ConfigError);
      expect(refused).toThrow(
        /^api\.ramp\.com(:443)? is Ramp's production API and is refused as a write host; test writes belong on demo-api\.ramp\.com \(set RAMPART_ALLOW_PRODUCTION_WRITES=true only if you mean it\) \(environment variable RAMPART_WRITE_HOSTS\)$/,
      );
    }
    expect(loadConfig({ env: { RAMPART_WRITE_HOSTS: 'demo-api.ramp.com' }, envFile: null }).writeAllowedHosts).toEqual([
      'demo-api.ramp.com',
    ]);
    const allowed = loadConfig({
      env: { RAMPART_WRITE_HOSTS: 'api.ramp.com', RAMPART_ALLOW_PRODUCTION_WRITES: 'true' },
      envFile: null,
    });
    expect(allowed.writeAllowedHosts).toEqual(['api.ramp.com']);
  });

  it('parses the write allow-list case-insensitively', () => {
    const config = loadConfig({ env: { RAMPART_WRITE_HOSTS: 'Staging.Example.test, 127.0.0.1:4010' }, envFile: null });
    expect(config.writeAllowedHosts).toEqual(['staging.example.test', '127.0.0.1:4010']);
  });

  it('refuses user info in STAGING_BASE_URL or RAMP_TOKEN_URL with one line that does not quote it', () => {
    for (const [variable, value] of [
      ['STAGING_BASE_URL', 'https://ops:pa55-canary@staging.example.test'],
      ['RAMP_TOKEN_URL', 'https://ops:pa55-canary@staging.example.test/developer/v1/token'],
    ] as const) {
      const error = configError({ ...STAGING, [variable]: value });
      expect(error.variable).toBe(variable);
      expect(error.message).toBe(
        `${variable} must not contain a user name or password; the client credentials go in RAMP_CLIENT_ID and RAMP_CLIENT_SECRET (environment variable ${variable})`,
      );
      expect(error.message).not.toContain('pa55-canary');
    }
  });

  it("refuses a STAGING_BASE_URL that ends with the API's base path, which every path would repeat", () => {
    for (const value of ['https://staging.example.test/developer/v1', 'https://staging.example.test/developer/v1/']) {
      const error = configError({ ...STAGING, STAGING_BASE_URL: value });
      expect(error.message).toBe(
        "STAGING_BASE_URL must not end with /developer/v1: it is the host's root, and the API's paths (/developer/v1/…) are added to it (environment variable STAGING_BASE_URL)",
      );
    }
    const behindAPrefix = loadConfig({
      env: { ...STAGING, STAGING_BASE_URL: 'https://gw.example.test/ramp' },
      envFile: null,
    });
    expect(behindAPrefix.stagingBaseUrl).toBe('https://gw.example.test/ramp');
  });

  it('refuses user info in PACT_BROKER_BASE_URL: every case of a broker run names the URL', () => {
    const error = configError({ PACT_BROKER_BASE_URL: 'https://ci:pa55-canary@broker.example.test' });
    expect(error.variable).toBe('PACT_BROKER_BASE_URL');
    expect(error.message).toBe(
      'PACT_BROKER_BASE_URL must not contain a user name or password; the broker token goes in PACT_BROKER_TOKEN (environment variable PACT_BROKER_BASE_URL)',
    );
    expect(error.message).not.toContain('pa55-canary');
  });
});
