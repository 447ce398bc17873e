/**
 * oneOf / anyOf / allOf members added or removed. A request accepts less when a oneOf/anyOf
 * alternative goes or an allOf constraint arrives; a response may send more when a oneOf
 * alternative arrives.
 */
import type { SchemaChange } from '../model';
import { schemaRule, type Rule, type SchemaScope } from './define';

type Keyword = 'oneOf' | 'anyOf' | 'allOf';
const PARAMETER_SCOPES: readonly SchemaScope[] = [
  'request-parameter',
  'request-parameter-property',
  'request-header-property',
];

/** A union whose members are told apart by a discriminator property. */
function discriminated(change: SchemaChange): boolean {
  const discriminator = change.revisionSchema.discriminator;
  return typeof discriminator === 'object' && discriminator !== null;
}

const widenedMessage = (c: SchemaChange, t: string): string =>
  `${t} was widened into ${String(c.after)} alternatives, one of them accepting every value it did`;

const undiscriminated = (change: SchemaChange): boolean => !discriminated(change);
const SLUG = { oneOf: 'one-of', anyOf: 'any-of', allOf: 'all-of' } as const satisfies Record<Keyword, string>;

const LEVELS: Record<
  'request' | 'response',
  Record<Keyword, Record<'added' | 'removed', 'error' | 'warning' | 'info'>>
> = {
  request: {
    oneOf: { added: 'info', removed: 'error' },
    anyOf: { added: 'info', removed: 'error' },
    allOf: { added: 'error', removed: 'warning' },
  },
  response: {
    oneOf: { added: 'error', removed: 'info' },
    anyOf: { added: 'info', removed: 'info' },
    allOf: { added: 'info', removed: 'info' },
  },
};

function scopesFor(direction: 'request' | 'response', where: 'body' | 'property'): readonly SchemaScope[] {
  if (direction === 'request')
    return where === 'body'
      ? ['request-body']
      : ['request-property', 'request-parameter', 'request-parameter-property', 'request-header-property'];
  return where === 'body' ? ['response-body'] : ['response-property', 'response-header', 'response-header-property'];
}

function compositionRules(): Rule[] {
  const rules: Rule[] = [];
  for (const direction of ['request', 'response'] as const) {
    for (const keyword of ['oneOf', 'anyOf', 'allOf'] as const) {
      for (const where of ['body', 'property'] as const) {
        for (const kind of ['added', 'removed'] as const) {
          rules.push(
            schemaRule({
              id: `${direction}-${where}-${SLUG[keyword]}-${kind}`,
              level: LEVELS[direction][keyword][kind],
              description: `a ${keyword} member of a ${direction} ${where} was ${kind}`,
              scopes: scopesFor(direction, where),
              keyword,
              kinds: [kind],
              // a new member of a discriminated response union has a rule of its own
              when: direction === 'response' && keyword === 'oneOf' && kind === 'added' ? undiscriminated : undefined,
              message: (c, t) =>
                `${c.name ?? 'a schema'} was ${kind} ${kind === 'added' ? 'to' : 'from'} the ${keyword} of ${t}`,
            }),
          );
        }
      }
    }
    rules.push(
      schemaRule({
        id: `${direction}-body-wrapped-in-one-of`,
        level: 'error',
        description: `a concrete ${direction} schema was restructured into a oneOf`,
        // a parameter's restructuring has an id of its own
        scopes:
          direction === 'request'
            ? ['request-body', 'request-property']
            : [...scopesFor(direction, 'body'), ...scopesFor(direction, 'property')],
        keyword: 'wrapped-in-oneOf',
        kinds: ['added'],
        when: (c) => c.covers?.[direction] !== true,
        message: (c, t) =>
          direction === 'response' && c.name
            ? `${t} was restructured into a oneOf of ${String(c.after)} alternatives; ` +
              `${c.name} may send values it did not allow`
            : `${t} was restructured into a oneOf of ${String(c.after)} alternatives`,
      }),
    );
  }
  rules.push(
    schemaRule({
      id: 'request-parameter-wrapped-in-one-of',
      level: 'error',
      description: 'a request parameter was restructured into alternatives that no longer accept every value it did',
      oasdiff: null,
      scopes: PARAMETER_SCOPES,
      keyword: 'wrapped-in-oneOf',
      kinds: ['added'],
      when: (c) => c.covers?.request !== true,
      message: (c, t) =>
        `${t} was restructured into a oneOf of ${String(c.after)} alternatives, none accepting every value it did`,
    }),
    schemaRule({
      id: 'request-body-widened-to-one-of',
      level: 'info',
      description: 'a request body or property became alternatives, one of which accepts every value it did',
      oasdiff: null,
      scopes: ['request-body', 'request-property'],
      keyword: 'wrapped-in-oneOf',
      kinds: ['added'],
      when: (c) => c.covers?.request === true,
      message: widenedMessage,
    }),
    schemaRule({
      id: 'request-parameter-widened-to-one-of',
      level: 'info',
      description: 'a request parameter became alternatives, one of which accepts every value it did',
      oasdiff: null,
      scopes: PARAMETER_SCOPES,
      keyword: 'wrapped-in-oneOf',
      kinds: ['added'],
      when: (c) => c.covers?.request === true,
      message: widenedMessage,
    }),
    schemaRule({
      id: 'response-body-narrowed-to-one-of',
      level: 'info',
      description: 'a response body or property was split into alternatives, each allowing only values it did before',
      oasdiff: null,
      scopes: [...scopesFor('response', 'body'), ...scopesFor('response', 'property')],
      keyword: 'wrapped-in-oneOf',
      kinds: ['added'],
      when: (c) => c.covers?.response === true,
      message: (c, t) =>
        `${t} was split into ${String(c.after)} alternatives, each allowing only values it allowed before`,
    }),
    schemaRule({
      id: 'response-discriminated-one-of-added',
      level: 'warning',
      description: 'a discriminated response union gained a member (like a new enum value: an unknown kind may come)',
      oasdiff: null,
      scopes: [...scopesFor('response', 'body'), ...scopesFor('response', 'property')],
      keyword: 'oneOf',
      kinds: ['added'],
      when: discriminated,
      message: (c, t) => `${c.name ?? 'a schema'} was added to the discriminated oneOf of ${t}`,
    }),
  );
  return rules;
}

export const SCHEMA_COMPOSITION_RULES: readonly Rule[] = compositionRules();
