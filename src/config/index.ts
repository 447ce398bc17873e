import { PROVIDER_DEFINITION as PROVIDER } from '../providers';
import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { parse as parseDotenv } from 'dotenv';
import { z } from 'zod';
import { ConfigError } from '../errors';
import { registerSecret } from '../log/redact';

/**
 * rampart's whole configuration, read once from the environment (and `.env`), validated, frozen.
 * No default below is a credential: secrets come from the environment or nowhere.
 */
export interface RampartConfig {
  /** Where the API runs. `null`: no staging configured, commands start the embedded sandbox. */
  readonly stagingBaseUrl: string | null;
  /** OAuth2 token endpoint. @default `${stagingBaseUrl}${provider.tokenPath}` */
  readonly tokenUrl: string | null;
  readonly clientId: string | null;
  /** Registered with the redactor as soon as it is read. */
  readonly clientSecret: string | null;
  /** The embedded sandbox's read-only client, when RAMP_READONLY_CLIENT_ID and _SECRET name one. */
  readonly sandboxReadOnlyClient: { readonly clientId: string; readonly clientSecret: string } | null;
  /** Scopes requested for the run's token. */
  readonly scopes: readonly string[];
  /** Hosts (`host` or `host:port`) that may receive POST, PUT, PATCH and DELETE. */
  readonly writeAllowedHosts: readonly string[];
  /** The provider's published OpenAPI document. `null` with the sandbox: the sandbox's own. */
  readonly specUrl: string | null;
  /** Send the API token when fetching `specUrl`. */
  readonly specUrlNeedsToken: boolean;
  /**
   * The spec host (`host[:port]`) that may receive the API token although it is not the API's origin:
   * naming it is the consent. `null` unless `RAMP_SPEC_TOKEN_HOST` is set.
   */
  readonly specTokenHost: string | null;
  /** Key of the audit trail's HMAC chain; registered with the redactor. `null`: plain SHA-256 chain. */
  readonly auditKey: string | null;
  readonly reportDir: string;
  readonly http: {
    readonly timeoutMs: number;
    /** Attempts per request, the first included. */
    readonly maxAttempts: number;
    /** Upper bound on the time one request may spend waiting between retries. */
    readonly maxRetryTimeMs: number;
    /** Per attempt: the whole answer must arrive within this, however slowly it drips. */
    readonly deadlineMs: number;
    /** Largest answer body accepted from any fetch (API, token endpoint, spec). */
    readonly maxResponseBytes: number;
  };
  /** Revoke the run's tokens when it ends. */
  readonly revokeTokens: boolean;
  /** Capacity stage of the ramp policy in force (guardrails). */
  readonly stage: string | null;
  /** When the client secret was issued (ISO-8601 date), for the key-age guardrail. */
  readonly clientSecretIssuedAt: string | null;
  /** A rotated-out secret the operator wants proven rejected. Registered with the redactor. */
  readonly previousClientSecret: string | null;
  /** Opt-in: the rate-limit guardrail may send a bounded burst. */
  readonly rateLimitProbe: boolean;
  readonly pactBroker: { readonly url: string; readonly token: string | null } | null;
  /** Overall deadline of `npm run verify` (RAMPART_VERIFY_DEADLINE_SECONDS), in milliseconds; null: none. */
  readonly verifyDeadlineMs: number | null;
}

/** The provider definition's default scopes (src/providers). */
export const DEFAULT_SCOPES: readonly string[] = PROVIDER.defaultScopes;

/** The provider publishes its document here; used when a real staging is configured and RAMP_SPEC_URL is not. */
export const PUBLISHED_SPEC_URL = PROVIDER.publishedSpecUrl;
/** The provider's production API: never a write host unless RAMPART_ALLOW_PRODUCTION_WRITES says so. */
export const PRODUCTION_HOSTS: readonly string[] = PROVIDER.productionHosts;
/** The provider's demo environment, where test writes belong. */
export const DEMO_HOST = PROVIDER.demoHost;

/** Whether `host` (`host` or `host:port`) is one of the provider's production hosts. */
export function isProductionHost(host: string): boolean {
  return PRODUCTION_HOSTS.includes(host.replace(/:443$/, ''));
}

export const ENV_VARIABLES = {
  STAGING_BASE_URL: `Base URL of the staging API (no trailing ${PROVIDER.apiBasePath}). Unset: the embedded sandbox is used.`,
  RAMP_TOKEN_URL: `OAuth2 token endpoint. Default: <STAGING_BASE_URL>${PROVIDER.tokenPath}.`,
  RAMP_CLIENT_ID:
    'OAuth2 client id. Required with STAGING_BASE_URL to verify; with the sandbox, defines its demo client.',
  RAMP_CLIENT_SECRET: 'OAuth2 client secret. Required with STAGING_BASE_URL to verify; never logged.',
  RAMP_READONLY_CLIENT_ID:
    "The embedded sandbox's read-only client id (only :read scopes, so scope refusals can be tested). Default: generated.",
  RAMP_READONLY_CLIENT_SECRET: "The embedded sandbox's read-only client secret (never logged). Default: generated.",
  RAMP_SCOPES: `Space-separated scopes to request. Default: "${DEFAULT_SCOPES.join(' ')}".`,
  RAMPART_WRITE_HOSTS:
    'Comma-separated host[:port] list allowed to receive writes (POST/PUT/PATCH/DELETE). Default: none (the embedded sandbox is always allowed).',
  RAMPART_ALLOW_PRODUCTION_WRITES:
    `true to allow a production host of the provider (${PRODUCTION_HOSTS.join(', ')}) in RAMPART_WRITE_HOSTS; ` +
    'test data would be created and terminated there. Default: false.',
  RAMP_SPEC_URL: `Published OpenAPI document. Default: the sandbox's /openapi.json, or ${PUBLISHED_SPEC_URL} with a staging.`,
  RAMP_SPEC_URL_NEEDS_TOKEN: 'true to send the API token when fetching RAMP_SPEC_URL. Default: false.',
  RAMP_SPEC_TOKEN_HOST:
    "host[:port] of RAMP_SPEC_URL when it is not the API's and RAMP_SPEC_URL_NEEDS_TOKEN is true: naming it allows sending the token there.",
  RAMPART_AUDIT_KEY:
    'Secret key: the audit trail is HMAC-chained with it, so a rewrite without the key is detected. Never logged.',
  RAMPART_REPORT_DIR: 'Where reports and the audit trail are written. Default: reports.',
  RAMPART_HTTP_TIMEOUT_MS: 'Per-request timeout in milliseconds. Default: 10000.',
  RAMPART_HTTP_MAX_ATTEMPTS: 'Attempts per request including the first (1-10). Default: 4.',
  RAMPART_HTTP_MAX_RETRY_MS: 'Most time one request may spend waiting to retry, in milliseconds. Default: 30000.',
  RAMPART_HTTP_DEADLINE_MS:
    'Most time one attempt of any fetch (API, token, spec) may take to answer in full, in milliseconds. Default: 60000.',
  RAMPART_HTTP_MAX_BYTES:
    'Largest answer accepted from any fetch (API, token, spec), in bytes. Default: 52428800 (50 MiB).',
  RAMPART_REVOKE_TOKENS: "Revoke the run's tokens at the end (true/false). Default: true.",
  RAMPART_STAGE: "Capacity stage of the ramp policy in force. Default: the policy's first stage.",
  RAMP_CLIENT_SECRET_ISSUED_AT: 'Date the client secret was issued (YYYY-MM-DD), for the key-age guardrail.',
  RAMP_PREVIOUS_CLIENT_SECRET: 'A rotated-out client secret that must now be rejected (optional; never logged).',
  RAMPART_VERIFY_DEADLINE_SECONDS:
    'Overall deadline of npm run verify in seconds: past it, exit 2 with what finished. Default: none.',
  RAMPART_RATE_LIMIT_PROBE:
    'true to let the rate-limit guardrail send its bounded burst (write-allowed hosts only). Default: false.',
  PACT_BROKER_BASE_URL: 'Pact Broker URL. When set, pacts come from the broker and results are published.',
  PACT_BROKER_TOKEN: 'Pact Broker bearer token (never logged).',
} as const;

export type EnvVariable = keyof typeof ENV_VARIABLES;
type Env = Readonly<Record<string, string | undefined>>;

const url = (variable: EnvVariable) =>
  z
    .string()
    .trim()
    .refine((value) => URL.canParse(value) && /^https?:$/.test(new URL(value).protocol), {
      message: `${variable} must be an http(s) URL`,
    })
    .transform((value) => value.replace(/\/+$/, ''));

/**
 * A URL the run's token or client credentials go to: user info there would be published wherever the
 * URL is shown, and sent as a second set of credentials (every grant then fails with 401).
 */
const credentialFreeUrl = (variable: EnvVariable, instead: string) =>
  url(variable).refine(
    (value) => {
      const parsed = new URL(value);
      return parsed.username === '' && parsed.password === '';
    },
    { message: `${variable} must not contain a user name or password; ${instead}` },
  );

const integer = (variable: EnvVariable, min: number, max: number) =>
  z
    .string()
    .trim()
    .regex(/^\d+$/, { message: `${variable} must be a whole number` })
    .transform(Number)
    .refine((n) => n >= min && n <= max, { message: `${variable} must be between ${min} and ${max}` });

const boolean = (variable: EnvVariable) =>
  z
    .string()
    .trim()
    .toLowerCase()
    .refine((v) => ['true', 'false', '1', '0', 'yes', 'no'].includes(v), {
      message: `${variable} must be true or false`,
    })
    .transform((v) => ['true', '1', 'yes'].includes(v));

const isoDate = (variable: EnvVariable) =>
  z
    .string()
    .trim()
    .refine((v) => /^\d{4}-\d{2}-\d{2}/.test(v) && !Number.isNaN(Date.parse(v)), {
      message: `${variable} must be a date (YYYY-MM-DD)`,
    });

const SCOPE = /^[a-z_]+:[a-z_]+$/;

/** Parses one variable, or throws a ConfigError naming it. The value itself is never quoted for secrets. */
function read<T>(env: Env, variable: EnvVariable, schema: z.ZodType<T>): T | null {
  const raw = env[variable];
  if (raw === undefined || raw.trim() === '') return null;
  const parsed = schema.safeParse(raw);
  if (!parsed.success) {
    const reason = parsed.error.issues[0]?.message ?? 'is malformed';
    throw new ConfigError(`${reason} (${describeSource(variable)})`, { variable });
  }
  return parsed.data;
}

let envFileInUse: string | null = null;
function describeSource(variable: string): string {
  return envFileInUse
    ? `from the environment or ${envFileInUse}, variable ${variable}`
    : `environment variable ${variable}`;
}

export interface LoadConfigOptions {
  /** The environment to read. @default process.env */
  env?: Env;
  /** A dotenv file whose values fill what `env` lacks. @default `.env` in the working directory, if present */
  envFile?: string | null;
}

export function loadConfig(options: LoadConfigOptions = {}): RampartConfig {
  const env = withEnvFile(options.env ?? process.env, options.envFile === undefined ? '.env' : options.envFile);

  const clientCredentials = 'the client credentials go in RAMP_CLIENT_ID and RAMP_CLIENT_SECRET';
  const stagingBaseUrl = read(
    env,
    'STAGING_BASE_URL',
    credentialFreeUrl('STAGING_BASE_URL', clientCredentials).refine(
      (value) => !new URL(value).pathname.endsWith(PROVIDER.apiBasePath),
      {
        message: `STAGING_BASE_URL must not end with ${PROVIDER.apiBasePath}: it is the host's root, and the API's paths (${PROVIDER.apiBasePath}/…) are added to it`,
      },
    ),
  );
  const clientId = read(env, 'RAMP_CLIENT_ID', z.string().trim().min(1));
  const clientSecret = read(env, 'RAMP_CLIENT_SECRET', z.string().min(1));
  const previousClientSecret = read(env, 'RAMP_PREVIOUS_CLIENT_SECRET', z.string().min(1));
  const readOnlyClientId = read(env, 'RAMP_READONLY_CLIENT_ID', z.string().trim().min(1));
  const readOnlyClientSecret = read(env, 'RAMP_READONLY_CLIENT_SECRET', z.string().min(1));
  const brokerToken = read(env, 'PACT_BROKER_TOKEN', z.string().min(1));
  const auditKey = read(
    env,
    'RAMPART_AUDIT_KEY',
    z.string().min(16, { message: 'RAMPART_AUDIT_KEY must be at least 16 characters' }),
  );
  for (const secret of [clientSecret, previousClientSecret, readOnlyClientSecret, brokerToken, auditKey])
    registerSecret(secret);
  if ((readOnlyClientId === null) !== (readOnlyClientSecret === null)) {
    const missing = readOnlyClientId === null ? 'RAMP_READONLY_CLIENT_ID' : 'RAMP_READONLY_CLIENT_SECRET';
    throw new ConfigError(
      `RAMP_READONLY_CLIENT_ID and RAMP_READONLY_CLIENT_SECRET go together (${describeSource(missing)})`,
      { variable: missing },
    );
  }

  const scopes = read(
    env,
    'RAMP_SCOPES',
    z
      .string()
      .trim()
      .transform((v) => v.split(/\s+/))
      .refine((list) => list.every((s) => SCOPE.test(s)), {
        message: 'RAMP_SCOPES must be space-separated scopes like "transactions:read cards:read"',
      }),
  ) ?? [...DEFAULT_SCOPES];

  const writeAllowedHosts =
    read(
      env,
      'RAMPART_WRITE_HOSTS',
      z
        .string()
        .transform((v) =>
          v
            .split(',')
            .map((h) => h.trim().toLowerCase())
            .filter(Boolean),
        )
        .refine((list) => list.every((h) => /^[a-z0-9.-]+(:\d{1,5})?$|^\[[0-9a-f:]+\](:\d{1,5})?$/.test(h)), {
          message: 'RAMPART_WRITE_HOSTS must be a comma-separated list of host or host:port',
        }),
    ) ?? [];
  const allowProductionWrites =
    read(env, 'RAMPART_ALLOW_PRODUCTION_WRITES', boolean('RAMPART_ALLOW_PRODUCTION_WRITES')) ?? false;
  const production = writeAllowedHosts.find(isProductionHost);
  if (production !== undefined && !allowProductionWrites) {
    throw new ConfigError(
      `${production} is Ramp's production API and is refused as a write host; test writes belong on ${DEMO_HOST} ` +
        `(set RAMPART_ALLOW_PRODUCTION_WRITES=true only if you mean it) (${describeSource('RAMPART_WRITE_HOSTS')})`,
      { variable: 'RAMPART_WRITE_HOSTS' },
    );
  }

  const tokenUrl =
    read(env, 'RAMP_TOKEN_URL', credentialFreeUrl('RAMP_TOKEN_URL', clientCredentials)) ??
    (stagingBaseUrl ? `${stagingBaseUrl}${PROVIDER.tokenPath}` : null);
  const specUrl = read(env, 'RAMP_SPEC_URL', url('RAMP_SPEC_URL')) ?? (stagingBaseUrl ? PUBLISHED_SPEC_URL : null);
  const brokerUrl = read(
    env,
    'PACT_BROKER_BASE_URL',
    credentialFreeUrl('PACT_BROKER_BASE_URL', 'the broker token goes in PACT_BROKER_TOKEN'),
  );
  const specUrlNeedsToken = read(env, 'RAMP_SPEC_URL_NEEDS_TOKEN', boolean('RAMP_SPEC_URL_NEEDS_TOKEN')) ?? false;
  const specTokenHost = read(
    env,
    'RAMP_SPEC_TOKEN_HOST',
    z
      .string()
      .trim()
      .toLowerCase()
      .regex(/^[a-z0-9.-]+(:\d{1,5})?$|^\[[0-9a-f:]+\](:\d{1,5})?$/, {
        message: 'RAMP_SPEC_TOKEN_HOST must be a host or host:port',
      }),
  );
  // The token is minted for the API's origin (the token endpoint's, without a staging).
  const tokenOrigin = stagingBaseUrl ?? tokenUrl;
  const specTokenRefused =
    specUrlNeedsToken &&
    specUrl !== null &&
    tokenOrigin !== null &&
    !specTokenAllowed(specUrl, tokenOrigin, specTokenHost);
  if (specTokenRefused) {
    const specHost = new URL(specUrl).host;
    throw new ConfigError(
      `RAMP_SPEC_URL_NEEDS_TOKEN is true but the spec host ${specHost} is not the API's (${new URL(tokenOrigin).host}); ` +
        `set RAMP_SPEC_TOKEN_HOST=${specHost} to send the API token there, or turn RAMP_SPEC_URL_NEEDS_TOKEN off (${describeSource('RAMP_SPEC_TOKEN_HOST')})`,
      { variable: 'RAMP_SPEC_TOKEN_HOST' },
    );
  }

  const config: RampartConfig = {
    stagingBaseUrl,
    tokenUrl,
    clientId,
    clientSecret,
    sandboxReadOnlyClient:
      readOnlyClientId !== null && readOnlyClientSecret !== null
        ? { clientId: readOnlyClientId, clientSecret: readOnlyClientSecret }
        : null,
    scopes,
    writeAllowedHosts,
    specUrl,
    specUrlNeedsToken,
    specTokenHost,
    auditKey,
    reportDir: read(env, 'RAMPART_REPORT_DIR', z.string().trim().min(1)) ?? 'reports',
    http: {
      timeoutMs: read(env, 'RAMPART_HTTP_TIMEOUT_MS', integer('RAMPART_HTTP_TIMEOUT_MS', 100, 600_000)) ?? 10_000,
      maxAttempts: read(env, 'RAMPART_HTTP_MAX_ATTEMPTS', integer('RAMPART_HTTP_MAX_ATTEMPTS', 1, 10)) ?? 4,
      maxRetryTimeMs:
        read(env, 'RAMPART_HTTP_MAX_RETRY_MS', integer('RAMPART_HTTP_MAX_RETRY_MS', 0, 600_000)) ?? 30_000,
      deadlineMs: read(env, 'RAMPART_HTTP_DEADLINE_MS', integer('RAMPART_HTTP_DEADLINE_MS', 100, 3_600_000)) ?? 60_000,
      maxResponseBytes:
        read(env, 'RAMPART_HTTP_MAX_BYTES', integer('RAMPART_HTTP_MAX_BYTES', 1024, 2 ** 31)) ?? 50 * 1024 * 1024,
    },
    revokeTokens: read(env, 'RAMPART_REVOKE_TOKENS', boolean('RAMPART_REVOKE_TOKENS')) ?? true,
    stage: read(
      env,
      'RAMPART_STAGE',
      z
        .string()
        .trim()
        .regex(/^[a-z0-9][a-z0-9_-]*$/i, { message: 'RAMPART_STAGE must be a stage name' }),
    ),
    clientSecretIssuedAt: read(env, 'RAMP_CLIENT_SECRET_ISSUED_AT', isoDate('RAMP_CLIENT_SECRET_ISSUED_AT')),
    previousClientSecret,
    rateLimitProbe: read(env, 'RAMPART_RATE_LIMIT_PROBE', boolean('RAMPART_RATE_LIMIT_PROBE')) ?? false,
    pactBroker: brokerUrl ? { url: brokerUrl, token: brokerToken } : null,
    verifyDeadlineMs: secondsToMs(
      read(env, 'RAMPART_VERIFY_DEADLINE_SECONDS', integer('RAMPART_VERIFY_DEADLINE_SECONDS', 1, 86_400)),
    ),
  };
  return deepFreeze(config);
}

/**
 * The API token may go to the spec URL when it is the API's own origin, or its host was named in
 * `RAMP_SPEC_TOKEN_HOST` (with the port when the URL names one).
 */
export function specTokenAllowed(specUrl: string, apiBaseUrl: string, specTokenHost: string | null): boolean {
  const spec = new URL(specUrl);
  if (spec.origin === new URL(apiBaseUrl).origin) return true;
  if (specTokenHost === null) return false;
  return (
    specTokenHost === spec.host.toLowerCase() || (spec.port === '' && specTokenHost === spec.hostname.toLowerCase())
  );
}

/** The origins besides the API's that the run's token may reach: the spec's, when it was named. */
export function extraTokenOrigins(
  config: Pick<RampartConfig, 'specUrl' | 'specUrlNeedsToken' | 'specTokenHost'>,
  apiBaseUrl: string,
): string[] {
  if (!config.specUrlNeedsToken || config.specUrl === null) return [];
  const origin = new URL(config.specUrl).origin;
  const named = specTokenAllowed(config.specUrl, apiBaseUrl, config.specTokenHost);
  return origin !== new URL(apiBaseUrl).origin && named ? [origin] : [];
}

function withEnvFile(env: Env, envFile: string | null): Env {
  envFileInUse = null;
  if (envFile === null) return env;
  const path = resolve(envFile);
  if (!existsSync(path)) return env;
  let fromFile: Record<string, string>;
  try {
    fromFile = parseDotenv(readFileSync(path));
  } catch (cause) {
    throw new ConfigError(`cannot read ${envFile}: ${(cause as Error).message}`, { cause });
  }
  envFileInUse = envFile;
  // The real environment wins over the file, as dotenv does by default.
  return { ...fromFile, ...env };
}

function secondsToMs(seconds: number | null): number | null {
  return seconds === null ? null : seconds * 1000;
}

function deepFreeze<T>(value: T): T {
  if (value && typeof value === 'object') {
    for (const child of Object.values(value)) deepFreeze(child);
    Object.freeze(value);
  }
  return value;
}
