/** Enumerations: values added or removed, a free value restricted to an enum. */
import { quote, schemaRule, type Rule, type SchemaScope } from './define';
import type { RuleId } from '../rule-ids';

function enumRule(
  id: RuleId,
  level: 'error' | 'warning' | 'info',
  scopes: readonly SchemaScope[],
  keyword: 'enum-value' | 'x-extensible-enum-value',
  kind: 'added' | 'removed',
  description: string,
): Rule {
  const list = keyword === 'enum-value' ? 'enum' : 'x-extensible-enum';
  return schemaRule({
    id,
    level,
    description,
    scopes,
    keyword,
    kinds: [kind],
    // a write-only property never reaches a client in a response
    when: (c) => !(c.direction === 'response' && c.revisionSchema.writeOnly === true),
    message: (c, t) =>
      `value ${quote(kind === 'added' ? c.after : c.before)} was ${kind} ${kind === 'added' ? 'to' : 'from'} the ${list} of ${t}`,
  });
}

function becameEnum(id: RuleId, scopes: readonly SchemaScope[], description: string): Rule {
  return schemaRule({
    id,
    level: 'error',
    description,
    scopes,
    keyword: 'enum',
    kinds: ['added'],
    message: (c, t) => `${t} was restricted to the values ${(c.after as unknown[]).map(quote).join(', ')}`,
  });
}

function enumRemoved(id: RuleId, level: 'warning' | 'info', scopes: readonly SchemaScope[], description: string): Rule {
  return schemaRule({
    id,
    level,
    description,
    oasdiff: null,
    scopes,
    keyword: 'enum',
    kinds: ['removed'],
    when: (c) => !(c.direction === 'response' && c.revisionSchema.writeOnly === true),
    message: (c, t) => `${t} is no longer restricted to the values ${(c.before as unknown[]).map(quote).join(', ')}`,
  });
}

export const SCHEMA_ENUM_RULES: readonly Rule[] = [
  becameEnum('request-body-became-enum', ['request-body'], 'a free request body was restricted to an enum'),
  becameEnum('request-property-became-enum', ['request-property'], 'a free request property was restricted to an enum'),
  becameEnum(
    'request-parameter-became-enum',
    ['request-parameter', 'request-parameter-property'],
    'a free request parameter was restricted to an enum',
  ),
  becameEnum(
    'request-header-property-became-enum',
    ['request-header-property'],
    'a free property of a header parameter was restricted to an enum',
  ),
  enumRule(
    'request-body-enum-value-removed',
    'error',
    ['request-body'],
    'enum-value',
    'removed',
    'a value was removed from the enum of the request body',
  ),
  enumRule(
    'request-property-enum-value-removed',
    'error',
    ['request-property'],
    'enum-value',
    'removed',
    'a value was removed from the enum of a request property',
  ),
  enumRule(
    'request-parameter-enum-value-removed',
    'error',
    ['request-parameter'],
    'enum-value',
    'removed',
    'a value was removed from the enum of a request parameter',
  ),
  enumRule(
    'request-parameter-property-enum-value-removed',
    'error',
    ['request-parameter-property', 'request-header-property'],
    'enum-value',
    'removed',
    'a value was removed from the enum of a property of a request parameter',
  ),
  enumRule(
    'request-property-enum-value-added',
    'info',
    ['request-body', 'request-property'],
    'enum-value',
    'added',
    'a value was added to the enum of a request property',
  ),
  enumRule(
    'request-parameter-enum-value-added',
    'info',
    ['request-parameter'],
    'enum-value',
    'added',
    'a value was added to the enum of a request parameter',
  ),
  enumRule(
    'request-parameter-property-enum-value-added',
    'info',
    ['request-parameter-property', 'request-header-property'],
    'enum-value',
    'added',
    'a value was added to the enum of a property of a request parameter',
  ),
  enumRule(
    'response-property-enum-value-added',
    'warning',
    ['response-body', 'response-property', 'response-header', 'response-header-property'],
    'enum-value',
    'added',
    'a value was added to the enum of a response property (clients may meet a value they do not know)',
  ),
  enumRule(
    'response-property-enum-value-removed',
    'info',
    ['response-property', 'response-header', 'response-header-property'],
    'enum-value',
    'removed',
    'a value was removed from the enum of a response property',
  ),
  enumRule(
    'response-mediatype-enum-value-removed',
    'info',
    ['response-body'],
    'enum-value',
    'removed',
    'a value was removed from the enum of the response body',
  ),
  enumRemoved(
    'response-property-enum-removed',
    'warning',
    ['response-body', 'response-property', 'response-header', 'response-header-property'],
    'a response property lost its enum (clients may now see any value)',
  ),
  enumRemoved(
    'request-property-enum-removed',
    'info',
    ['request-body', 'request-property'],
    'a request property lost its enum (it accepts any value)',
  ),
  enumRemoved(
    'request-parameter-enum-removed',
    'info',
    ['request-parameter', 'request-parameter-property', 'request-header-property'],
    'a request parameter lost its enum (it accepts any value)',
  ),
  enumRule(
    'request-property-x-extensible-enum-value-removed',
    'error',
    ['request-body', 'request-property'],
    'x-extensible-enum-value',
    'removed',
    'a value was removed from the x-extensible-enum of a request property',
  ),
  enumRule(
    'request-parameter-x-extensible-enum-value-removed',
    'error',
    ['request-parameter', 'request-parameter-property', 'request-header-property'],
    'x-extensible-enum-value',
    'removed',
    'a value was removed from the x-extensible-enum of a request parameter',
  ),
];
