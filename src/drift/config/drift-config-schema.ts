/** The schema of `rampart.config.yaml` as far as drift reads it (its `drift` section); see docs/drift.md. */
import picomatch from 'picomatch';
import { z } from 'zod';
import { LEVEL_SETTINGS } from '../levels';

const HTTP_METHODS = ['GET', 'PUT', 'POST', 'DELETE', 'OPTIONS', 'HEAD', 'PATCH', 'TRACE'];

/** An ignore rule's `method`: an HTTP method, upper-cased. Shared with the `spec-gaps` section. */
export const httpMethod = z
  .string({ error: 'must be an HTTP method like GET' })
  .trim()
  .toUpperCase()
  .refine((m) => HTTP_METHODS.includes(m), { error: `must be one of ${HTTP_METHODS.join(', ')}` });

/** An ignore rule's `expires`: a real calendar day, `YYYY-MM-DD`. Shared with the `spec-gaps` section. */
export const calendarDate = z
  .union([z.string(), z.date()], { error: 'must be a date like 2027-01-31' })
  .transform((value, ctx) => {
    const text = value instanceof Date ? value.toISOString().slice(0, 10) : value.trim();
    const parsed = /^\d{4}-\d{2}-\d{2}$/.test(text) ? new Date(`${text}T00:00:00Z`) : null;
    if (!parsed || Number.isNaN(parsed.getTime()) || parsed.toISOString().slice(0, 10) !== text) {
      ctx.addIssue({ code: 'custom', message: `must be a date like 2027-01-31 (got "${text}")` });
      return z.NEVER;
    }
    return text;
  });

const ignoreRuleSchema = z.strictObject({
  rule: z.string({ error: 'is required: the rule id to ignore' }).trim().min(1, { error: 'must not be empty' }),
  method: httpMethod.optional(),
  path: z
    .string({ error: 'must be a path glob like /v1/cards/**' })
    .trim()
    .refine((p) => p.startsWith('/') || p.startsWith('*'), {
      error: 'must be a path glob starting with / (e.g. /v1/cards/**)',
    })
    .refine(isCompilableGlob, { error: 'is not a valid glob' })
    .optional(),
  reason: z
    .string({ error: 'is required: say why the finding is accepted' })
    .trim()
    .min(1, { error: 'must not be empty' }),
  expires: calendarDate.optional(),
});

const driftSectionSchema = z.strictObject({
  levels: z
    .record(z.string(), z.enum(LEVEL_SETTINGS, { error: `must be one of ${LEVEL_SETTINGS.join(', ')}` }), {
      error: 'must be a map of rule id to level',
    })
    .nullish(),
  ignore: z.array(ignoreRuleSchema, { error: 'must be a list of ignore rules' }).nullish(),
});

// Other top-level sections belong to other commands; only `drift` is ours to check.
export const configFileSchema = z.looseObject({ drift: driftSectionSchema.nullish() });

function isCompilableGlob(glob: string): boolean {
  try {
    picomatch(glob);
    return true;
  } catch {
    return false;
  }
}
