/**
 * The typed change model: one pass over both documents (`compare/`) produces these; rules read
 * only these, never the raw documents.
 */
import type { FindingLocation } from './types';
import type { JsonObject } from '../openapi/load/index';

/** Deprecation and stability facts of one operation in one revision. */
export interface OperationFacts {
  method: string;
  path: string;
  deprecated: boolean;
  /** `x-sunset` as written. */
  sunset: string | undefined;
  /** `x-stability-level` (draft, alpha, beta, stable). */
  stability: string | undefined;
}

/** Facts of one parameter in one revision. */
export interface ParameterFacts {
  in: string;
  name: string;
  required: boolean;
  deprecated: boolean;
  sunset: string | undefined;
  /** Declared on the path item rather than on the operation. */
  pathLevel: boolean;
}

interface ChangeBase {
  /** `GET /path` (revision's path, base's if removed); null = document level. */
  operation: string | null;
  location: FindingLocation;
  /** The operation this change belongs to, in each revision that has it. */
  op?: { base?: OperationFacts; revision?: OperationFacts };
}

export type AddRemove = 'added' | 'removed';

export interface OperationChange extends ChangeBase {
  subject: 'operation';
  kind: AddRemove;
  /** The whole path item went away (or arrived) with this operation. */
  wholePath: boolean;
}

export interface OperationFieldChange extends ChangeBase {
  subject: 'operation-field';
  kind: 'changed';
  field: 'deprecated' | 'x-sunset' | 'x-stability-level';
  before: unknown;
  after: unknown;
}

export interface ParameterChange extends ChangeBase {
  subject: 'parameter';
  kind: AddRemove;
  parameter: ParameterFacts;
  /** For an added parameter: the path item existed in the base with the same operation. */
  existingOperation: boolean;
}

export interface ParameterFieldChange extends ChangeBase {
  subject: 'parameter-field';
  kind: 'changed';
  field: 'required' | 'deprecated' | 'x-sunset' | 'in';
  before: unknown;
  after: unknown;
  parameter: ParameterFacts;
}

export interface RequestBodyChange extends ChangeBase {
  subject: 'request-body';
  kind: AddRemove | 'changed';
  /** Required-ness before and after (undefined on the side without a body). */
  requiredBefore?: boolean;
  requiredAfter?: boolean;
}

export interface ResponseChange extends ChangeBase {
  subject: 'response';
  kind: AddRemove;
  status: string;
}

export interface MediaTypeChange extends ChangeBase {
  subject: 'media-type';
  kind: AddRemove;
  direction: 'request' | 'response';
  mediaType: string;
}

export interface MediaTypeSchemaChange extends ChangeBase {
  subject: 'media-type-schema';
  kind: AddRemove;
  direction: 'request' | 'response';
  mediaType: string;
}

export interface ResponseHeaderChange extends ChangeBase {
  subject: 'response-header';
  kind: AddRemove | 'changed';
  header: string;
  requiredBefore?: boolean;
  requiredAfter?: boolean;
}

/** Which part of an operation a schema belongs to. */
export type SchemaTarget = 'body' | 'parameter' | 'header';

export type SchemaKeyword =
  | 'type'
  | 'nullable'
  | 'enum'
  | 'enum-value'
  | 'x-extensible-enum-value'
  | 'maxLength'
  | 'minLength'
  | 'maximum'
  | 'minimum'
  | 'exclusiveMaximum'
  | 'exclusiveMinimum'
  | 'maxItems'
  | 'minItems'
  | 'maxProperties'
  | 'minProperties'
  | 'pattern'
  | 'default'
  | 'property'
  | 'required'
  | 'additionalProperties'
  | 'oneOf'
  | 'anyOf'
  | 'allOf'
  | 'wrapped-in-oneOf'
  | 'readOnly'
  | 'writeOnly'
  | 'deprecated'
  | 'discriminator';

export interface SchemaChange extends ChangeBase {
  subject: 'schema';
  kind: AddRemove | 'changed';
  keyword: SchemaKeyword;
  direction: 'request' | 'response';
  target: SchemaTarget;
  /** JSON pointer of the schema node inside the body/parameter/header schema ('' = its root). */
  pointer: string;
  before?: unknown;
  after?: unknown;
  /** Property name, enum value, composition member label: what was added or removed. */
  name?: string;
  /** The schema node, in each revision. */
  baseSchema: JsonObject;
  revisionSchema: JsonObject;
  /** For `property` changes: the property's schema and whether it is required (in its side). */
  property?: { schema: JsonObject; required: boolean };
  /** When the node is itself a property: its required-ness in each revision. */
  requiredBefore?: boolean;
  requiredAfter?: boolean;
  /** The parameter, when `target` is `parameter`. */
  parameter?: ParameterFacts;
  /**
   * For `wrapped-in-oneOf`: some new alternative accepts every value the old schema did (`request`),
   * every new alternative allows only values the old schema did (`response`).
   */
  covers?: { request: boolean; response: boolean };
}

export interface SecurityChange extends ChangeBase {
  subject: 'security';
  kind: AddRemove;
  scope: 'global' | 'operation';
  /** The requirement's scheme names, joined with `+`. */
  requirement: string;
  /** A scope added to or removed from one scheme of a requirement kept in both. */
  scheme?: string;
  oauthScope?: string;
}

export interface SecuritySchemeChange extends ChangeBase {
  subject: 'security-scheme';
  /** `changed`: the scheme (matched by name, or by its demands when renamed) changed a flow's URL. */
  kind: AddRemove | 'changed';
  /** The scheme's name in the revision (the base's when removed). */
  scheme: string;
  /** An OAuth scope of the scheme's flows, when that is what changed. */
  oauthScope?: string;
  flow?: string;
  /** A flow's token URL, when that is what changed. */
  tokenUrl?: { before: unknown; after: unknown };
}

export interface WebhookChange extends ChangeBase {
  subject: 'webhook';
  kind: AddRemove;
  webhook: string;
}

export type Change =
  | OperationChange
  | OperationFieldChange
  | ParameterChange
  | ParameterFieldChange
  | RequestBodyChange
  | ResponseChange
  | MediaTypeChange
  | MediaTypeSchemaChange
  | ResponseHeaderChange
  | SchemaChange
  | SecurityChange
  | SecuritySchemeChange
  | WebhookChange;

export type ChangeSubject = Change['subject'];
