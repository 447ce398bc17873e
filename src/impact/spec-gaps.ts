import { z } from 'zod';
import { readConfigFile } from '../config/config-file';
import { calendarDate, httpMethod } from '../drift/config/drift-config-schema';
import { matchIgnore } from '../drift/config/ignore-match';
import { LEVEL_SETTINGS, type LevelSetting } from '../drift/levels';
import { ConfigError } from '../errors';
import type { CaseResult, Severity } from '../report/model';

/**
 * Documentation gaps: an error status (4xx) that a pact expects, or that the provider sends, and that the
 * provider's published document does not describe. Many providers document only their successes (Ramp's
 * document declares no 401, 403, 404 or 422), so such a status is a gap in the document, not a broken
 * contract: by default a warning. A 2xx the document does not describe stays a failure. Teams set the
 * level or ignore a gap, with a reason and an expiry, in the `spec-gaps` section of `rampart.config.yaml`,
 * the way the `drift` section does for drift findings (see docs/impact.md).
 */

export const SPEC_GAP_RULES = {
  /** A pact interaction expects a 4xx the document does not describe for its operation. */
  pactErrorStatus: 'pact-undocumented-error-status',
  /** The provider answered a 4xx the document does not describe for the operation. */
  providerErrorStatus: 'provider-undocumented-error-status',
} as const;
export type SpecGapRule = (typeof SPEC_GAP_RULES)[keyof typeof SPEC_GAP_RULES];

const SPEC_GAP_RULE_IDS: readonly string[] = Object.values(SPEC_GAP_RULES);
type GapLevel = LevelSetting;
const DEFAULT_LEVEL: GapLevel = 'warning';

export interface SpecGapIgnore {
  rule: SpecGapRule;
  /** Upper case; absent: any method. */
  method?: string;
  /** picomatch glob of the operation's path template; absent: any path. */
  path?: string;
  /** Only this status; absent: any 4xx. */
  status?: number;
  reason: string;
  /** `YYYY-MM-DD`, the last day the ignore applies. */
  expires?: string;
}

export interface SpecGapConfig {
  /** Where it came from, for messages; null when there is no config file. */
  file: string | null;
  levels: Partial<Record<SpecGapRule, GapLevel>>;
  ignore: SpecGapIgnore[];
}

export const DEFAULT_SPEC_GAP_CONFIG: SpecGapConfig = Object.freeze({ file: null, levels: {}, ignore: [] });

const ruleId = z.enum(SPEC_GAP_RULE_IDS as [SpecGapRule, ...SpecGapRule[]], {
  error: `must be one of ${SPEC_GAP_RULE_IDS.join(', ')}`,
});
const sectionSchema = z.strictObject({
  levels: z
    .partialRecord(ruleId, z.enum(LEVEL_SETTINGS, { error: `must be one of ${LEVEL_SETTINGS.join(', ')}` }))
    .nullish(),
  ignore: z
    .array(
      z.strictObject({
        rule: ruleId,
        method: httpMethod.optional(),
        path: z.string().trim().startsWith('/', { error: 'must be a path glob starting with /' }).optional(),
        status: z.number().int().min(400).max(499, { error: 'must be a 4xx status' }).optional(),
        reason: z
          .string({ error: 'is required: say why the gap is accepted' })
          .trim()
          .min(1, { error: 'must not be empty' }),
        expires: calendarDate.optional(),
      }),
    )
    .nullish(),
});
const fileSchema = z.looseObject({ 'spec-gaps': sectionSchema.nullish() });

/**
 * The `spec-gaps` section of `rampart.config.yaml` in `cwd` (absent file or section: the defaults).
 * A mistake is one ConfigError naming the file and the key.
 */
export function loadSpecGapConfig(options: { cwd?: string; file?: string } = {}): SpecGapConfig {
  const file = readConfigFile(options);
  if (file === null) return { ...DEFAULT_SPEC_GAP_CONFIG };
  const shown = file.shown;
  const parsed = fileSchema.safeParse(file.sections);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const key = (issue?.path ?? [])
      .map((part) => (typeof part === 'number' ? `[${part}]` : `.${String(part)}`))
      .join('')
      .slice(1);
    const unknown = issue?.code === 'unrecognized_keys' ? issue.keys.map((k) => `"${k}"`).join(', ') : null;
    const why =
      unknown === null
        ? (issue?.message ?? 'is not valid')
        : `has unknown key ${unknown} (rule ids: ${SPEC_GAP_RULE_IDS.join(', ')})`;
    throw new ConfigError(`${shown}: ${key} ${why}`, { variable: key });
  }
  const section = parsed.data['spec-gaps'] ?? {};
  const ignore = (section.ignore ?? []).map(
    (rule) => Object.fromEntries(Object.entries(rule).filter(([, v]) => v !== undefined)) as unknown as SpecGapIgnore,
  );
  return { file: shown, levels: section.levels ?? {}, ignore };
}

export interface GapVerdict {
  outcome: CaseResult['outcome'];
  severity?: Severity;
  /** Why, in one line; says whether the config raised, lowered or ignored it. */
  note: string;
  data: Record<string, unknown>;
}

/** `4xx` only: a 2xx (or 5xx) the document does not describe is no gap. */
export function isGapStatus(status: number): boolean {
  return status >= 400 && status < 500;
}

/**
 * How a documentation gap counts under `config`: warning by default; `error` fails the case, `info` and
 * `off` pass it; a matching, unexpired ignore passes it with its reason. An expired ignore counts again.
 */
export function judgeGap(
  rule: SpecGapRule,
  operation: { method: string; path: string } | null,
  status: number,
  config: SpecGapConfig,
  now: Date = new Date(),
): GapVerdict {
  const level = config.levels[rule] ?? DEFAULT_LEVEL;
  const base = `status ${status}, which the published spec does not describe (a documentation gap, ${rule})`;
  const today = now.toISOString().slice(0, 10);
  const candidates = config.ignore.filter((i) => i.rule === rule && (i.status === undefined || i.status === status));
  const { ignored, expired } = matchIgnore(candidates, operation, today);
  if (ignored) {
    const until = ignored.expires ? ` until ${ignored.expires}` : '';
    return {
      outcome: 'passed',
      note: `${base}; ignored${until}: ${ignored.reason}`,
      data: { ruleId: rule, ignored: { reason: ignored.reason, ...(ignored.expires && { expires: ignored.expires }) } },
    };
  }
  const data: Record<string, unknown> = { ruleId: rule, level };
  if (expired) data.ignoreExpired = { reason: expired.reason, expires: expired.expires };
  const why = expired
    ? `; its ignore expired on ${expired.expires}`
    : level === DEFAULT_LEVEL
      ? ''
      : ` (${level} in ${config.file ?? 'config'})`;
  if (level === 'error') return { outcome: 'failed', severity: 'error', note: `${base}${why}`, data };
  if (level === 'warning') return { outcome: 'passed', severity: 'warning', note: `${base}${why}`, data };
  if (level === 'info') return { outcome: 'passed', severity: 'info', note: `${base}${why}`, data };
  return { outcome: 'passed', note: `${base}${why}`, data };
}
