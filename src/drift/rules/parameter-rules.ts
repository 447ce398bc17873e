/** Request parameters added, removed, moved, made required or optional, deprecated. */
import type { ParameterChange, ParameterFacts } from '../model';
import { defineRule, type Rule } from './define';
import { parseSunset, sunsetInFuture } from './sunset';
import type { RuleId } from '../rule-ids';

function label(p: ParameterFacts): string {
  return `${p.in} parameter '${p.name}'`;
}

function args(p: ParameterFacts): Record<string, unknown> {
  return { in: p.in, name: p.name };
}

function added(
  id: RuleId,
  level: 'error' | 'info',
  description: string,
  test: (c: ParameterChange) => boolean,
  words: string,
): Rule {
  return defineRule('parameter', {
    id,
    level,
    direction: 'request',
    description,
    detect: (c) =>
      c.kind === 'added' && test(c)
        ? { message: `${words} ${label(c.parameter)} was added to ${c.operation}`, args: args(c.parameter) }
        : null,
  });
}

type RemovalKind = 'plain' | 'with-deprecation' | 'before-sunset';
function removalKind(p: ParameterFacts): RemovalKind {
  if (!p.deprecated) return 'plain';
  return sunsetInFuture(p.sunset) ? 'before-sunset' : 'with-deprecation';
}

function removed(id: RuleId, level: 'error' | 'warning' | 'info', kind: RemovalKind, description: string): Rule {
  return defineRule('parameter', {
    id,
    level,
    direction: 'request',
    description,
    detect(c) {
      if (c.kind !== 'removed' || removalKind(c.parameter) !== kind) return null;
      const why =
        kind === 'plain'
          ? 'without being deprecated first'
          : kind === 'before-sunset'
            ? `before its sunset date ${c.parameter.sunset}`
            : 'after being deprecated';
      return {
        message: `${label(c.parameter)} was removed ${why}`,
        args: { ...args(c.parameter), sunset: c.parameter.sunset },
      };
    },
  });
}

export const PARAMETER_RULES: readonly Rule[] = [
  added('new-request-path-parameter', 'error', 'a new path parameter', (c) => c.parameter.in === 'path', 'path'),
  added(
    'new-required-request-default-parameter-to-existing-path',
    'error',
    'a required parameter declared on the path item now applies to an existing operation',
    (c) => c.parameter.in !== 'path' && c.parameter.required && c.parameter.pathLevel,
    'required path-level',
  ),
  added(
    'new-required-request-parameter',
    'error',
    'a new required parameter',
    (c) => c.parameter.in !== 'path' && c.parameter.required && !c.parameter.pathLevel,
    'required',
  ),
  added(
    'new-optional-request-default-parameter-to-existing-path',
    'info',
    'an optional parameter declared on the path item now applies to an existing operation',
    (c) => c.parameter.in !== 'path' && !c.parameter.required && c.parameter.pathLevel,
    'optional path-level',
  ),
  added(
    'new-optional-request-parameter',
    'info',
    'a new optional parameter',
    (c) => c.parameter.in !== 'path' && !c.parameter.required && !c.parameter.pathLevel,
    'optional',
  ),
  removed(
    'request-parameter-removed',
    'warning',
    'plain',
    'a parameter was removed without being deprecated first (clients still sending it may be rejected)',
  ),
  removed(
    'request-parameter-removed-before-sunset',
    'error',
    'before-sunset',
    'a deprecated parameter was removed before its sunset date',
  ),
  removed(
    'request-parameter-removed-with-deprecation',
    'info',
    'with-deprecation',
    'a deprecated parameter was removed',
  ),
  defineRule('parameter-field', {
    id: 'request-parameter-moved',
    level: 'error',
    direction: 'request',
    description: 'a parameter moved to another location (query, header, path, cookie)',
    oasdiff: null,
    detect: (c) =>
      c.field === 'in'
        ? {
            message: `parameter '${c.parameter.name}' moved from ${String(c.before)} to ${String(c.after)}`,
            args: { name: c.parameter.name, before: c.before, after: c.after },
          }
        : null,
  }),
  defineRule('parameter-field', {
    id: 'request-parameter-became-required',
    level: 'error',
    direction: 'request',
    description: 'an optional parameter became required',
    detect: (c) =>
      c.field === 'required' && c.after === true
        ? { message: `${label(c.parameter)} became required`, args: args(c.parameter) }
        : null,
  }),
  defineRule('parameter-field', {
    id: 'request-parameter-became-optional',
    level: 'info',
    direction: 'request',
    description: 'a required parameter became optional',
    detect: (c) =>
      c.field === 'required' && c.after === false
        ? { message: `${label(c.parameter)} became optional`, args: args(c.parameter) }
        : null,
  }),
  defineRule('parameter-field', {
    id: 'request-parameter-deprecated',
    level: 'info',
    direction: 'request',
    description: 'a parameter was deprecated',
    detect: (c) =>
      c.field === 'deprecated' && c.after === true
        ? {
            message: `${label(c.parameter)} was deprecated`,
            args: { ...args(c.parameter), sunset: c.parameter.sunset },
          }
        : null,
  }),
  defineRule('parameter-field', {
    id: 'request-parameter-reactivated',
    level: 'info',
    direction: 'request',
    description: 'a deprecated parameter is no longer deprecated',
    detect: (c) =>
      c.field === 'deprecated' && c.after === false
        ? { message: `${label(c.parameter)} is no longer deprecated`, args: args(c.parameter) }
        : null,
  }),
  defineRule('parameter-field', {
    id: 'request-parameter-sunset-deleted',
    level: 'error',
    direction: 'request',
    description: 'the sunset date of a still deprecated parameter was removed',
    detect: (c) =>
      c.field === 'x-sunset' && c.after === undefined && c.parameter.deprecated
        ? {
            message: `the x-sunset date of deprecated ${label(c.parameter)} was removed`,
            args: { ...args(c.parameter), before: c.before },
          }
        : null,
  }),
  defineRule('parameter-field', {
    id: 'request-parameter-sunset-date-changed-too-small',
    level: 'error',
    direction: 'request',
    description: 'the sunset date of a deprecated parameter was moved earlier',
    detect(c) {
      if (c.field !== 'x-sunset' || !c.parameter.deprecated) return null;
      const before = parseSunset(c.before as string | undefined);
      const after = parseSunset(c.after as string | undefined);
      if (!before || !after || after.getTime() >= before.getTime()) return null;
      return {
        message: `the sunset date of deprecated ${label(c.parameter)} moved earlier, from ${String(c.before)} to ${String(c.after)}`,
        args: { ...args(c.parameter), before: c.before, after: c.after },
      };
    },
  }),
];
