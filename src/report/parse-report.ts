import { z } from 'zod';
import { UsageError } from '../errors';
import type { RunReport } from './model';

const outcome = z.enum(['passed', 'failed', 'error', 'skipped']);

const caseSchema = z.object({
  suite: z.string(),
  name: z.string(),
  outcome,
  durationMs: z.number(),
  message: z.string().optional(),
  detail: z.string().optional(),
  severity: z.enum(['error', 'warning', 'info']).optional(),
  providerState: z.string().optional(),
  rerun: z.string().optional(),
  data: z.record(z.string(), z.unknown()).optional(),
});

const reportSchema = z.object({
  schemaVersion: z.literal(1),
  tool: z.object({ name: z.literal('rampart'), version: z.string() }),
  startedAt: z.string(),
  finishedAt: z.string(),
  target: z.object({ kind: z.enum(['sandbox', 'staging']), baseUrl: z.string(), specRevision: z.string().optional() }),
  verdict: z.enum(['passed', 'failed', 'error']),
  exitCode: z.union([z.literal(0), z.literal(1), z.literal(2)]),
  steps: z.array(
    z.object({
      id: z.string(),
      title: z.string(),
      cases: z.array(caseSchema),
      error: z.string().optional(),
      summary: z.record(z.string(), z.unknown()).optional(),
    }),
  ),
  deprecatedCalls: z.array(z.object({ operation: z.string(), deprecation: z.string().nullable(), sunset: z.string().nullable(), calls: z.number() })),
  tokens: z.object({ requests: z.number(), scopeSets: z.number() }),
  totals: z.object({ passed: z.number(), failed: z.number(), error: z.number(), skipped: z.number() }),
});

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
    const where = issue?.path.length ? ` at ${issue.path.join('.')}` : '';
    throw new UsageError(`${source} is not a rampart report (schemaVersion 1)${where}: ${issue?.message ?? 'malformed'}`);
  }
  return parsed.data as RunReport;
}
