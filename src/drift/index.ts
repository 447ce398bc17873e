/** The spec drift engine: load two OpenAPI documents, diff them, judge the changes with rules. */
export type { DiffOptions, Finding, FindingLocation, Level, LoadedSpec } from './types';
export { isLevel, LEVEL_SETTINGS, LEVELS, levelRank, reaches } from './levels';
export type { LevelSetting } from './levels';
export { loadSpec, loadSpecText, type LoadSpecOptions } from '../openapi/load/index';
export { diffSpecs, findingsOf } from './diff-specs';
export { buildChanges } from './compare';
export { ALL_RULES, ruleById } from './registry';
export { isRuleId, RULE_IDS, type RuleId } from './rule-ids';
export type { Rule, RuleHit } from './rules/define';
export type { Change, ChangeSubject, SchemaChange, SchemaKeyword } from './model';
