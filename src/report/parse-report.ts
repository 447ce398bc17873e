import { z } from 'zod';
import { UsageError } from '../errors';
import { LEVELS } from '../drift/levels';
import { oneLine } from './case-facts';
import type { CaseResult, RunReport, StepResult } from './model';

const outcome = z.enum(['passed', 'failed', 'error', 'skipped']);

/** Short identifiers the header prints: letters, digits and `._+-` only, so nothing in them is markup. */
const token = (max: number) =>
  z.string().regex(new RegExp(`^[A-Za-z0-9._+-]{1,${max}}$`), 'must be a short identifier');
const timestamp = z.iso.datetime({ offset: true });

const caseSchema = z.strictObject({
  suite: z.string(),
  name: z.string(),
  outcome,
  durationMs: z.number(),
  message: z.string().optional(),
  detail: z.string().optional(),
  severity: z.enum(LEVELS).optional(),
  providerState: z.string().optional(),
  rerun: z.string().optional(),
  data: z.record(z.string(), z.unknown()).optional(),
});

const stepSchema = z.strictObject({
  id: z.string(),
  title: z.string(),
  cases: z.array(caseSchema),
  error: z.string().optional(),
  summary: z.record(z.string(), z.unknown()).optional(),
});

/**
 * Every field of `verify.json`, checked: no unknown keys, identifiers and timestamps in their own shape.
 * Free text (messages, details) stays free; the renderers escape it.
 */
const reportSchema = z.strictObject({
  schemaVersion: z.literal(1),
  tool: z.strictObject({ name: z.literal('rampart'), version: token(64) }),
  startedAt: timestamp,
  finishedAt: timestamp,
  target: z.strictObject({
    kind: z.enum(['sandbox', 'staging']),
    baseUrl: z.url({ protocol: /^https?$/ }).max(2_000),
    specRevision: token(64).optional(),
  }),
  verdict: z.enum(['passed', 'failed', 'error']),
  exitCode: z.union([z.literal(0), z.literal(1), z.literal(2)]),
  steps: z.array(stepSchema),
  deprecatedCalls: z.array(
    z.strictObject({
      operation: z.string(),
      deprecation: z.string().nullable(),
      sunset: z.string().nullable(),
      calls: z.number().int().nonnegative(),
    }),
  ),
  tokens: z.strictObject({ requests: z.number().int().nonnegative(), scopeSets: z.number().int().nonnegative() }),
  totals: z.strictObject({
    passed: z.number().int().nonnegative(),
    failed: z.number().int().nonnegative(),
    error: z.number().int().nonnegative(),
    skipped: z.number().int().nonnegative(),
  }),
  audit: z
    .strictObject({
      session: z.number().int().positive(),
      records: z.number().int().nonnegative(),
      finalHash: z.string().regex(/^[0-9a-f]{64}$/, 'must be a SHA-256 hex digest'),
      keyed: z.boolean(),
    })
    .optional(),
});

/**
 * The schemas are strict, so a field the run report gains and they lack would refuse every real report:
 * each names every key of its type, or this stops compiling.
 */
type EveryKeyIn<T, Schema extends z.ZodType> = [Exclude<keyof T, keyof z.infer<Schema>>] extends [never] ? true : false;
const everyKeyChecked: [
  EveryKeyIn<RunReport, typeof reportSchema>,
  EveryKeyIn<StepResult, typeof stepSchema>,
  EveryKeyIn<CaseResult, typeof caseSchema>,
] = [true, true, true];
void everyKeyChecked;

/**
 * Reads `verify.json` back into a RunReport, checked field by field: the comment job renders a report
 * that a pull request's run produced, so it is treated as untrusted input.
 */
export function parseRunReport(text: string, source: string): RunReport {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    throw new UsageError(`${source} is not JSON; expected a rampart report (reports/verify.json)`);
  }
  const parsed = reportSchema.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const where = issue?.path.length ? ` at ${issue.path.map(String).join('.')}` : '';
    // The message only: zod's issue may quote the forged value, which has no place in a log line.
    throw new UsageError(
      `${source} is not a rampart report (schemaVersion 1)${where}: ${oneLine(issue?.message ?? 'malformed')}`,
    );
  }
  return parsed.data;
}
