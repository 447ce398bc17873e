/**
 * oneOf / anyOf / allOf members added or removed. A request accepts less when a oneOf/anyOf
 * alternative goes or an allOf constraint arrives; a response may send more when a oneOf
 * alternative arrives.
 */
import { schemaRule, type Rule, type SchemaScope } from './define';

type Keyword = 'oneOf' | 'anyOf' | 'allOf';
const SLUG: Record<Keyword, string> = { oneOf: 'one-of', anyOf: 'any-of', allOf: 'all-of' };

const LEVELS: Record<'request' | 'response', Record<Keyword, Record<'added' | 'removed', 'error' | 'warning' | 'info'>>> = {
  request: { oneOf: { added: 'info', removed: 'error' }, anyOf: { added: 'info', removed: 'error' }, allOf: { added: 'error', removed: 'warning' } },
  response: { oneOf: { added: 'error', removed: 'info' }, anyOf: { added: 'info', removed: 'info' }, allOf: { added: 'info', removed: 'info' } },
};

function scopesFor(direction: 'request' | 'response', where: 'body' | 'property'): readonly SchemaScope[] {
  if (direction === 'request') return where === 'body' ? ['request-body'] : ['request-property', 'request-parameter', 'request-parameter-property', 'request-header-property'];
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
              message: (c, t) => `${c.name ?? 'a schema'} was ${kind} ${kind === 'added' ? 'to' : 'from'} the ${keyword} of ${t}`,
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
        scopes: [...scopesFor(direction, 'body'), ...scopesFor(direction, 'property')],
        keyword: 'wrapped-in-oneOf',
        kinds: ['added'],
        message: (c, t) => `${t} was restructured into a oneOf of ${String(c.after)} alternatives`,
      }),
    );
  }
  return rules;
}

export const SCHEMA_COMPOSITION_RULES: readonly Rule[] = compositionRules();
