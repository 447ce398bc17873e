/** Type and format changes, and nullability. */
import type { SchemaChange } from '../model';
import { schemaRule, type Rule, type SchemaScope } from './define';
import type { RuleId } from '../rule-ids';

interface TypeValue {
  types: string[];
  format?: string;
}

/** `generalized`: every old value is still valid; `specialized`: every new value was valid before. */
function direction(change: SchemaChange): 'generalized' | 'specialized' | 'changed' {
  const before = change.before as TypeValue;
  const after = change.after as TypeValue;
  // a parameter travels as text: string is its widest type
  if (change.target === 'parameter' && before.types.includes('string') && !after.types.includes('string'))
    return 'specialized';
  if (change.target === 'parameter' && after.types.includes('string') && !before.types.includes('string'))
    return 'generalized';
  const widen = (from: string[], to: string[]): boolean =>
    from.every((t) => to.includes(t) || (t === 'integer' && to.includes('number')));
  const sameFormat = before.format === after.format || after.format === undefined;
  if (widen(before.types, after.types) && sameFormat) return 'generalized';
  if (widen(after.types, before.types) && (before.format === after.format || before.format === undefined))
    return 'specialized';
  return 'changed';
}

/** XML and form media types are loosely typed: a type change there is compatible. */
function looselyTyped(change: SchemaChange): boolean {
  const mediaType = change.location.mediaType ?? '';
  return mediaType !== '' && !/json/i.test(mediaType);
}

function show(value: unknown): string {
  const t = value as TypeValue;
  return `${t.types.join('|') || 'any'}${t.format ? `/${t.format}` : ''}`;
}

function typeRule(
  id: RuleId,
  level: 'error' | 'warning' | 'info',
  scopes: readonly SchemaScope[],
  accept: (c: SchemaChange) => boolean,
  description: string,
): Rule {
  return schemaRule({
    id,
    level,
    description,
    scopes,
    keyword: 'type',
    kinds: ['changed'],
    when: accept,
    message: (c, t) => `type of ${t} changed from ${show(c.before)} to ${show(c.after)}`,
  });
}

const strict =
  (want: 'generalized' | 'specialized' | 'changed' | 'not-generalized' | 'not-specialized') =>
  (c: SchemaChange): boolean => {
    if (looselyTyped(c)) return false;
    const d = direction(c);
    if (want === 'not-generalized') return d !== 'generalized';
    if (want === 'not-specialized') return d !== 'specialized';
    return d === want;
  };

export const SCHEMA_TYPE_RULES: readonly Rule[] = [
  typeRule(
    'request-body-type-changed',
    'error',
    ['request-body'],
    strict('not-generalized'),
    'the type of the request body changed incompatibly',
  ),
  typeRule(
    'request-body-type-generalized',
    'info',
    ['request-body'],
    strict('generalized'),
    'the type of the request body was widened',
  ),
  typeRule(
    'request-body-type-compatible',
    'info',
    ['request-body'],
    looselyTyped,
    'the type of a loosely-typed (non-JSON) request body changed',
  ),
  typeRule(
    'request-property-type-changed',
    'error',
    ['request-property'],
    strict('not-generalized'),
    'the type of a request property changed incompatibly',
  ),
  typeRule(
    'request-property-type-generalized',
    'info',
    ['request-property'],
    strict('generalized'),
    'the type of a request property was widened',
  ),
  typeRule(
    'request-property-type-compatible',
    'info',
    ['request-property'],
    looselyTyped,
    'the type of a property in a loosely-typed (non-JSON) request body changed',
  ),
  typeRule(
    'request-parameter-type-changed',
    'error',
    ['request-parameter'],
    strict('not-generalized'),
    'the type of a request parameter changed incompatibly',
  ),
  typeRule(
    'request-parameter-type-generalized',
    'info',
    ['request-parameter'],
    strict('generalized'),
    'the type of a request parameter was widened',
  ),
  typeRule(
    'request-parameter-property-type-specialized',
    'error',
    ['request-parameter-property', 'request-header-property'],
    strict('specialized'),
    'the type of a property of a request parameter was narrowed',
  ),
  typeRule(
    'request-parameter-property-type-changed',
    'warning',
    ['request-parameter-property', 'request-header-property'],
    strict('changed'),
    'the type of a property of a request parameter changed',
  ),
  typeRule(
    'request-parameter-property-type-generalized',
    'info',
    ['request-parameter-property', 'request-header-property'],
    strict('generalized'),
    'the type of a property of a request parameter was widened',
  ),
  typeRule(
    'response-body-type-changed',
    'error',
    ['response-body'],
    strict('not-specialized'),
    'the type of the response body changed incompatibly',
  ),
  typeRule(
    'response-body-type-specialized',
    'info',
    ['response-body'],
    strict('specialized'),
    'the type of the response body was narrowed',
  ),
  typeRule(
    'response-body-type-compatible',
    'info',
    ['response-body'],
    looselyTyped,
    'the type of a loosely-typed (non-JSON) response body changed',
  ),
  typeRule(
    'response-property-type-changed',
    'error',
    ['response-property'],
    strict('not-specialized'),
    'the type of a response property changed incompatibly',
  ),
  typeRule(
    'response-property-type-specialized',
    'info',
    ['response-property'],
    strict('specialized'),
    'the type of a response property was narrowed',
  ),
  typeRule(
    'response-property-type-compatible',
    'info',
    ['response-property'],
    looselyTyped,
    'the type of a property in a loosely-typed (non-JSON) response body changed',
  ),
  typeRule(
    'response-header-type-changed',
    'error',
    ['response-header', 'response-header-property'],
    (c) => direction(c) !== 'specialized',
    'the type of a response header changed incompatibly',
  ),
  typeRule(
    'response-header-type-specialized',
    'info',
    ['response-header', 'response-header-property'],
    (c) => direction(c) === 'specialized',
    'the type of a response header was narrowed',
  ),
];

function nullableRule(
  id: RuleId,
  level: 'error' | 'info',
  scopes: readonly SchemaScope[],
  kind: 'added' | 'removed',
  description: string,
): Rule {
  return schemaRule({
    id,
    level,
    description,
    scopes,
    keyword: 'nullable',
    kinds: [kind],
    message: (c, t) => (kind === 'added' ? `${t} became nullable` : `${t} is no longer nullable`),
  });
}

export const SCHEMA_NULLABLE_RULES: readonly Rule[] = [
  nullableRule(
    'request-body-became-not-nullable',
    'error',
    ['request-body'],
    'removed',
    'the request body no longer accepts null',
  ),
  nullableRule('request-body-became-nullable', 'info', ['request-body'], 'added', 'the request body now accepts null'),
  nullableRule(
    'request-property-became-not-nullable',
    'error',
    ['request-property'],
    'removed',
    'a request property no longer accepts null',
  ),
  nullableRule(
    'request-property-became-nullable',
    'info',
    ['request-property'],
    'added',
    'a request property now accepts null',
  ),
  nullableRule(
    'request-parameter-became-not-nullable',
    'error',
    ['request-parameter'],
    'removed',
    'a request parameter no longer accepts null',
  ),
  nullableRule(
    'request-parameter-became-nullable',
    'info',
    ['request-parameter'],
    'added',
    'a request parameter now accepts null',
  ),
  nullableRule(
    'request-parameter-property-became-not-nullable',
    'error',
    ['request-parameter-property', 'request-header-property'],
    'removed',
    'a property of a request parameter no longer accepts null',
  ),
  nullableRule(
    'request-parameter-property-became-nullable',
    'info',
    ['request-parameter-property', 'request-header-property'],
    'added',
    'a property of a request parameter now accepts null',
  ),
  nullableRule(
    'response-body-became-nullable',
    'error',
    ['response-body'],
    'added',
    'the response body may now be null',
  ),
  nullableRule(
    'response-body-became-not-nullable',
    'info',
    ['response-body'],
    'removed',
    'the response body is no longer null',
  ),
  nullableRule(
    'response-property-became-nullable',
    'error',
    ['response-property'],
    'added',
    'a response property may now be null',
  ),
  nullableRule(
    'response-property-became-not-nullable',
    'info',
    ['response-property'],
    'removed',
    'a response property is no longer null',
  ),
  nullableRule(
    'response-header-became-nullable',
    'error',
    ['response-header', 'response-header-property'],
    'added',
    'a response header may now be null',
  ),
  nullableRule(
    'response-header-became-not-nullable',
    'info',
    ['response-header', 'response-header-property'],
    'removed',
    'a response header is no longer null',
  ),
];
