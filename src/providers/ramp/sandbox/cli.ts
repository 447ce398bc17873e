import { Command, InvalidArgumentError, Option } from 'commander';
import { parseArgs } from '../../../cli/parse-args';
import { UsageError } from '../../../errors/index';
import { loadConfig } from '../../../config/index';
import { loadRampPolicy, resolveStage, stageRateLimits } from '../../../guardrails/policy';
import { sandboxClients } from './oauth/configured-clients';
import { startSandbox } from './server';
import type { RunningSandbox, SandboxOptions, SpecRevision } from './types';

/** `npm run sandbox -- ...`: flags → SandboxOptions. Every bad flag is a UsageError (exit 2, one line). */
export function parseSandboxArgs(argv: readonly string[]): SandboxOptions | 'help' {
  const program = new Command('sandbox')
    .description("Run rampart's embedded staging sandbox (Ramp's Developer API demo environment) on a loopback port.")
    .option('--port <port>', 'port to listen on (0 = any free port)', integer('--port', 0, 65_535), 4010)
    .option(
      '--token-ttl <seconds>',
      'lifetime of access tokens in seconds',
      integer('--token-ttl', 1, 31_536_000),
      3600,
    )
    .option('--rate-limit <n/window>', 'per-client rolling limit, e.g. 200/10s or 5/1s', rateLimit)
    .addOption(
      new Option('--spec-revision <revision>', 'OpenAPI revision to serve and obey')
        .choices(['baseline', 'next'])
        .default('baseline'),
    )
    .option(
      '--fault-latency <ms>',
      'add this many milliseconds to every API and token response',
      integer('--fault-latency', 0, 60_000),
    )
    .option(
      '--fault-error-rate <share>',
      'answer this share (0..1) of API requests with 500',
      share('--fault-error-rate'),
    )
    .option(
      '--fault-drop-rate <share>',
      'drop the connection of this share (0..1) of API requests',
      share('--fault-drop-rate'),
    )
    .option('--fault-token-down', 'the token endpoint answers 503')
    .option('--seed <n>', 'seed of the fault draws (same seed, same faults)', integer('--seed', 0, 2 ** 32 - 1))
    .option(
      '--stage <name>',
      'ramp-policy stage whose agreed rate limit to enforce (specs/ramp/ramp-policy.json)',
      stageName,
    )
    .option(
      '--misconfigured',
      'plant the guardrail faults: an operation without its auth check, the growth tier without a rate limit, an over-broad scope grant',
    );

  if (!parseArgs(program, argv, { prefix: 'sandbox' })) return 'help';
  const flags = program.opts<{
    port: number;
    tokenTtl: number;
    rateLimit?: { limit: number; windowMs: number };
    specRevision: SpecRevision;
    faultLatency?: number;
    faultErrorRate?: number;
    faultDropRate?: number;
    faultTokenDown?: boolean;
    seed?: number;
    stage?: string;
    misconfigured?: boolean;
  }>();
  const options: SandboxOptions = {
    port: flags.port,
    tokenTtlSeconds: flags.tokenTtl,
    specRevision: flags.specRevision,
  };
  if (flags.rateLimit) options.rateLimit = flags.rateLimit;
  if (flags.stage !== undefined) {
    const policy = loadRampPolicy();
    resolveStage(policy, flags.stage, '--stage');
    options.stage = flags.stage;
    options.stageRateLimits = stageRateLimits(policy);
  }
  if (flags.misconfigured) options.misconfigured = true;
  const faults = {
    ...(flags.faultLatency !== undefined && { latencyMs: flags.faultLatency }),
    ...(flags.faultErrorRate !== undefined && { errorRate: flags.faultErrorRate }),
    ...(flags.faultDropRate !== undefined && { dropRate: flags.faultDropRate }),
    ...(flags.faultTokenDown && { tokenEndpointDown: true }),
    ...(flags.seed !== undefined && { seed: flags.seed }),
  };
  if (Object.keys(faults).length > 0) options.faults = faults;
  return options;
}

function integer(flag: string, min: number, max: number) {
  return (value: string): number => {
    if (!/^\d+$/.test(value.trim())) throw new InvalidArgumentError(`${flag} must be a whole number, got "${value}".`);
    const n = Number(value);
    if (n < min || n > max) throw new InvalidArgumentError(`${flag} must be between ${min} and ${max}, got ${n}.`);
    return n;
  };
}

function share(flag: string) {
  return (value: string): number => {
    const n = Number(value);
    if (value.trim() === '' || !Number.isFinite(n) || n < 0 || n > 1)
      throw new InvalidArgumentError(`${flag} must be a number from 0 to 1, got "${value}".`);
    return n;
  };
}

function stageName(value: string): string {
  if (!/^[a-z0-9][a-z0-9_-]*$/i.test(value.trim()))
    throw new InvalidArgumentError(`--stage must be a stage name, got "${value}".`);
  return value.trim();
}

const WINDOW_UNITS: Record<string, number> = { ms: 1, s: 1000, m: 60_000 };

/** `5/1s`, `200/10s`, `50/500ms`, `1000/1m`. */
export function rateLimit(value: string): { limit: number; windowMs: number } {
  const match = /^(\d+)\/(\d+)(ms|s|m)$/.exec(value.trim());
  const limit = Number(match?.[1]);
  const windowMs = Number(match?.[2]) * (WINDOW_UNITS[match?.[3] ?? ''] ?? NaN);
  if (!match || limit < 1 || !(windowMs >= 1)) {
    throw new InvalidArgumentError(
      `--rate-limit must look like 200/10s (requests/window, window in ms, s or m), got "${value}".`,
    );
  }
  return { limit, windowMs };
}

/**
 * Starts the sandbox, prints where it is and its clients' credentials, and resolves once a stop signal
 * closed it. The secrets are printed here on purpose and nowhere else: they are sandbox-only and the
 * operator needs them to point a client at the sandbox.
 */
export async function runSandboxCommand(
  argv: readonly string[],
  io: { write: (text: string) => void; onStop: (stop: () => void) => void } = {
    write: (text) => process.stdout.write(text),
    onStop: (stop) => {
      process.once('SIGINT', stop);
      process.once('SIGTERM', stop);
    },
  },
): Promise<void> {
  const options = parseSandboxArgs(argv);
  if (options === 'help') return;
  let sandbox: RunningSandbox;
  try {
    sandbox = await startSandbox({ ...sandboxClients(loadConfig()), ...options });
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'EADDRINUSE')
      throw new UsageError(
        `sandbox: port ${options.port} is already in use; pick another with --port (0 = any free port).`,
      );
    if (code === 'EACCES')
      throw new UsageError(`sandbox: not allowed to listen on port ${options.port}; pick a port above 1023.`);
    throw error;
  }
  const { demo, readOnly } = sandbox.clients;
  const faults = `${options.faults ? ` faults: ${JSON.stringify(options.faults)}` : ''}${options.stage ? ` stage: ${options.stage}` : ''}${options.misconfigured ? ' MISCONFIGURED (planted guardrail faults)' : ''}`;
  io.write(
    [
      `rampart sandbox: Ramp Developer API (spec revision ${sandbox.specRevision}) on ${sandbox.baseUrl}${faults}`,
      `  base URL   ${sandbox.baseUrl}/developer/v1`,
      `  token URL  ${sandbox.tokenUrl}`,
      `  spec URL   ${sandbox.specUrl}`,
      `  demo client (all scopes)         RAMP_CLIENT_ID=${demo.clientId}`,
      `                                   RAMP_CLIENT_SECRET=${demo.clientSecret}`,
      `  read-only client (:read scopes)  RAMP_READONLY_CLIENT_ID=${readOnly.clientId}`,
      `                                   RAMP_READONLY_CLIENT_SECRET=${readOnly.clientSecret}`,
      `  short-lived client (${sandbox.clients.shortLived.tokenTtlSeconds} s tokens)  client id ${sandbox.clients.shortLived.clientId}, secret ${sandbox.clients.shortLived.clientSecret}`,
      '  (sandbox-only credentials, printed once here; Ctrl-C stops the sandbox)',
      '',
    ].join('\n'),
  );
  await new Promise<void>((resolve) => {
    io.onStop(() => {
      void sandbox.close().then(() => {
        io.write('rampart sandbox: stopped\n');
        resolve();
      });
    });
  });
}
