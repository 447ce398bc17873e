/** Operations and paths added or removed, deprecation, sunset and stability of operations. */
import { defineRule, type Rule } from './define';
import { parseSunset, stabilityRank, sunsetInFuture } from './sunset';
import type { RuleId } from '../rule-ids';

type Removal = 'without-deprecation' | 'with-deprecation' | 'before-sunset';

function removal(op: { deprecated: boolean; sunset: string | undefined } | undefined): Removal {
  if (!op?.deprecated) return 'without-deprecation';
  return sunsetInFuture(op.sunset) ? 'before-sunset' : 'with-deprecation';
}

function removalRule(
  id: RuleId,
  level: 'error' | 'info',
  wholePath: boolean,
  expected: Removal,
  description: string,
): Rule {
  return defineRule('operation', {
    id,
    level,
    direction: 'none',
    description,
    detect(change) {
      if (change.kind !== 'removed' || change.wholePath !== wholePath || removal(change.op?.base) !== expected)
        return null;
      const sunset = change.op?.base?.sunset;
      const what = wholePath
        ? `${change.operation} was removed with its whole path`
        : `${change.operation} was removed`;
      const why =
        expected === 'without-deprecation'
          ? 'without being deprecated first'
          : expected === 'before-sunset'
            ? `before its sunset date ${sunset}`
            : 'after being deprecated';
      return { message: `${what} ${why}`, args: { sunset } };
    },
  });
}

export const OPERATION_RULES: readonly Rule[] = [
  removalRule(
    'api-path-removed-without-deprecation',
    'error',
    true,
    'without-deprecation',
    'a path was removed without its operations being deprecated first',
  ),
  removalRule(
    'api-path-removed-before-sunset',
    'error',
    true,
    'before-sunset',
    'a path was removed before the sunset date of its deprecated operation',
  ),
  removalRule(
    'api-path-removed-with-deprecation',
    'info',
    true,
    'with-deprecation',
    'a path was removed after its operation was deprecated',
  ),
  removalRule(
    'api-removed-without-deprecation',
    'error',
    false,
    'without-deprecation',
    'an operation was removed without being deprecated first',
  ),
  removalRule(
    'api-removed-before-sunset',
    'error',
    false,
    'before-sunset',
    'a deprecated operation was removed before its sunset date',
  ),
  removalRule(
    'api-removed-with-deprecation',
    'info',
    false,
    'with-deprecation',
    'an operation was removed after being deprecated',
  ),
  defineRule('operation', {
    id: 'endpoint-added',
    level: 'info',
    direction: 'none',
    description: 'a new operation',
    detect: (change) => (change.kind === 'added' ? { message: `${change.operation} was added`, args: {} } : null),
  }),
  defineRule('operation-field', {
    id: 'endpoint-deprecated',
    level: 'info',
    direction: 'none',
    description: 'an operation was deprecated without a sunset date',
    detect: (change) =>
      change.field === 'deprecated' && change.after === true && change.op?.revision?.sunset === undefined
        ? { message: `${change.operation} was deprecated`, args: {} }
        : null,
  }),
  defineRule('operation-field', {
    id: 'endpoint-deprecated-with-sunset',
    level: 'info',
    direction: 'none',
    description: 'an operation was deprecated with a sunset date',
    detect(change) {
      const sunset = change.op?.revision?.sunset;
      if (change.field !== 'deprecated' || change.after !== true || sunset === undefined || !parseSunset(sunset))
        return null;
      return { message: `${change.operation} was deprecated, sunset ${sunset}`, args: { sunset } };
    },
  }),
  defineRule('operation-field', {
    id: 'api-deprecated-sunset-parse',
    level: 'error',
    direction: 'none',
    description: 'an operation was deprecated with an x-sunset that is not a date',
    detect(change) {
      const sunset = change.op?.revision?.sunset;
      if (change.field !== 'deprecated' || change.after !== true || sunset === undefined || parseSunset(sunset))
        return null;
      return {
        message: `${change.operation} was deprecated with x-sunset '${sunset}', which is not an RFC 3339 date`,
        args: { sunset },
      };
    },
  }),
  defineRule('operation-field', {
    id: 'endpoint-reactivated',
    level: 'info',
    direction: 'none',
    description: 'a deprecated operation is no longer deprecated',
    detect: (change) =>
      change.field === 'deprecated' && change.after === false
        ? { message: `${change.operation} is no longer deprecated`, args: {} }
        : null,
  }),
  defineRule('operation-field', {
    id: 'sunset-deleted',
    level: 'error',
    direction: 'none',
    description: 'the sunset date of a still deprecated operation was removed',
    detect: (change) =>
      change.field === 'x-sunset' && change.after === undefined && change.op?.revision?.deprecated === true
        ? {
            message: `the x-sunset date ${String(change.before)} of deprecated ${change.operation} was removed`,
            args: { before: change.before },
          }
        : null,
  }),
  defineRule('operation-field', {
    id: 'api-sunset-date-changed-too-small',
    level: 'error',
    direction: 'none',
    description: 'the sunset date of a deprecated operation was moved earlier',
    detect(change) {
      if (change.field !== 'x-sunset' || change.op?.revision?.deprecated !== true) return null;
      const before = parseSunset(change.before as string | undefined);
      const after = parseSunset(change.after as string | undefined);
      if (!before || !after || after.getTime() >= before.getTime()) return null;
      return {
        message: `the sunset date of deprecated ${change.operation} moved earlier, from ${String(change.before)} to ${String(change.after)}`,
        args: { before: change.before, after: change.after },
      };
    },
  }),
  defineRule('operation-field', {
    id: 'api-stability-decreased',
    level: 'error',
    direction: 'none',
    description: 'the x-stability-level of an operation went down',
    detect: (change) =>
      change.field === 'x-stability-level' &&
      stabilityRank(change.after as string | undefined) < stabilityRank(change.before as string | undefined)
        ? {
            message: `x-stability-level of ${change.operation} went from ${String((change.before as string | undefined) ?? 'stable')} down to ${String(change.after)}`,
            args: { before: change.before, after: change.after },
          }
        : null,
  }),
  defineRule('operation-field', {
    id: 'api-stability-increased',
    level: 'info',
    direction: 'none',
    description: 'the x-stability-level of an operation went up',
    detect: (change) =>
      change.field === 'x-stability-level' &&
      stabilityRank(change.after as string | undefined) > stabilityRank(change.before as string | undefined)
        ? {
            message: `x-stability-level of ${change.operation} went from ${String(change.before)} up to ${String((change.after as string | undefined) ?? 'stable')}`,
            args: { before: change.before, after: change.after },
          }
        : null,
  }),
];
