/** Which published OpenAPI document the sandbox serves, and so how it behaves. */
export type SpecRevision = 'baseline' | 'next';

export const SPEC_REVISIONS: readonly SpecRevision[] = ['baseline', 'next'];

/** One OAuth2 client the sandbox knows. */
export interface SandboxClient {
  readonly clientId: string;
  /** Sandbox-only credential. Registered with the redactor the moment the sandbox starts. */
  readonly clientSecret: string;
  /** Scopes this client may request. */
  readonly scopes: readonly string[];
  /** Lifetime of this client's tokens when it differs from the sandbox's `tokenTtlSeconds`. */
  readonly tokenTtlSeconds?: number;
}

/** Failures the sandbox injects on purpose. Off by default; every draw is deterministic given `seed`. */
export interface FaultOptions {
  /** Seed of the fault PRNG. Same seed and same request order give the same faults. @default 1 */
  seed?: number;
  /** Added delay before every API and token response, in milliseconds. @default 0 */
  latencyMs?: number;
  /** Share (0..1) of API requests answered 500 in Ramp's error shape. @default 0 */
  errorRate?: number;
  /** Share (0..1) of API requests whose connection is destroyed without a response. @default 0 */
  dropRate?: number;
  /** The token and revoke endpoints answer 503 `temporarily_unavailable`. @default false */
  tokenEndpointDown?: boolean;
}

export interface RateLimitOptions {
  /** Requests allowed per client inside one window. */
  limit: number;
  /** Length of the rolling window in milliseconds. */
  windowMs: number;
}

export interface SandboxOptions {
  /** Interface to listen on. Only loopback makes sense for a sandbox. @default '127.0.0.1' */
  host?: string;
  /** Port to listen on; 0 picks a free one. @default 0 */
  port?: number;
  /** Lifetime of issued access tokens in seconds. @default 3600 */
  tokenTtlSeconds?: number;
  /** Lifetime of the `shortLived` client's tokens in seconds. @default 2 */
  shortLivedTokenTtlSeconds?: number;
  /** Per-client rolling-window limit on API calls (Ramp: 200 per 10 s). @default { limit: 200, windowMs: 10_000 } */
  rateLimit?: RateLimitOptions;
  /** The OpenAPI revision served at /openapi.json; the sandbox behaves as it says. @default 'baseline' */
  specRevision?: SpecRevision;
  /**
   * Credentials of the demo client (all scopes).
   * @default generated at random (`npm run verify` and `npm run sandbox` pass RAMP_CLIENT_ID / _SECRET from the config)
   */
  demoClient?: { clientId: string; clientSecret: string };
  /**
   * Credentials of the read-only client (only `:read` scopes).
   * @default generated at random (`npm run verify` and `npm run sandbox` pass RAMP_READONLY_CLIENT_ID / _SECRET)
   */
  readOnlyClient?: { clientId: string; clientSecret: string };
  /** Injected failures. @default none */
  faults?: FaultOptions;
  /** Seed of the demo data. The same seed gives the same ids and values on every start. @default 20240501 */
  dataSeed?: number;
  /**
   * How many status polls of a new virtual-card task answer IN_PROGRESS before SUCCESS.
   * 0 means the first poll already sees SUCCESS. @default 0
   */
  cardTaskPollsBeforeSuccess?: number;
  /** Receives one line per request (method, path, status, trace id; never a credential). Silent by default. */
  log?: (line: string) => void;
  /**
   * The ramp-policy stage the sandbox runs at: its rate limit is that stage's agreed limit (unless
   * `rateLimit` is given). @default none: Ramp's default limit
   */
  stage?: string;
  /** Stage name → rate limit; required with `stage` (the CLI reads it from `specs/ramp/ramp-policy.json`). */
  stageRateLimits?: Readonly<Record<string, RateLimitOptions>>;
  /**
   * Plant the guardrail faults (see `misconfiguration.ts`): `GET /developer/v1/departments` answers
   * without a token, the `growth` stage has no rate limit, every token is also granted `users:write`.
   * @default false
   */
  misconfigured?: boolean;
  /**
   * The clock of everything in the sandbox that depends on time: token expiry and sweeps, the rate
   * limiter's window, timestamps in the data. Tests pass a manual one so expiry and windows need no
   * waiting. Injected latency and the log's timings stay on the real clock. @default Date.now
   */
  clock?: () => number;
}

export interface RunningSandbox {
  /** `http://127.0.0.1:PORT`; API paths live under `/developer/v1`. */
  readonly baseUrl: string;
  /** `${baseUrl}/developer/v1/token` */
  readonly tokenUrl: string;
  /** `${baseUrl}/openapi.json` (no auth). */
  readonly specUrl: string;
  readonly specRevision: SpecRevision;
  /**
   * `demo` may request every scope, `readOnly` only the `:read` ones, and `shortLived` holds the read
   * scopes with tokens that expire within seconds, so the expired-token probe can run.
   */
  readonly clients: {
    readonly demo: SandboxClient;
    readonly readOnly: SandboxClient;
    readonly shortLived: SandboxClient;
  };
  /** Replaces the fault settings (and restarts the fault PRNG from their seed). */
  setFaults(faults: FaultOptions): void;
  /** Closes the server and every open connection. */
  close(): Promise<void>;
}
