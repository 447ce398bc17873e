/** How bad a finding is for a client, and the one order of levels every command ranks them by. */

/** `error` breaks a client, `warning` may, `info` does not. */
export type Level = 'error' | 'warning' | 'info';

/** Levels from least to most severe; `--fail-on X` fails on X and everything after it. */
export const LEVELS = ['info', 'warning', 'error'] as const satisfies readonly Level[];

/** What a config may set a rule to: a level, or `off` to drop the rule. */
export type LevelSetting = Level | 'off';
export const LEVEL_SETTINGS = ['error', 'warning', 'info', 'off'] as const satisfies readonly LevelSetting[];

export function levelRank(level: Level): number {
  return LEVELS.indexOf(level);
}

/** True when `level` is `threshold` or more severe. */
export function reaches(level: Level, threshold: Level): boolean {
  return levelRank(level) >= levelRank(threshold);
}

export function isLevel(value: unknown): value is Level {
  return typeof value === 'string' && (LEVELS as readonly string[]).includes(value);
}
