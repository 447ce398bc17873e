/**
 * One pass over two documents: paths and operations are matched (path templates compare with
 * parameter names erased, so `/a/{id}` and `/a/{cardId}` are the same operation), then each
 * matched operation's parameters, request body, responses and security, producing the typed
 * change model. Schemas go through the memoised `SchemaDiffer`.
 */
import { HTTP_METHODS, indexPaths, type IndexedOperation } from '../../openapi/index';
import { contextOf, deref, isObject, type DocContext, type JsonObject } from '../../openapi/load/index';
import type { Change, OperationFacts, ParameterFacts } from '../model';
import type { FindingLocation, LoadedSpec } from '../types';
import { flattenInto, type SchemaPlace } from './flatten';
import { schemeSignatures } from './security-schemes';
import { requestPathMapper, type PathPrefixOptions } from './request-paths';
import { SchemaDiffer, type DiffNode } from './schema-diff';

const METHODS = HTTP_METHODS.map((method) => method.toUpperCase());
const EMPTY: JsonObject = Object.freeze({});
const IGNORED_HEADERS = new Set(['authorization', 'accept', 'content-type']);

interface Side {
  ctx: DocContext;
  doc: JsonObject;
  toRequestPath: (path: string) => string;
  schemeSignature: (name: string) => string;
}

function obj(value: unknown): JsonObject {
  return isObject(value) ? value : EMPTY;
}

function templateKey(path: string): string {
  return path.replace(/\{[^}]*\}/g, '{}');
}

/**
 * A document's operations by the template key of their full request path, by method. One key may
 * gather paths that differ in parameter names only, each with its own methods (GitHub's document has
 * such; the loader refuses one method declared twice). A path without operations still holds its key.
 */
function operationsByKey(side: Side): Map<string, Map<string, IndexedOperation>> {
  const byKey = new Map<string, Map<string, IndexedOperation>>();
  for (const path of indexPaths(side.doc, side.ctx.uri)) {
    const key = templateKey(side.toRequestPath(path.template));
    const methods = byKey.get(key) ?? new Map<string, IndexedOperation>();
    byKey.set(key, methods);
    for (const op of path.operations) if (!methods.has(op.method)) methods.set(op.method, op);
  }
  return byKey;
}

/** x-sunset as written: a date string, or any other JSON value spelled out. */
function sunsetText(value: unknown): string | undefined {
  if (value === undefined) return undefined;
  return typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean'
    ? String(value)
    : JSON.stringify(value);
}

function operationFacts({ method, template, operation: op }: IndexedOperation): OperationFacts {
  return {
    method,
    path: template,
    deprecated: op.deprecated === true,
    sunset: sunsetText(op['x-sunset']),
    stability: typeof op['x-stability-level'] === 'string' ? op['x-stability-level'] : undefined,
  };
}

/** The documents the `$ref`s of one compared pair of objects resolve in (another file for a `$ref`'d object). */
interface Contexts {
  base: DocContext;
  revision: DocContext;
}

interface ResolvedParameter {
  facts: ParameterFacts;
  raw: JsonObject;
  ctx: DocContext;
}

function collectParameters({
  template,
  pathItem,
  operation,
  context,
}: IndexedOperation): Map<string, ResolvedParameter> {
  const names = [...template.matchAll(/\{([^}]*)\}/g)].map((m) => m[1]);
  const result = new Map<string, ResolvedParameter>();
  const add = (list: unknown, pathLevel: boolean): void => {
    if (!Array.isArray(list)) return;
    for (const entry of list) {
      const resolved = deref(entry, context);
      const raw = obj(resolved.value);
      const where = typeof raw.in === 'string' ? raw.in : '';
      const name = typeof raw.name === 'string' ? raw.name : '';
      if (where === '' || name === '') continue;
      // OpenAPI: such header parameters SHALL be ignored (security and media types say it instead)
      if (where === 'header' && IGNORED_HEADERS.has(name.toLowerCase())) continue;
      let key: string;
      if (where === 'path') {
        const position = names.indexOf(name);
        key = position === -1 ? `path:${name}` : `path#${position}`;
      } else {
        key = `${where}:${where === 'header' ? name.toLowerCase() : name}`;
      }
      result.set(key, {
        raw,
        ctx: resolved.ctx,
        facts: {
          in: where,
          name,
          required: where === 'path' || raw.required === true,
          deprecated: raw.deprecated === true,
          sunset: sunsetText(raw['x-sunset']),
          pathLevel,
        },
      });
    }
  };
  add(pathItem.parameters, true);
  add(operation.parameters, false);
  return result;
}

function parameterSchema(raw: JsonObject): unknown {
  if (raw.schema !== undefined) return raw.schema;
  const content = obj(raw.content);
  const first = Object.keys(content)[0];
  return first === undefined ? undefined : obj(content[first]).schema;
}

interface Requirement {
  /** The scheme names as written in this document, joined with `+`. */
  label: string;
  /** Per scheme signature: the scheme's name here and the scopes demanded. */
  schemes: Map<string, { name: string; scopes: Set<string> }>;
}

/** Security requirements keyed by what they demand (the schemes' signatures), not by scheme names. */
function requirements(list: unknown, signatureOf: (scheme: string) => string): Map<string, Requirement> {
  const result = new Map<string, Requirement>();
  if (!Array.isArray(list)) return result;
  for (const entry of list) {
    const requirement = obj(entry);
    const names = Object.keys(requirement).sort();
    const schemes = new Map<string, { name: string; scopes: Set<string> }>();
    for (const name of names) {
      const value = requirement[name];
      schemes.set(signatureOf(name), { name, scopes: new Set(Array.isArray(value) ? value.map(String) : []) });
    }
    result.set([...schemes.keys()].sort().join('+'), { label: names.join('+'), schemes });
  }
  return result;
}

function sideOf(spec: LoadedSpec, prefix: string | undefined, strip: string | undefined): Side {
  const ctx = contextOf(spec.document, spec.source);
  return {
    ctx,
    doc: spec.document,
    toRequestPath: requestPathMapper(spec.document, prefix, strip),
    schemeSignature: schemeSignatures(spec.document, ctx),
  };
}

export class DocumentDiffer {
  readonly changes: Change[] = [];
  readonly schemas = new SchemaDiffer();
  private readonly base: Side;
  private readonly revision: Side;

  constructor(base: LoadedSpec, revision: LoadedSpec, prefixes: PathPrefixOptions = {}) {
    this.base = sideOf(base, prefixes.basePrefix, prefixes.stripPrefix);
    this.revision = sideOf(revision, prefixes.revisionPrefix, prefixes.stripPrefix);
  }

  run(): Change[] {
    this.comparePaths();
    this.compareSecurity(this.base.doc.security, this.revision.doc.security, null, 'global', {});
    this.compareSecuritySchemes();
    this.compareWebhooks();
    return this.changes;
  }

  private comparePaths(): void {
    const baseIndex = operationsByKey(this.base);
    const revisionIndex = operationsByKey(this.revision);
    for (const [key, baseOps] of baseIndex) {
      const revisionOps = revisionIndex.get(key);
      for (const method of METHODS) {
        const b = baseOps.get(method);
        const r = revisionOps?.get(method);
        if (b && r) {
          this.compareOperation(b, r);
        } else if (b) {
          const facts = operationFacts(b);
          this.changes.push({
            subject: 'operation',
            kind: 'removed',
            wholePath: revisionOps === undefined,
            operation: `${facts.method} ${b.template}`,
            location: {},
            op: { base: facts },
          });
        } else if (r) {
          this.pushAdded(r, false);
        }
      }
    }
    for (const [key, revisionOps] of revisionIndex) {
      if (baseIndex.has(key)) continue;
      for (const method of METHODS) {
        const r = revisionOps.get(method);
        if (r) this.pushAdded(r, true);
      }
    }
  }

  private pushAdded(r: IndexedOperation, wholePath: boolean): void {
    const facts = operationFacts(r);
    this.changes.push({
      subject: 'operation',
      kind: 'added',
      wholePath,
      operation: `${facts.method} ${r.template}`,
      location: {},
      op: { revision: facts },
    });
  }

  private compareOperation(b: IndexedOperation, r: IndexedOperation): void {
    const op = { base: operationFacts(b), revision: operationFacts(r) };
    const baseOp = b.operation;
    const revisionOp = r.operation;
    const operation = `${op.revision.method} ${r.template}`;
    const common = { operation, op };
    for (const field of ['deprecated', 'x-sunset', 'x-stability-level'] as const) {
      const before =
        field === 'deprecated' ? op.base.deprecated : field === 'x-sunset' ? op.base.sunset : op.base.stability;
      const after =
        field === 'deprecated'
          ? op.revision.deprecated
          : field === 'x-sunset'
            ? op.revision.sunset
            : op.revision.stability;
      if (before !== after)
        this.changes.push({
          subject: 'operation-field',
          kind: 'changed',
          field,
          before,
          after,
          location: {},
          ...common,
        });
    }
    this.compareParameters(b, r, common);
    const at = { base: b.context, revision: r.context };
    this.compareRequestBody(baseOp.requestBody, revisionOp.requestBody, at, common);
    this.compareResponses(obj(baseOp.responses), obj(revisionOp.responses), at, common);
    if (baseOp.security !== undefined || revisionOp.security !== undefined) {
      this.compareSecurity(baseOp.security, revisionOp.security, operation, 'operation', op);
    }
  }

  private compareParameters(
    b: IndexedOperation,
    r: IndexedOperation,
    common: { operation: string; op: { base: OperationFacts; revision: OperationFacts } },
  ): void {
    const before = collectParameters(b);
    const after = collectParameters(r);
    const removed: ResolvedParameter[] = [];
    const added: ResolvedParameter[] = [];
    for (const [key, b] of before) {
      const r = after.get(key);
      if (!r) {
        removed.push(b);
        continue;
      }
      const location: FindingLocation = { direction: 'request', parameter: { in: r.facts.in, name: r.facts.name } };
      for (const field of ['required', 'deprecated', 'x-sunset'] as const) {
        const x = field === 'x-sunset' ? b.facts.sunset : b.facts[field];
        const y = field === 'x-sunset' ? r.facts.sunset : r.facts[field];
        if (x !== y)
          this.changes.push({
            subject: 'parameter-field',
            kind: 'changed',
            field,
            before: x,
            after: y,
            parameter: r.facts,
            location,
            ...common,
          });
      }
      const bSchema = parameterSchema(b.raw);
      const rSchema = parameterSchema(r.raw);
      if (bSchema !== undefined && rSchema !== undefined) {
        const node = this.schemas.compare(bSchema, b.ctx, rSchema, r.ctx);
        if (node)
          this.emitSchema(node, {
            ...common,
            direction: 'request',
            target: 'parameter',
            location,
            parameter: r.facts,
            visited: new Set(),
          });
      }
    }
    for (const [key, r] of after) if (!before.has(key)) added.push(r);
    for (const r of [...added]) {
      const moved = removed.find(
        (b) => b.facts.name.toLowerCase() === r.facts.name.toLowerCase() && b.facts.in !== r.facts.in,
      );
      if (!moved) continue;
      removed.splice(removed.indexOf(moved), 1);
      added.splice(added.indexOf(r), 1);
      this.changes.push({
        subject: 'parameter-field',
        kind: 'changed',
        field: 'in',
        before: moved.facts.in,
        after: r.facts.in,
        parameter: r.facts,
        location: { direction: 'request', parameter: { in: r.facts.in, name: r.facts.name } },
        ...common,
      });
    }
    for (const b of removed) {
      this.changes.push({
        subject: 'parameter',
        kind: 'removed',
        parameter: b.facts,
        existingOperation: true,
        location: { direction: 'request', parameter: { in: b.facts.in, name: b.facts.name } },
        ...common,
      });
    }
    for (const r of added) {
      this.changes.push({
        subject: 'parameter',
        kind: 'added',
        parameter: r.facts,
        existingOperation: true,
        location: { direction: 'request', parameter: { in: r.facts.in, name: r.facts.name } },
        ...common,
      });
    }
  }

  private emitSchema(node: DiffNode, place: SchemaPlace): void {
    flattenInto(this.changes, node, place);
  }

  private compareContent(
    baseContent: JsonObject,
    revisionContent: JsonObject,
    at: Contexts,
    direction: 'request' | 'response',
    location: FindingLocation,
    common: { operation: string; op: { base: OperationFacts; revision: OperationFacts } },
    visited: Set<DiffNode>,
  ): void {
    for (const mediaType of Object.keys(baseContent)) {
      if (!(mediaType in revisionContent)) {
        this.changes.push({
          subject: 'media-type',
          kind: 'removed',
          direction,
          mediaType,
          location: { ...location, mediaType },
          ...common,
        });
        continue;
      }
      const bFound = deref(baseContent[mediaType], at.base);
      const rFound = deref(revisionContent[mediaType], at.revision);
      const b = obj(bFound.value);
      const r = obj(rFound.value);
      const here = { ...location, mediaType };
      if (b.schema === undefined && r.schema === undefined) continue;
      if (b.schema === undefined || r.schema === undefined) {
        this.changes.push({
          subject: 'media-type-schema',
          kind: b.schema === undefined ? 'added' : 'removed',
          direction,
          mediaType,
          location: here,
          ...common,
        });
        continue;
      }
      const node = this.schemas.compare(b.schema, bFound.ctx, r.schema, rFound.ctx);
      if (node) this.emitSchema(node, { ...common, direction, target: 'body', location: here, visited });
    }
    for (const mediaType of Object.keys(revisionContent)) {
      if (!(mediaType in baseContent)) {
        this.changes.push({
          subject: 'media-type',
          kind: 'added',
          direction,
          mediaType,
          location: { ...location, mediaType },
          ...common,
        });
      }
    }
  }

  private compareRequestBody(
    baseRaw: unknown,
    revisionRaw: unknown,
    at: Contexts,
    common: { operation: string; op: { base: OperationFacts; revision: OperationFacts } },
  ): void {
    if (baseRaw === undefined && revisionRaw === undefined) return;
    const location: FindingLocation = { direction: 'request' };
    const bFound = baseRaw === undefined ? undefined : deref(baseRaw, at.base);
    const rFound = revisionRaw === undefined ? undefined : deref(revisionRaw, at.revision);
    const b = bFound && obj(bFound.value);
    const r = rFound && obj(rFound.value);
    if (!b || !r) {
      this.changes.push({
        subject: 'request-body',
        kind: b ? 'removed' : 'added',
        requiredBefore: b ? b.required === true : undefined,
        requiredAfter: r ? r.required === true : undefined,
        location,
        ...common,
      });
      return;
    }
    if ((b.required === true) !== (r.required === true)) {
      this.changes.push({
        subject: 'request-body',
        kind: 'changed',
        requiredBefore: b.required === true,
        requiredAfter: r.required === true,
        location,
        ...common,
      });
    }
    const found = { base: bFound?.ctx ?? at.base, revision: rFound?.ctx ?? at.revision };
    this.compareContent(obj(b.content), obj(r.content), found, 'request', location, common, new Set());
  }

  private compareResponses(
    base: JsonObject,
    revision: JsonObject,
    at: Contexts,
    common: { operation: string; op: { base: OperationFacts; revision: OperationFacts } },
  ): void {
    const visited = new Set<DiffNode>();
    for (const status of Object.keys(base)) {
      if (status.startsWith('x-')) continue;
      if (!(status in revision)) {
        this.changes.push({
          subject: 'response',
          kind: 'removed',
          status,
          location: { direction: 'response', status },
          ...common,
        });
        continue;
      }
      const bFound = deref(base[status], at.base);
      const rFound = deref(revision[status], at.revision);
      const b = obj(bFound.value);
      const r = obj(rFound.value);
      const found = { base: bFound.ctx, revision: rFound.ctx };
      const location: FindingLocation = { direction: 'response', status };
      this.compareHeaders(obj(b.headers), obj(r.headers), found, location, common);
      this.compareContent(obj(b.content), obj(r.content), found, 'response', location, common, visited);
    }
    for (const status of Object.keys(revision)) {
      if (status.startsWith('x-') || status in base) continue;
      this.changes.push({
        subject: 'response',
        kind: 'added',
        status,
        location: { direction: 'response', status },
        ...common,
      });
    }
  }

  private compareHeaders(
    base: JsonObject,
    revision: JsonObject,
    at: Contexts,
    location: FindingLocation,
    common: { operation: string; op: { base: OperationFacts; revision: OperationFacts } },
  ): void {
    const lower = (headers: JsonObject): Map<string, string> =>
      new Map(Object.keys(headers).map((h) => [h.toLowerCase(), h]));
    const bNames = lower(base);
    const rNames = lower(revision);
    for (const [key, name] of bNames) {
      const bFound = deref(base[name], at.base);
      const b = obj(bFound.value);
      const revisionName = rNames.get(key);
      if (revisionName === undefined) {
        this.changes.push({
          subject: 'response-header',
          kind: 'removed',
          header: name,
          requiredBefore: b.required === true,
          location: { ...location, header: name },
          ...common,
        });
        continue;
      }
      const rFound = deref(revision[revisionName], at.revision);
      const r = obj(rFound.value);
      const here = { ...location, header: revisionName };
      if ((b.required === true) !== (r.required === true)) {
        this.changes.push({
          subject: 'response-header',
          kind: 'changed',
          header: revisionName,
          requiredBefore: b.required === true,
          requiredAfter: r.required === true,
          location: here,
          ...common,
        });
      }
      const bSchema = parameterSchema(b);
      const rSchema = parameterSchema(r);
      if (bSchema !== undefined && rSchema !== undefined) {
        const node = this.schemas.compare(bSchema, bFound.ctx, rSchema, rFound.ctx);
        if (node)
          this.emitSchema(node, {
            ...common,
            direction: 'response',
            target: 'header',
            location: here,
            visited: new Set(),
          });
      }
    }
    for (const [key, name] of rNames) {
      if (bNames.has(key)) continue;
      const r = obj(deref(revision[name], at.revision).value);
      this.changes.push({
        subject: 'response-header',
        kind: 'added',
        header: name,
        requiredAfter: r.required === true,
        location: { ...location, header: name },
        ...common,
      });
    }
  }

  private compareSecurity(
    baseList: unknown,
    revisionList: unknown,
    operation: string | null,
    scope: 'global' | 'operation',
    op: { base?: OperationFacts; revision?: OperationFacts },
  ): void {
    const before = requirements(baseList, (name) => this.base.schemeSignature(name));
    const after = requirements(revisionList, (name) => this.revision.schemeSignature(name));
    const common = { subject: 'security' as const, scope, operation, location: {}, op };
    for (const [key, requirement] of before) {
      const kept = after.get(key);
      if (!kept) {
        if (key !== '') this.changes.push({ ...common, kind: 'removed', requirement: requirement.label });
        continue;
      }
      for (const [signature, { scopes }] of requirement.schemes) {
        const keptScheme = kept.schemes.get(signature);
        const scoped = { ...common, requirement: kept.label, scheme: keptScheme?.name ?? signature };
        const keptScopes = keptScheme?.scopes ?? new Set<string>();
        for (const s of scopes) {
          if (!keptScopes.has(s)) this.changes.push({ ...scoped, kind: 'removed', oauthScope: s });
        }
        for (const s of keptScopes) {
          if (!scopes.has(s)) this.changes.push({ ...scoped, kind: 'added', oauthScope: s });
        }
      }
    }
    for (const [key, requirement] of after) {
      if (before.has(key) || key === '') continue;
      this.changes.push({ ...common, kind: 'added', requirement: requirement.label });
    }
  }

  private compareSecuritySchemes(): void {
    const before = obj(obj(this.base.doc.components).securitySchemes);
    const after = obj(obj(this.revision.doc.components).securitySchemes);
    const pairs: [string, string][] = [];
    const removed = Object.keys(before).filter((name) => !(name in after));
    const added = Object.keys(after).filter((name) => !(name in before));
    for (const name of Object.keys(before)) if (name in after) pairs.push([name, name]);
    // a scheme renamed with the same demands is the same scheme
    for (const name of [...removed]) {
      const signature = this.base.schemeSignature(name);
      const renamed = added.find((candidate) => this.revision.schemeSignature(candidate) === signature);
      if (renamed === undefined) continue;
      pairs.push([name, renamed]);
      removed.splice(removed.indexOf(name), 1);
      added.splice(added.indexOf(renamed), 1);
    }
    const scheme = { subject: 'security-scheme' as const, operation: null, location: {} };
    for (const name of removed) this.changes.push({ ...scheme, kind: 'removed', scheme: name });
    for (const [baseName, name] of pairs) {
      const b = obj(obj(deref(before[baseName], this.base.ctx).value).flows);
      const r = obj(obj(deref(after[name], this.revision.ctx).value).flows);
      for (const flow of Object.keys(r)) {
        if (!isObject(b[flow])) continue;
        const old = obj(b[flow]);
        const now = obj(r[flow]);
        const oldScopes = Object.keys(obj(old.scopes));
        const scopes = Object.keys(obj(now.scopes));
        const base = { ...scheme, scheme: name, flow };
        for (const s of scopes) {
          if (!oldScopes.includes(s)) this.changes.push({ ...base, kind: 'added', oauthScope: s });
        }
        for (const s of oldScopes) {
          if (!scopes.includes(s)) this.changes.push({ ...base, kind: 'removed', oauthScope: s });
        }
        if ((old.tokenUrl ?? '') !== (now.tokenUrl ?? '')) {
          this.changes.push({ ...base, kind: 'changed', tokenUrl: { before: old.tokenUrl, after: now.tokenUrl } });
        }
      }
    }
    for (const name of added) this.changes.push({ ...scheme, kind: 'added', scheme: name });
  }

  private compareWebhooks(): void {
    const before = obj(this.base.doc.webhooks);
    const after = obj(this.revision.doc.webhooks);
    for (const name of Object.keys(before))
      if (!(name in after))
        this.changes.push({ subject: 'webhook', kind: 'removed', webhook: name, operation: null, location: {} });
    for (const name of Object.keys(after))
      if (!(name in before))
        this.changes.push({ subject: 'webhook', kind: 'added', webhook: name, operation: null, location: {} });
  }
}

/** The change model of two documents. */
export function buildChanges(base: LoadedSpec, revision: LoadedSpec, prefixes: PathPrefixOptions = {}): Change[] {
  return new DocumentDiffer(base, revision, prefixes).run();
}
