import type { z } from 'zod';
import { readConfigFile } from '../../config/config-file';
import { ConfigError } from '../../errors';
import type { LevelSetting } from '../levels';
import { RULE_IDS, type RuleId } from '../rule-ids';
import { nearestId } from './nearest-id';

export { DEFAULT_CONFIG_FILE } from '../../config/config-file';

/** One entry of `drift.ignore`: which findings it covers and why. */
export interface IgnoreRule {
  /** Rule id the finding must have. */
  rule: RuleId;
  /** HTTP method the finding's operation must have (upper case). Absent: any. */
  method?: string;
  /** picomatch glob the finding's path must match, e.g. `/v1/cards/**`. Absent: any. */
  path?: string;
  /** Why the team accepts these findings; shown next to every finding it covers. */
  reason: string;
  /** `YYYY-MM-DD`: the last day the ignore applies. After it the findings count again. */
  expires?: string;
}

export interface DriftConfig {
  /** The file the config came from, as given; `null` when there is none. */
  file: string | null;
  /** Per-rule level overrides (`off` drops the rule). */
  levels: Partial<Record<RuleId, LevelSetting>>;
  ignore: IgnoreRule[];
}

export interface LoadDriftConfigOptions {
  /** An explicit config file (`--config`); it must exist. @default `rampart.config.yaml` in `cwd`, if present */
  file?: string | null;
  /** @default process.cwd() */
  cwd?: string;
  /** The rule ids the config may name. @default every rule id the engine knows (`RULE_IDS`) */
  knownRuleIds?: readonly RuleId[];
}

export const EMPTY_DRIFT_CONFIG: DriftConfig = Object.freeze({ file: null, levels: {}, ignore: [] });

/**
 * Reads the `drift` section of the team's config file, validated. A mistake is one ConfigError naming
 * the file and the key (`rampart.config.yaml: drift.ignore[0].reason is required: ...`).
 */
export function loadDriftConfig(options: LoadDriftConfigOptions): DriftConfig {
  const file = readConfigFile({ ...options, file: options.file ?? null });
  if (file === null) return { ...EMPTY_DRIFT_CONFIG };
  const shown = file.shown;
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- lazy: zod only when there is a config file
  const { configFileSchema } = require('./drift-config-schema') as typeof import('./drift-config-schema');
  const parsed = configFileSchema.safeParse(file.sections);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new ConfigError(`${shown}: ${describeIssue(issue)}`, { variable: shown });
  }

  const section = parsed.data.drift ?? {};
  const knownRuleIds = options.knownRuleIds ?? RULE_IDS;
  const known: ReadonlySet<string> = new Set(knownRuleIds);
  const ruleId = (id: string, key: string): RuleId => {
    if (known.has(id)) return id as RuleId;
    const hint = nearestId(id, knownRuleIds);
    throw new ConfigError(
      `${shown}: ${key}: unknown rule id "${id}"${hint ? `; did you mean "${hint}"?` : ''} (the rule ids are listed in docs/drift-rules.md)`,
      { variable: key },
    );
  };
  const levels = Object.fromEntries(
    Object.entries(section.levels ?? {}).map(([id, level]) => [ruleId(id, `drift.levels.${id}`), level]),
  );
  const ignore: IgnoreRule[] = (section.ignore ?? []).map((rule, index) =>
    dropUndefined({ ...rule, rule: ruleId(rule.rule, `drift.ignore[${index}].rule`) }),
  );

  return { file: shown, levels, ignore };
}

function describeIssue(issue: z.core.$ZodIssue | undefined): string {
  if (!issue) return 'is not a valid config';
  const key = formatKey(issue.path);
  if (issue.code === 'unrecognized_keys') {
    const where = key ? `${key}: ` : '';
    return `${where}unknown key${issue.keys.length > 1 ? 's' : ''} ${issue.keys.map((k) => `"${k}"`).join(', ')}`;
  }
  if (issue.code === 'invalid_type' && issue.path.length === 0) return 'must be a YAML mapping with a `drift:` section';
  return `${key || '(top level)'} ${issue.message}`;
}

/** `['drift', 'ignore', 0, 'reason']` → `drift.ignore[0].reason`. */
function formatKey(path: readonly PropertyKey[]): string {
  let key = '';
  for (const part of path) {
    if (typeof part === 'number') key += `[${part}]`;
    else key += key ? `.${String(part)}` : String(part);
  }
  return key;
}

function dropUndefined<T extends object>(value: T): T {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as T;
}
