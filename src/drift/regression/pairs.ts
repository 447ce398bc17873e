/**
 * The real-world regression set: small synthetic pairs (written for rampart, modelled on how public
 * API documents actually evolved) and the findings each must give, as `level id operation [property]`.
 * Each class is one way a differ cries wolf or stays silent on real spec histories.
 */
export interface RegressionPair {
  /** What happened between the two documents. */
  name: string;
  base: string;
  revision: string;
  /** `level id operation` plus ` property` when the finding has one; order free. */
  expected: string[];
  options?: { basePrefix?: string; revisionPrefix?: string; stripPrefix?: string };
}

const HEAD = "openapi: 3.0.3\ninfo: { title: pairs, version: '1' }\n";

/** A `GET /cards/{id}` answering `schema` (YAML, indented for a `schema:` key at 14 spaces). */
function getCard(path: string, schema: string, extra = ''): string {
  return `${HEAD}paths:
  ${path}:
    get:
      parameters: [{ name: id, in: path, required: true, schema: { type: string } }]
      responses:
        '200':
          description: ok
          content:
            application/json:
              schema:
${schema}
${extra}`;
}

/** A `POST /cards` taking `schema` (same indentation). */
function postCard(schema: string, extra = ''): string {
  return `${HEAD}paths:
  /cards:
    post:
      requestBody:
        required: true
        content:
          application/json:
            schema:
${schema}
      responses:
        '201': { description: created }
${extra}`;
}

const CARD_INLINE = `                type: object
                required: [id, card_id]
                properties:
                  id: { type: string }
                  card_id: { type: string }
                  state: { type: string, enum: [ACTIVE, LOCKED] }
                  nickname: { type: string, minLength: 1 }`;

const CARD_COMPONENT = `components:
  schemas:
    CardBase:
      type: object
      required: [id, card_id]
      properties:
        id: { type: string }
        card_id: { type: string }
        state: { type: string, enum: [ACTIVE, LOCKED] }
        nickname: { type: string, minLength: 1 }`;

const KINDS = `components:
  schemas:
    Virtual: { type: object, properties: { kind: { type: string } } }
    Physical: { type: object, properties: { kind: { type: string } } }
    Vault: { type: object, properties: { kind: { type: string } } }`;

export const REGRESSION_PAIRS: readonly RegressionPair[] = [
  {
    name: 'the base path moved from servers into the paths',
    base: getCard('/cards/{id}', CARD_INLINE).replace(
      'paths:',
      'servers: [{ url: https://api.example.test/api/v1 }]\npaths:',
    ),
    revision: getCard('/api/v1/cards/{card_id}', CARD_INLINE)
      .replace('paths:', 'servers: [{ url: https://api.example.test }]\npaths:')
      .replace('name: id, in: path', 'name: card_id, in: path'),
    expected: [],
  },
  {
    name: 'servers disagree, and --base-prefix says what they cannot',
    base: getCard('/cards/{id}', CARD_INLINE).replace(
      'paths:',
      'servers: [{ url: https://a.test/v1 }, { url: https://b.test/api/v1 }]\npaths:',
    ),
    revision: getCard('/v1/cards/{id}', CARD_INLINE),
    options: { basePrefix: '/v1' },
    expected: [],
  },
  {
    name: '--strip-prefix removes a version prefix from both',
    base: getCard('/v1/cards/{id}', CARD_INLINE),
    revision: getCard('/v2/cards/{id}', CARD_INLINE).replace('paths:', 'servers: [{ url: / }]\npaths:'),
    options: { stripPrefix: '/v1', revisionPrefix: '', basePrefix: '' },
    expected: [
      'error api-path-removed-without-deprecation GET /v1/cards/{id}',
      'info endpoint-added GET /v2/cards/{id}',
    ],
  },
  {
    name: 'an inline object refactored into allOf: [$ref]',
    base: getCard('/cards/{id}', CARD_INLINE),
    revision: getCard(
      '/cards/{id}',
      "                allOf: [{ $ref: '#/components/schemas/CardBase' }]",
      CARD_COMPONENT,
    ),
    expected: [],
  },
  {
    name: 'an inline object refactored into allOf: [$ref, extension], with real changes inside the member',
    base: getCard('/cards/{id}', CARD_INLINE),
    revision: getCard(
      '/cards/{id}',
      `                allOf:
                  - $ref: '#/components/schemas/CardBase'
                  - { type: object, properties: { last_four: { type: string } } }`,
      CARD_COMPONENT.replace('required: [id, card_id]', 'required: [id]')
        .replace('[ACTIVE, LOCKED]', '[ACTIVE, LOCKED, TERMINATED]')
        .replace('nickname: { type: string, minLength: 1 }', 'nickname: { type: string }'),
    ),
    expected: [
      'error response-property-became-optional GET /cards/{id} card_id',
      'warning response-property-enum-value-added GET /cards/{id} state',
      'error response-property-min-length-unset GET /cards/{id} nickname',
      'info response-optional-property-added GET /cards/{id} last_four',
    ],
  },
  {
    name: 'an allOf member renamed with the same content',
    base: postCard(
      "              allOf: [{ $ref: '#/components/schemas/CardBase' }, { $ref: '#/components/schemas/Extra' }]",
      `${CARD_COMPONENT}\n    Extra: { type: object, properties: { memo: { type: string } } }`,
    ),
    revision: postCard(
      "              allOf: [{ $ref: '#/components/schemas/CardBase' }, { $ref: '#/components/schemas/Memo' }]",
      `${CARD_COMPONENT}\n    Memo: { type: object, properties: { memo: { type: string } } }`,
    ),
    expected: [],
  },
  {
    name: 'a labelled member added to an allOf the request already had',
    base: postCard(
      "              allOf: [{ $ref: '#/components/schemas/CardBase' }]",
      `${CARD_COMPONENT}\n    Extra: { type: object, required: [memo], properties: { memo: { type: string } } }`,
    ),
    revision: postCard(
      "              allOf: [{ $ref: '#/components/schemas/CardBase' }, { $ref: '#/components/schemas/Extra' }]",
      `${CARD_COMPONENT}\n    Extra: { type: object, required: [memo], properties: { memo: { type: string } } }`,
    ),
    expected: ['error new-required-request-property POST /cards memo', 'error request-body-all-of-added POST /cards'],
  },
  {
    name: 'a constraint added inside an allOf member of a request',
    base: postCard("              allOf: [{ $ref: '#/components/schemas/CardBase' }]", CARD_COMPONENT),
    revision: postCard(
      "              allOf: [{ $ref: '#/components/schemas/CardBase' }]",
      CARD_COMPONENT.replace(
        'nickname: { type: string, minLength: 1 }',
        'nickname: { type: string, minLength: 1, maxLength: 20 }',
      ),
    ),
    expected: ['warning request-property-max-length-set POST /cards nickname'],
  },
  {
    name: 'the security scheme renamed, with the same demands',
    base: `${HEAD}paths:
  /cards:
    get:
      security: [{ 'OAuth 2.0': [cards:read] }]
      responses: { '200': { description: ok } }
components:
  securitySchemes:
    'OAuth 2.0':
      type: oauth2
      flows: { clientCredentials: { tokenUrl: https://x.test/token, scopes: { cards:read: r } } }
`,
    revision: `${HEAD}paths:
  /cards:
    get:
      security: [{ oauth2: [cards:read] }]
      responses: { '200': { description: ok } }
components:
  securitySchemes:
    oauth2:
      type: oauth2
      flows: { clientCredentials: { tokenUrl: https://x.test/token, scopes: { cards:read: r } } }
`,
    expected: [],
  },
  {
    name: 'a second OAuth2 flow documented beside the one clients use (Ramp added authorizationCode)',
    base: `${HEAD}paths:
  /cards:
    get:
      security: [{ oauth2: [cards:read] }]
      responses: { '200': { description: ok } }
components:
  securitySchemes:
    oauth2:
      type: oauth2
      flows: { clientCredentials: { tokenUrl: https://x.test/token, scopes: { cards:read: r } } }
`,
    revision: `${HEAD}paths:
  /cards:
    get:
      security: [{ oauth2: [cards:read] }]
      responses: { '200': { description: ok } }
components:
  securitySchemes:
    oauth2:
      type: oauth2
      flows:
        authorizationCode:
          { authorizationUrl: https://x.test/authorize, tokenUrl: https://x.test/token, scopes: { cards:read: r } }
        clientCredentials: { tokenUrl: https://x.test/token, scopes: { cards:read: r } }
`,
    expected: [],
  },
  {
    name: 'a renamed scheme that now demands another scope',
    base: `${HEAD}paths:
  /cards:
    get:
      security: [{ 'OAuth 2.0': [cards:read] }]
      responses: { '200': { description: ok } }
components:
  securitySchemes:
    'OAuth 2.0':
      type: oauth2
      flows: { clientCredentials: { tokenUrl: https://x.test/token, scopes: { cards:read: r } } }
`,
    revision: `${HEAD}paths:
  /cards:
    get:
      security: [{ oauth2: [cards:read, cards:read_vault] }]
      responses: { '200': { description: ok } }
components:
  securitySchemes:
    oauth2:
      type: oauth2
      flows:
        clientCredentials: { tokenUrl: https://x.test/v2/token, scopes: { cards:read: r, cards:read_vault: v } }
`,
    expected: [
      'warning api-security-scope-added GET /cards',
      'info api-security-component-oauth-scope-added null',
      'info api-security-component-oauth-token-url-changed null',
    ],
  },
  {
    name: 'Authorization, Accept and Content-Type header parameters dropped',
    base: `${HEAD}paths:
  /cards:
    get:
      parameters:
        - { name: Authorization, in: header, required: true, schema: { type: string } }
        - { name: Accept, in: header, schema: { type: string } }
        - { name: content-type, in: header, schema: { type: string } }
      responses: { '200': { description: ok } }
`,
    revision: `${HEAD}paths:
  /cards:
    get:
      responses: { '200': { description: ok } }
`,
    expected: [],
  },
  {
    name: 'a number query parameter widened to oneOf: [string, number]',
    base: `${HEAD}paths:
  /transactions:
    get:
      parameters: [{ name: min_amount, in: query, schema: { type: number } }]
      responses: { '200': { description: ok } }
`,
    revision: `${HEAD}paths:
  /transactions:
    get:
      parameters:
        - { name: min_amount, in: query, schema: { oneOf: [{ type: string, format: decimal }, { type: number }] } }
      responses: { '200': { description: ok } }
`,
    expected: ['info request-parameter-widened-to-one-of GET /transactions'],
  },
  {
    name: 'a number query parameter turned into alternatives that reject old values',
    base: `${HEAD}paths:
  /transactions:
    get:
      parameters: [{ name: min_amount, in: query, schema: { type: number } }]
      responses: { '200': { description: ok } }
`,
    revision: `${HEAD}paths:
  /transactions:
    get:
      parameters: [{ name: min_amount, in: query, schema: { oneOf: [{ type: integer }, { type: boolean }] } }]
      responses: { '200': { description: ok } }
`,
    expected: ['error request-parameter-wrapped-in-one-of GET /transactions'],
  },
  {
    name: 'a response object split into oneOf branches that each allOf the old schema plus optional fields',
    base: getCard('/cards/{id}', "                $ref: '#/components/schemas/CardBase'", CARD_COMPONENT),
    revision: getCard(
      '/cards/{id}',
      `                oneOf:
                  - allOf:
                      - $ref: '#/components/schemas/CardBase'
                      - { type: object, properties: { pan_last_four: { type: string } } }
                  - allOf:
                      - $ref: '#/components/schemas/CardBase'
                      - { type: object, properties: { shipping: { type: string } } }`,
      CARD_COMPONENT,
    ),
    expected: ['info response-body-narrowed-to-one-of GET /cards/{id}'],
  },
  {
    name: 'a response object split into oneOf branches, one of which drops a required property',
    base: getCard('/cards/{id}', "                $ref: '#/components/schemas/CardBase'", CARD_COMPONENT),
    revision: getCard(
      '/cards/{id}',
      `                oneOf:
                  - $ref: '#/components/schemas/CardBase'
                  - { type: object, required: [id], properties: { id: { type: string } } }`,
      CARD_COMPONENT,
    ),
    expected: ['error response-body-wrapped-in-one-of GET /cards/{id}'],
  },
  {
    name: 'a new member of a discriminated response union',
    base: getCard(
      '/cards/{id}',
      `                oneOf: [{ $ref: '#/components/schemas/Virtual' }, { $ref: '#/components/schemas/Physical' }]
                discriminator: { propertyName: kind }`,
      KINDS,
    ),
    revision: getCard(
      '/cards/{id}',
      `                oneOf:
                  - $ref: '#/components/schemas/Virtual'
                  - $ref: '#/components/schemas/Physical'
                  - $ref: '#/components/schemas/Vault'
                discriminator: { propertyName: kind }`,
      KINDS,
    ),
    expected: ['warning response-discriminated-one-of-added GET /cards/{id}'],
  },
  {
    name: 'an enum dropped from a response property and from a request property',
    base:
      getCard('/cards/{id}', CARD_INLINE).replace(/\n$/, '') +
      '\n' +
      postCard(CARD_INLINE.replace(/^ {2}/gm, '')).replace(`${HEAD}paths:\n`, ''),
    revision:
      getCard('/cards/{id}', CARD_INLINE.replace(', enum: [ACTIVE, LOCKED]', '')).replace(/\n$/, '') +
      '\n' +
      postCard(CARD_INLINE.replace(', enum: [ACTIVE, LOCKED]', '').replace(/^ {2}/gm, '')).replace(
        `${HEAD}paths:\n`,
        '',
      ),
    expected: [
      'warning response-property-enum-removed GET /cards/{id} state',
      'info request-property-enum-removed POST /cards state',
    ],
  },
  {
    name: 'formats added and removed (oasdiff judges type and format as one)',
    base: getCard(
      '/cards/{id}',
      `                type: object
                properties:
                  issued: { type: string, format: date }
                  email: { type: string }`,
    ),
    revision: getCard(
      '/cards/{id}',
      `                type: object
                properties:
                  issued: { type: string }
                  email: { type: string, format: email }`,
    ).replace('schema: { type: string } }', 'schema: { type: string, format: uuid } }'),
    expected: [
      'error request-parameter-type-changed GET /cards/{id}',
      'error response-property-type-changed GET /cards/{id} issued',
      'info response-property-type-specialized GET /cards/{id} email',
    ],
  },
  {
    name: 'a YAML document written with merge keys against the same document spelled out',
    base: getCard(
      '/cards/{id}',
      `                type: object
                properties:
                  limit: &limit { type: object, properties: { amount: { type: integer } } }
                  spent:
                    <<: *limit
                    description: spent so far`,
    ),
    revision: getCard(
      '/cards/{id}',
      `                type: object
                properties:
                  limit: { type: object, properties: { amount: { type: integer } } }
                  spent: { type: object, properties: { amount: { type: integer } }, description: spent so far }`,
    ),
    expected: [],
  },
];
