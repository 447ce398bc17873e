import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import picomatch from 'picomatch';
import { z } from 'zod';
import { ConfigError } from '../errors';
import { PROVIDER_DEFINITION } from '../providers';

/**
 * The ramp policy: the capacity stages an integration moves through and what each allows. A leaf
 * module (zod, fs, errors and the provider's definition only) so the sandbox can read the stages'
 * rate limits without a cycle.
 */

/** The committed policy of the provider's integration. */
export const DEFAULT_POLICY_FILE = join(__dirname, '..', '..', PROVIDER_DEFINITION.policyFile);

const SCOPE = /^[a-z_]+:[a-z_]+$/;
const OPERATION = /^(\*|GET|POST|PUT|PATCH|DELETE|HEAD|OPTIONS) \/\S*$/;

const scope = z.string().regex(SCOPE, { message: 'must be a scope like "transactions:read"' });

const stageSchema = z.strictObject({
  name: z.string().regex(/^[a-z0-9][a-z0-9_-]*$/i, { message: 'must be a stage name (letters, digits, - and _)' }),
  description: z.string().optional(),
  rateLimit: z.strictObject({
    requests: z.number().int().min(1, { message: 'must be at least 1' }),
    windowSeconds: z.number().positive({ message: 'must be more than 0' }),
  }),
  scopes: z.array(scope),
  operations: z
    .array(
      z.string().regex(OPERATION, { message: 'must look like "GET /v1/transactions" (globs allowed in the path)' }),
    )
    .min(1, { message: 'must list at least one operation' }),
  maxSecretAgeDays: z.number().int().min(1, { message: 'must be a whole number of days, at least 1' }),
});

const policySchema = z.strictObject({
  $comment: z.string().optional(),
  version: z.literal(1, { message: 'must be 1' }),
  provider: z.literal(PROVIDER_DEFINITION.name, {
    message: `must be "${PROVIDER_DEFINITION.name}", the provider whose pacts this build verifies`,
  }),
  /** Scopes rampart itself needs beyond the pacts' (the token probes' call), each with why. */
  toolScopes: z.array(z.strictObject({ scope, reason: z.string().min(1) })).default([]),
  stages: z
    .array(stageSchema)
    .min(1, { message: 'must list at least one stage' })
    .refine((stages) => new Set(stages.map((s) => s.name)).size === stages.length, {
      message: 'stage names must be unique',
    }),
});

export type RampPolicy = z.infer<typeof policySchema>;
export type RampStage = z.infer<typeof stageSchema>;

/** Reads and validates a policy file. @throws ConfigError naming the file and the key at fault. */
export function loadRampPolicy(file: string = DEFAULT_POLICY_FILE): RampPolicy {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    throw new ConfigError(
      `ramp policy ${file} cannot be read (${(error as NodeJS.ErrnoException).code ?? 'unknown error'})`,
      { cause: error },
    );
  }
  let json: unknown;
  try {
    // An editor's byte order mark is no content (RFC 8259 lets a parser ignore it).
    json = JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch (error) {
    throw new ConfigError(`ramp policy ${file} is not JSON (${(error as Error).message})`, { cause: error });
  }
  return parseRampPolicy(json, file);
}

export function parseRampPolicy(json: unknown, source: string): RampPolicy {
  const parsed = policySchema.safeParse(json);
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0];
  const key = issue ? keyPath(issue.path) : '';
  throw new ConfigError(`ramp policy ${source}${key ? ` at ${key}` : ''}: ${issue?.message ?? 'is malformed'}`);
}

/** `stages[1].rateLimit.requests`, readable in one line. */
function keyPath(path: readonly PropertyKey[]): string {
  return path
    .map((part, i) => (typeof part === 'number' ? `[${part}]` : `${i === 0 ? '' : '.'}${String(part)}`))
    .join('');
}

/**
 * The stage in force: `name` (from RAMPART_STAGE), else the policy's first.
 * @throws ConfigError naming the unknown stage and the known ones.
 */
export function resolveStage(
  policy: RampPolicy,
  name: string | null | undefined,
  variable = 'RAMPART_STAGE',
): RampStage {
  if (name === null || name === undefined || name === '') return policy.stages[0] as RampStage;
  const stage = policy.stages.find((s) => s.name === name);
  if (!stage) {
    throw new ConfigError(
      `unknown stage "${name}" (${variable}); the ramp policy has ${policy.stages.map((s) => s.name).join(', ')}`,
      { variable },
    );
  }
  return stage;
}

/** The stage after `stage`, or null at the last one. */
export function nextStage(policy: RampPolicy, stage: RampStage): RampStage | null {
  const index = policy.stages.findIndex((s) => s.name === stage.name);
  return policy.stages[index + 1] ?? null;
}

/** Whether `operation` (`GET /v1/cards/{card_id}`) is one of the stage's allowed operations. */
export function stageAllowsOperation(stage: RampStage, operation: string): boolean {
  return stage.operations.some((pattern) => operationMatcher(pattern)(operation));
}

const matchers = new Map<string, (operation: string) => boolean>();
function operationMatcher(pattern: string): (operation: string) => boolean {
  let matcher = matchers.get(pattern);
  if (!matcher) {
    const [method = '', path = ''] = pattern.split(' ', 2);
    const pathMatches = picomatch(path, { dot: true, nobrace: true, noextglob: true });
    matcher = (operation) => {
      const [opMethod = '', opPath = ''] = operation.split(' ', 2);
      return (method === '*' || method.toUpperCase() === opMethod.toUpperCase()) && pathMatches(opPath);
    };
    matchers.set(pattern, matcher);
  }
  return matcher;
}

/** The stage's agreed limit in the sandbox's terms. */
export function stageRateLimit(stage: RampStage): { limit: number; windowMs: number } {
  return { limit: stage.rateLimit.requests, windowMs: Math.round(stage.rateLimit.windowSeconds * 1000) };
}

/** Every stage's rate limit by name: the sandbox's `stageRateLimits`. */
export function stageRateLimits(policy: RampPolicy): Record<string, { limit: number; windowMs: number }> {
  return Object.fromEntries(policy.stages.map((s) => [s.name, stageRateLimit(s)]));
}
