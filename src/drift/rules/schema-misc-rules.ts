/** Defaults, additionalProperties, discriminators, readOnly/writeOnly. */
import { quote, schemaRule, type Rule, type SchemaScope } from './define';

const REQUEST_BODY: readonly SchemaScope[] = ['request-body'];
const REQUEST_PROPERTY: readonly SchemaScope[] = ['request-property'];
const REQUEST_PARAMETER: readonly SchemaScope[] = [
  'request-parameter',
  'request-parameter-property',
  'request-header-property',
];
const RESPONSE_BODY: readonly SchemaScope[] = ['response-body', 'response-header'];
const RESPONSE_PROPERTY: readonly SchemaScope[] = ['response-property', 'response-header-property'];

function defaultRules(): Rule[] {
  const rules: Rule[] = [];
  const places = [
    // a client that omits a parameter gets the default: changing it changes behaviour silently
    ['request-parameter', REQUEST_PARAMETER, 'error'],
    ['request-body', REQUEST_BODY, 'info'],
    ['request-property', REQUEST_PROPERTY, 'info'],
    ['response-body', RESPONSE_BODY, 'info'],
    ['response-property', RESPONSE_PROPERTY, 'info'],
  ] as const;
  for (const [prefix, scopes, level] of places) {
    for (const kind of ['added', 'changed', 'removed'] as const) {
      rules.push(
        schemaRule({
          id: `${prefix}-default-value-${kind}`,
          level,
          description: `the default of a ${prefix.replace('-', ' ')} was ${kind}`,
          scopes,
          keyword: 'default',
          kinds: [kind],
          message: (c, t) =>
            kind === 'changed'
              ? `default of ${t} changed from ${quote(c.before)} to ${quote(c.after)}`
              : kind === 'added'
                ? `${t} got the default ${quote(c.after)}`
                : `default ${quote(c.before)} of ${t} was removed`,
        }),
      );
    }
  }
  return rules;
}

export const SCHEMA_MISC_RULES: readonly Rule[] = [
  ...defaultRules(),
  schemaRule({
    id: 'request-property-additional-properties-closed',
    oasdiff: null,
    level: 'error',
    description: 'a request object stopped accepting additional properties (additionalProperties: false)',
    scopes: [
      'request-body',
      'request-property',
      'request-parameter',
      'request-parameter-property',
      'request-header-property',
    ],
    keyword: 'additionalProperties',
    kinds: ['removed'],
    message: (c, t) => `${t} no longer accepts additional properties`,
  }),
  schemaRule({
    id: 'request-property-additional-properties-opened',
    oasdiff: null,
    level: 'info',
    description: 'a request object now accepts additional properties',
    scopes: [
      'request-body',
      'request-property',
      'request-parameter',
      'request-parameter-property',
      'request-header-property',
    ],
    keyword: 'additionalProperties',
    kinds: ['added'],
    message: (c, t) => `${t} now accepts additional properties`,
  }),
  schemaRule({
    id: 'response-property-additional-properties-opened',
    oasdiff: null,
    level: 'info',
    description: 'a response object may now carry additional properties',
    scopes: ['response-body', 'response-property', 'response-header', 'response-header-property'],
    keyword: 'additionalProperties',
    kinds: ['added'],
    message: (c, t) => `${t} may now carry additional properties`,
  }),
  ...(['added', 'removed'] as const).flatMap((kind) =>
    (['request', 'response'] as const).flatMap((direction) =>
      (['body', 'property'] as const).map((where) =>
        schemaRule({
          id: `${direction}-${where}-discriminator-${kind}`,
          level: 'info',
          description: `a discriminator was ${kind} on a ${direction} ${where}`,
          scopes:
            direction === 'request'
              ? where === 'body'
                ? REQUEST_BODY
                : [...REQUEST_PROPERTY, ...REQUEST_PARAMETER]
              : where === 'body'
                ? RESPONSE_BODY
                : RESPONSE_PROPERTY,
          keyword: 'discriminator',
          kinds: [kind],
          message: (c, t) =>
            `discriminator ${quote(kind === 'added' ? c.after : c.before)} was ${kind} ${kind === 'added' ? 'to' : 'from'} ${t}`,
        }),
      ),
    ),
  ),
  schemaRule({
    id: 'request-property-became-read-only',
    oasdiff: null,
    level: 'info',
    description: 'a request property became readOnly (clients no longer send it)',
    scopes: ['request-property'],
    keyword: 'readOnly',
    kinds: ['added'],
    message: (c, t) => `${t} became readOnly`,
  }),
  schemaRule({
    id: 'response-property-became-write-only',
    oasdiff: null,
    level: 'warning',
    description: 'a response property became writeOnly (it no longer appears in responses)',
    scopes: ['response-property'],
    keyword: 'writeOnly',
    kinds: ['added'],
    message: (c, t) => `${t} became writeOnly and no longer appears in responses`,
  }),
];
