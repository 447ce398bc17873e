/**
 * Every rule, in report order. Explicit on purpose: no discovery, and a rule that is not listed
 * here does not run. Ids are public API: never rename one; add a new id instead.
 */
import type { RuleId } from './rule-ids';
import type { Rule } from './rules/define';
import { REQUEST_BODY_RULES, RESPONSE_RULES } from './rules/body-rules';
import { OPERATION_RULES } from './rules/operation-rules';
import { PARAMETER_RULES } from './rules/parameter-rules';
import { SCHEMA_COMPOSITION_RULES } from './rules/schema-composition-rules';
import { SCHEMA_CONSTRAINT_RULES } from './rules/schema-constraint-rules';
import { SCHEMA_ENUM_RULES } from './rules/schema-enum-rules';
import { SCHEMA_MISC_RULES } from './rules/schema-misc-rules';
import { SCHEMA_PROPERTY_RULES } from './rules/schema-property-rules';
import { SCHEMA_NULLABLE_RULES, SCHEMA_TYPE_RULES } from './rules/schema-type-rules';
import { SECURITY_RULES } from './rules/security-rules';

export const ALL_RULES: readonly Rule[] = [
  ...OPERATION_RULES,
  ...PARAMETER_RULES,
  ...REQUEST_BODY_RULES,
  ...RESPONSE_RULES,
  ...SCHEMA_PROPERTY_RULES,
  ...SCHEMA_TYPE_RULES,
  ...SCHEMA_NULLABLE_RULES,
  ...SCHEMA_ENUM_RULES,
  ...SCHEMA_CONSTRAINT_RULES,
  ...SCHEMA_COMPOSITION_RULES,
  ...SCHEMA_MISC_RULES,
  ...SECURITY_RULES,
];

/** The rule with this id, if any. */
export function ruleById(id: RuleId): Rule | undefined {
  return ALL_RULES.find((rule) => rule.id === id);
}
