/**
 * Writes `<rule-id>/{base,revision}.yaml` for every rule: a minimal pair that triggers it.
 * Schema rules are found by search (each keyword has a few candidate schema pairs, placed in each
 * scope the rule covers, until the rule fires); the others are written out below.
 * Run: `npx tsx src/drift/rules/__fixtures__/generate-fixtures.ts` (rewrites only missing pairs unless --force).
 */
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { stringify } from 'yaml';
import { diffSpecs } from '../../diff-specs';
import { loadSpecText } from '../../../openapi/load/index';
import { ALL_RULES } from '../../registry';
import type { SchemaScope } from '../define';

type Doc = Record<string, unknown>;
const S = { type: 'string' };
const OBJ = (props: Doc, required: string[] = []): Doc => ({ type: 'object', properties: props, ...(required.length ? { required } : {}) });

function doc(pathItem: Doc, extra: Doc = {}): Doc {
  return { openapi: '3.0.3', info: { title: 'fixture', version: '1.0.0' }, paths: { '/things': pathItem }, ...extra };
}
const ok = { '200': { description: 'ok' } };

function place(scope: SchemaScope, schema: unknown, mediaType: string): Doc {
  const wrap = (s: unknown): Doc => OBJ({ p: s as Doc }, ['p']);
  switch (scope) {
    case 'request-body':
      return doc({ post: { requestBody: { content: { [mediaType]: { schema } } }, responses: ok } });
    case 'request-property':
      return doc({ post: { requestBody: { content: { [mediaType]: { schema: wrap(schema) } } }, responses: ok } });
    case 'request-parameter':
      return doc({ get: { parameters: [{ name: 'q', in: 'query', schema }], responses: ok } });
    case 'request-parameter-property':
      return doc({ get: { parameters: [{ name: 'q', in: 'query', schema: wrap(schema) }], responses: ok } });
    case 'request-header-property':
      return doc({ get: { parameters: [{ name: 'X-Q', in: 'header', schema: wrap(schema) }], responses: ok } });
    case 'response-body':
      return doc({ get: { responses: { '200': { description: 'ok', content: { [mediaType]: { schema } } } } } });
    case 'response-property':
      return doc({ get: { responses: { '200': { description: 'ok', content: { [mediaType]: { schema: wrap(schema) } } } } } });
    case 'response-header':
      return doc({ get: { responses: { '200': { description: 'ok', headers: { 'X-H': { schema } } } } } });
    case 'response-header-property':
      return doc({ get: { responses: { '200': { description: 'ok', headers: { 'X-H': { schema: wrap(schema) } } } } } });
  }
}

const NUMERIC = ['maxLength', 'minLength', 'maximum', 'minimum', 'exclusiveMaximum', 'exclusiveMinimum', 'maxItems', 'minItems'];
function schemaCandidates(keyword: string): [unknown, unknown][] {
  if (NUMERIC.includes(keyword)) {
    const t = keyword.includes('Items') ? { type: 'array', items: S } : keyword.includes('Length') ? S : { type: 'integer' };
    return [
      [{ ...t, [keyword]: 10 }, { ...t, [keyword]: 5 }],
      [{ ...t, [keyword]: 5 }, { ...t, [keyword]: 10 }],
      [t, { ...t, [keyword]: 5 }],
      [{ ...t, [keyword]: 5 }, t],
    ];
  }
  const a = OBJ({ a: S }, ['a']);
  switch (keyword) {
    case 'type':
      return [[S, { type: 'integer' }], [{ type: 'integer' }, { type: 'number' }], [{ type: 'number' }, { type: 'integer' }], [{ type: 'integer' }, S], [S, OBJ({ a: S })], [{ type: 'integer' }, { type: 'boolean' }]];
    case 'nullable':
      return [[S, { ...S, nullable: true }], [{ ...S, nullable: true }, S]];
    case 'enum':
      return [[S, { ...S, enum: ['a', 'b'] }], [{ ...S, enum: ['a', 'b'] }, S]];
    case 'enum-value':
      return [[{ ...S, enum: ['a', 'b'] }, { ...S, enum: ['a'] }], [{ ...S, enum: ['a'] }, { ...S, enum: ['a', 'b'] }]];
    case 'x-extensible-enum-value':
      return [[{ ...S, 'x-extensible-enum': ['a', 'b'] }, { ...S, 'x-extensible-enum': ['a'] }]];
    case 'pattern':
      return [[S, { ...S, pattern: '^a+$' }], [{ ...S, pattern: '^a+$' }, { ...S, pattern: '^b+$' }], [{ ...S, pattern: '^a+$' }, { ...S, pattern: '.*' }], [{ ...S, pattern: '^a+$' }, S]];
    case 'default':
      return [[S, { ...S, default: 'a' }], [{ ...S, default: 'a' }, { ...S, default: 'b' }], [{ ...S, default: 'a' }, S]];
    case 'property':
      return [
        [a, OBJ({ a: S, b: S }, ['a', 'b'])],
        [a, OBJ({ a: S, b: { ...S, default: 'x' } }, ['a', 'b'])],
        [a, OBJ({ a: S, b: S }, ['a'])],
        [OBJ({ a: S, b: S }, ['a', 'b']), a],
        [OBJ({ a: S, b: S }, ['a']), a],
      ];
    case 'required':
      return [
        [OBJ({ a: S }), OBJ({ a: S }, ['a'])],
        [OBJ({ a: { ...S, default: 'x' } }), OBJ({ a: { ...S, default: 'x' } }, ['a'])],
        [OBJ({ a: S }, ['a']), OBJ({ a: S })],
      ];
    case 'additionalProperties':
      return [[OBJ({ a: S }), { ...OBJ({ a: S }), additionalProperties: false }], [{ ...OBJ({ a: S }), additionalProperties: false }, OBJ({ a: S })]];
    case 'oneOf':
    case 'anyOf':
    case 'allOf':
      return [
        [{ [keyword]: [S, { type: 'integer' }] }, { [keyword]: [S] }],
        [{ [keyword]: [S] }, { [keyword]: [S, { type: 'integer' }] }],
        [
          { [keyword]: [OBJ({ kind: S })], discriminator: { propertyName: 'kind' } },
          { [keyword]: [OBJ({ kind: S }), OBJ({ kind: S, extra: S })], discriminator: { propertyName: 'kind' } },
        ],
      ];
    case 'wrapped-in-oneOf':
      return [
        [OBJ({ foo: S, bar: S }, ['foo', 'bar']), { oneOf: [OBJ({ foo: S, bar: S }, ['foo']), OBJ({ foo: S, bar: S }, ['bar'])] }],
        [{ type: 'number' }, { oneOf: [{ type: 'integer' }, { type: 'boolean' }] }],
        [{ type: 'number' }, { oneOf: [{ type: 'string', format: 'decimal' }, { type: 'number' }] }],
        [OBJ({ id: S }), { oneOf: [{ allOf: [OBJ({ id: S }), OBJ({ a: S })] }, { allOf: [OBJ({ id: S }), OBJ({ b: S })] }] }],
      ];
    case 'readOnly':
    case 'writeOnly':
      return [[S, { ...S, [keyword]: true }], [{ ...S, [keyword]: true }, S]];
    case 'deprecated':
      return [[S, { ...S, deprecated: true }], [S, { ...S, deprecated: true, 'x-sunset': '2099-12-31' }], [{ ...S, deprecated: true }, S]];
    case 'discriminator':
      return [[a, { ...a, discriminator: { propertyName: 'a' } }], [{ ...a, discriminator: { propertyName: 'a' } }, a]];
    default:
      return [];
  }
}

const get = (extra: Doc = {}): Doc => ({ get: { responses: ok, ...extra } });
const param = (p: Doc): Doc => ({ name: 'q', in: 'query', schema: S, ...p });
const body = (required: boolean, content: Doc = { 'application/json': { schema: S } }): Doc => ({ content, required });
const okJson = (extra: Doc = {}): Doc => ({ '200': { description: 'ok', content: { 'application/json': { schema: S } }, ...extra } });
const secured = (scopes: string[]): Doc => get({ security: [{ oauth: scopes }] });
const oauth = (scopes: string[]): Doc => ({ components: { securitySchemes: { oauth: { type: 'oauth2', flows: { clientCredentials: { tokenUrl: 'https://example.test/token', scopes: Object.fromEntries(scopes.map((s) => [s, s])) } } } } } });

/** Hand-written pairs for the rules that are not about a schema keyword. */
const PAIRS: Record<string, [Doc, Doc]> = {
  'api-path-removed-without-deprecation': [doc(get()), { ...doc(get()), paths: {} }],
  'api-path-removed-before-sunset': [doc(get({ deprecated: true, 'x-sunset': '9999-08-10' })), { ...doc(get()), paths: {} }],
  'api-path-removed-with-deprecation': [doc(get({ deprecated: true })), { ...doc(get()), paths: {} }],
  'api-removed-without-deprecation': [doc({ ...get(), post: { responses: ok } }), doc(get())],
  'api-removed-before-sunset': [doc({ ...get(), post: { responses: ok, deprecated: true, 'x-sunset': '9999-08-10' } }), doc(get())],
  'api-removed-with-deprecation': [doc({ ...get(), post: { responses: ok, deprecated: true } }), doc(get())],
  'endpoint-added': [doc(get()), doc({ ...get(), post: { responses: ok } })],
  'endpoint-deprecated': [doc(get()), doc(get({ deprecated: true }))],
  'endpoint-deprecated-with-sunset': [doc(get()), doc(get({ deprecated: true, 'x-sunset': '9999-08-10' }))],
  'api-deprecated-sunset-parse': [doc(get()), doc(get({ deprecated: true, 'x-sunset': 'soon' }))],
  'endpoint-reactivated': [doc(get({ deprecated: true })), doc(get())],
  'sunset-deleted': [doc(get({ deprecated: true, 'x-sunset': '9999-08-10' })), doc(get({ deprecated: true }))],
  'api-sunset-date-changed-too-small': [doc(get({ deprecated: true, 'x-sunset': '9999-08-10' })), doc(get({ deprecated: true, 'x-sunset': '2099-01-01' }))],
  'api-stability-decreased': [doc(get({ 'x-stability-level': 'stable' })), doc(get({ 'x-stability-level': 'beta' }))],
  'api-stability-increased': [doc(get({ 'x-stability-level': 'beta' })), doc(get({ 'x-stability-level': 'stable' }))],
  'new-request-path-parameter': [
    { ...doc({}), paths: { '/things/{id}': get() } },
    { ...doc({}), paths: { '/things/{id}': get({ parameters: [{ name: 'id', in: 'path', required: true, schema: S }] }) } },
  ],
  'new-required-request-default-parameter-to-existing-path': [doc(get()), doc({ ...get(), parameters: [param({ required: true })] })],
  'new-required-request-parameter': [doc(get()), doc(get({ parameters: [param({ required: true })] }))],
  'new-optional-request-default-parameter-to-existing-path': [doc(get()), doc({ ...get(), parameters: [param({})] })],
  'new-optional-request-parameter': [doc(get()), doc(get({ parameters: [param({})] }))],
  'request-parameter-removed': [doc(get({ parameters: [param({})] })), doc(get())],
  'request-parameter-removed-before-sunset': [doc(get({ parameters: [param({ deprecated: true, 'x-sunset': '9999-08-10' })] })), doc(get())],
  'request-parameter-removed-with-deprecation': [doc(get({ parameters: [param({ deprecated: true })] })), doc(get())],
  'request-parameter-moved': [doc(get({ parameters: [param({})] })), doc(get({ parameters: [param({ in: 'header' })] }))],
  'request-parameter-became-required': [doc(get({ parameters: [param({})] })), doc(get({ parameters: [param({ required: true })] }))],
  'request-parameter-became-optional': [doc(get({ parameters: [param({ required: true })] })), doc(get({ parameters: [param({})] }))],
  'request-parameter-deprecated': [doc(get({ parameters: [param({})] })), doc(get({ parameters: [param({ deprecated: true })] }))],
  'request-parameter-reactivated': [doc(get({ parameters: [param({ deprecated: true })] })), doc(get({ parameters: [param({})] }))],
  'request-parameter-sunset-deleted': [doc(get({ parameters: [param({ deprecated: true, 'x-sunset': '9999-08-10' })] })), doc(get({ parameters: [param({ deprecated: true })] }))],
  'request-parameter-sunset-date-changed-too-small': [
    doc(get({ parameters: [param({ deprecated: true, 'x-sunset': '9999-08-10' })] })),
    doc(get({ parameters: [param({ deprecated: true, 'x-sunset': '2099-01-01' })] })),
  ],
  'request-body-added-required': [doc({ post: { responses: ok } }), doc({ post: { requestBody: body(true), responses: ok } })],
  'request-body-added-optional': [doc({ post: { responses: ok } }), doc({ post: { requestBody: body(false), responses: ok } })],
  'request-body-removed': [doc({ post: { requestBody: body(true), responses: ok } }), doc({ post: { responses: ok } })],
  'request-body-became-required': [doc({ post: { requestBody: body(false), responses: ok } }), doc({ post: { requestBody: body(true), responses: ok } })],
  'request-body-became-optional': [doc({ post: { requestBody: body(true), responses: ok } }), doc({ post: { requestBody: body(false), responses: ok } })],
  'request-body-media-type-added': [
    doc({ post: { requestBody: body(true), responses: ok } }),
    doc({ post: { requestBody: body(true, { 'application/json': { schema: S }, 'text/plain': { schema: S } }), responses: ok } }),
  ],
  'request-body-media-type-removed': [
    doc({ post: { requestBody: body(true, { 'application/json': { schema: S }, 'text/plain': { schema: S } }), responses: ok } }),
    doc({ post: { requestBody: body(true), responses: ok } }),
  ],
  'request-body-media-type-schema-added': [doc({ post: { requestBody: body(true, { 'application/json': {} }), responses: ok } }), doc({ post: { requestBody: body(true), responses: ok } })],
  'request-body-media-type-schema-removed': [doc({ post: { requestBody: body(true), responses: ok } }), doc({ post: { requestBody: body(true, { 'application/json': {} }), responses: ok } })],
  'response-success-status-removed': [doc(get({ responses: { '200': { description: 'ok' }, '201': { description: 'created' } } })), doc(get())],
  'response-non-success-status-removed': [doc(get({ responses: { '200': { description: 'ok' }, '404': { description: 'no' } } })), doc(get())],
  'response-success-status-added': [doc(get()), doc(get({ responses: { '200': { description: 'ok' }, '201': { description: 'created' } } }))],
  'response-non-success-status-added': [doc(get()), doc(get({ responses: { '200': { description: 'ok' }, '404': { description: 'no' } } }))],
  'response-media-type-added': [
    doc(get({ responses: okJson() })),
    doc(get({ responses: { '200': { description: 'ok', content: { 'application/json': { schema: S }, 'application/xml': { schema: S } } } } })),
  ],
  'response-media-type-removed': [
    doc(get({ responses: { '200': { description: 'ok', content: { 'application/json': { schema: S }, 'application/xml': { schema: S } } } } })),
    doc(get({ responses: okJson() })),
  ],
  'response-body-media-type-schema-added': [doc(get({ responses: { '200': { description: 'ok', content: { 'application/json': {} } } } })), doc(get({ responses: okJson() }))],
  'response-body-media-type-schema-removed': [doc(get({ responses: okJson() })), doc(get({ responses: { '200': { description: 'ok', content: { 'application/json': {} } } } }))],
  'required-response-header-removed': [doc(get({ responses: { '200': { description: 'ok', headers: { 'X-H': { required: true, schema: S } } } } })), doc(get())],
  'optional-response-header-removed': [doc(get({ responses: { '200': { description: 'ok', headers: { 'X-H': { schema: S } } } } })), doc(get())],
  'response-header-became-optional': [
    doc(get({ responses: { '200': { description: 'ok', headers: { 'X-H': { required: true, schema: S } } } } })),
    doc(get({ responses: { '200': { description: 'ok', headers: { 'X-H': { schema: S } } } } })),
  ],
  'response-header-added': [doc(get()), doc(get({ responses: { '200': { description: 'ok', headers: { 'X-H': { schema: S } } } } }))],
  'api-security-scope-added': [doc(secured(['a']), oauth(['a', 'b'])), doc(secured(['a', 'b']), oauth(['a', 'b']))],
  'api-security-scope-removed': [doc(secured(['a', 'b']), oauth(['a', 'b'])), doc(secured(['a']), oauth(['a', 'b']))],
  'api-security-added': [doc(get({ security: [] }), oauth(['a'])), doc(secured(['a']), oauth(['a']))],
  'api-security-removed': [doc(secured(['a']), oauth(['a'])), doc(get({ security: [] }), oauth(['a']))],
  'api-global-security-scope-added': [doc(get(), { ...oauth(['a', 'b']), security: [{ oauth: ['a'] }] }), doc(get(), { ...oauth(['a', 'b']), security: [{ oauth: ['a', 'b'] }] })],
  'api-global-security-scope-removed': [doc(get(), { ...oauth(['a', 'b']), security: [{ oauth: ['a', 'b'] }] }), doc(get(), { ...oauth(['a', 'b']), security: [{ oauth: ['a'] }] })],
  'api-global-security-added': [doc(get(), oauth(['a'])), doc(get(), { ...oauth(['a']), security: [{ oauth: ['a'] }] })],
  'api-global-security-removed': [doc(get(), { ...oauth(['a']), security: [{ oauth: ['a'] }] }), doc(get(), oauth(['a']))],
  'api-security-component-added': [doc(get()), doc(get(), oauth(['a']))],
  'api-security-component-removed': [doc(get(), oauth(['a'])), doc(get())],
  'api-security-component-oauth-scope-added': [doc(get(), oauth(['a'])), doc(get(), oauth(['a', 'b']))],
  'api-security-component-oauth-scope-removed': [doc(get(), oauth(['a', 'b'])), doc(get(), oauth(['a']))],
  'api-security-component-oauth-token-url-changed': [
    doc(get(), oauth(['a'])),
    doc(get(), JSON.parse(JSON.stringify(oauth(['a'])).replace('example.test/token', 'example.test/v2/token')) as Doc),
  ],
  'webhook-added': [{ ...doc(get()), openapi: '3.1.0' }, { ...doc(get()), openapi: '3.1.0', webhooks: { paid: { post: { responses: ok } } } }],
  'webhook-removed': [{ ...doc(get()), openapi: '3.1.0', webhooks: { paid: { post: { responses: ok } } } }, { ...doc(get()), openapi: '3.1.0' }],
};

function fires(id: string, base: Doc, revision: Doc): boolean {
  const findings = diffSpecs(loadSpecText(JSON.stringify(base), 'base.yaml'), loadSpecText(JSON.stringify(revision), 'revision.yaml'));
  return findings.some((f) => f.id === id);
}

function search(id: string, scopes: readonly SchemaScope[], keyword: string): [Doc, Doc] | undefined {
  const mediaTypes = id.includes('compatible') ? ['application/xml'] : ['application/json'];
  for (const scope of scopes) {
    for (const mediaType of mediaTypes) {
      for (const [b, r] of schemaCandidates(keyword)) {
        const base = place(scope, b, mediaType);
        const revision = place(scope, r, mediaType);
        if (fires(id, base, revision)) return [base, revision];
      }
    }
  }
  return undefined;
}

const SCOPES: readonly SchemaScope[] = ['request-body', 'request-property', 'request-parameter', 'request-parameter-property', 'request-header-property', 'response-body', 'response-property', 'response-header', 'response-header-property'];
const KEYWORDS = ['type', 'nullable', 'enum', 'enum-value', 'x-extensible-enum-value', ...NUMERIC, 'pattern', 'default', 'property', 'required', 'additionalProperties', 'oneOf', 'anyOf', 'allOf', 'wrapped-in-oneOf', 'readOnly', 'writeOnly', 'deprecated', 'discriminator'];

const force = process.argv.includes('--force');
const missing: string[] = [];
for (const rule of ALL_RULES) {
  const dir = path.join(__dirname, rule.id);
  if (!force && existsSync(path.join(dir, 'base.yaml'))) continue;
  let pair = PAIRS[rule.id];
  if (!pair && rule.subject === 'schema') {
    for (const keyword of KEYWORDS) {
      pair = search(rule.id, SCOPES, keyword);
      if (pair) break;
    }
  }
  if (!pair || !fires(rule.id, pair[0], pair[1])) {
    missing.push(rule.id);
    continue;
  }
  mkdirSync(dir, { recursive: true });
  writeFileSync(path.join(dir, 'base.yaml'), stringify(pair[0]));
  writeFileSync(path.join(dir, 'revision.yaml'), stringify(pair[1]));
}
console.log(missing.length ? `no fixture for: ${missing.join(', ')}` : `fixtures complete for ${ALL_RULES.length} rules`);
