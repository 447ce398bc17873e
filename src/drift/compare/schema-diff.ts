/**
 * Compares two schemas without dereferencing the documents: `$ref`s are followed lazily and every
 * (base schema object, revision schema object) pair is compared once, memoised by object identity,
 * so a component shared by a thousand operations costs one comparison, and a recursive schema
 * (a pair met again while it is still being compared) ends the walk instead of looping.
 *
 * The result is a diff graph: a node per compared pair, holding the changes of that node and edges
 * to the child pairs that changed. Pairs without any change are `null` and cost nothing later.
 */
import { SpecLoadError } from '../../errors';
import {
  deref,
  effectiveSchema,
  isObject,
  writtenAllOf,
  type DocContext,
  type JsonObject,
} from '../../openapi/load/index';
import type { SchemaKeyword } from '../model';
import type { DiffEdge, DiffNode, RawSchemaChange } from './diff-graph';
import { harmless } from './compatibility';
import { typeFacts } from '../../openapi';
import { bounds, canonical, memberLabel } from './schema-facts';

export type { DiffEdge, DiffNode, RawSchemaChange } from './diff-graph';

const NUMERIC_KEYWORDS = ['maxLength', 'minLength', 'maxItems', 'minItems', 'maxProperties', 'minProperties'] as const;
const BOUND_KEYWORDS = ['maximum', 'minimum', 'exclusiveMaximum', 'exclusiveMinimum'] as const;
const COMPOSITIONS = ['oneOf', 'anyOf', 'allOf'] as const;
/** Sub-schemas compared when both sides have them (JSON Schema 2020-12 / OpenAPI 3.1 included). */
const SINGLE_SUBSCHEMAS = [
  'items',
  'not',
  'if',
  'then',
  'else',
  'contains',
  'propertyNames',
  'unevaluatedItems',
  'unevaluatedProperties',
  'contentSchema',
] as const;
const MAP_SUBSCHEMAS = ['patternProperties', 'dependentSchemas'] as const;

const EMPTY: JsonObject = Object.freeze({});
/** Schemas nested deeper than this (through properties, items, `$ref`s…) are refused, not overflowed. */
export const MAX_SCHEMA_DEPTH = 400;

function escape(token: string): string {
  return token.replace(/~/g, '~0').replace(/\//g, '~1');
}

function requiredSet(schema: JsonObject): Set<string> {
  const required = schema.required;
  return new Set(Array.isArray(required) ? required.filter((r): r is string => typeof r === 'string') : []);
}

function enumSet(values: unknown): Map<string, unknown> | undefined {
  if (!Array.isArray(values)) return undefined;
  const set = new Map<string, unknown>();
  for (const value of values) if (value !== null) set.set(canonical(value), value);
  return set;
}

/** No value has both schemas' declared types (integer counts as a number). */
function disjointTypes(base: JsonObject, member: unknown, ctx: DocContext): boolean {
  const value = deref(member, ctx).value;
  if (!isObject(value)) return false;
  const from = typeFacts(base).types.map((t) => (t === 'integer' ? 'number' : t));
  const to = typeFacts(value).types.map((t) => (t === 'integer' ? 'number' : t));
  return from.length > 0 && to.length > 0 && !from.some((t) => to.includes(t));
}

export class SchemaDiffer {
  private readonly memo = new Map<object, Map<object, DiffNode | null>>();
  /** Pairs compared (for measurements). */
  comparisons = 0;
  /** Nesting of the comparison under way: `$ref` chains can nest deeper than any one document. */
  private depth = 0;

  /** Compares two schema values (possibly `$ref`s, possibly booleans); null when they are equivalent. */
  compare(baseRaw: unknown, baseCtx: DocContext, revisionRaw: unknown, revisionCtx: DocContext): DiffNode | null {
    const b = deref(baseRaw, baseCtx);
    const r = deref(revisionRaw, revisionCtx);
    const base = isObject(b.value) ? effectiveSchema(b.value, b.ctx) : b.value === false ? { not: {} } : EMPTY;
    const revision = isObject(r.value) ? effectiveSchema(r.value, r.ctx) : r.value === false ? { not: {} } : EMPTY;
    if (base === revision) return null;
    let inner = this.memo.get(base);
    if (!inner) {
      inner = new Map();
      this.memo.set(base, inner);
    }
    const known = inner.get(revision);
    if (known !== undefined) return known;
    const node: DiffNode = { base, revision, changes: [], children: [], done: false };
    inner.set(revision, node);
    this.comparisons++;
    if (++this.depth > MAX_SCHEMA_DEPTH) {
      const problem = `a schema nests deeper than ${MAX_SCHEMA_DEPTH} levels; refusing to compare it`;
      throw new SpecLoadError(r.ctx.uri, problem);
    }
    this.fill(node, b.ctx, r.ctx);
    this.depth--;
    node.done = true;
    if (node.changes.length === 0 && node.children.length === 0) {
      inner.set(revision, null);
      return null;
    }
    return node;
  }

  private child(
    node: DiffNode,
    segment: string,
    b: unknown,
    bCtx: DocContext,
    r: unknown,
    rCtx: DocContext,
  ): DiffEdge | undefined {
    const childNode = this.compare(b, bCtx, r, rCtx);
    if (!childNode) return undefined;
    const edge: DiffEdge = { segment, node: childNode };
    node.children.push(edge);
    return edge;
  }

  private fill(node: DiffNode, bCtx: DocContext, rCtx: DocContext): void {
    const { base, revision, changes } = node;
    // a schema that is now only alternatives: judged as a whole, not keyword by keyword against the wrapper
    if (revision.type === undefined && revision.properties === undefined && revision.items === undefined) {
      const wrapped =
        this.wrapping(base, bCtx, revision, rCtx, 'oneOf') ?? this.wrapping(base, bCtx, revision, rCtx, 'anyOf');
      if (wrapped) {
        changes.push(wrapped);
        return;
      }
    }

    const bType = typeFacts(base);
    const rType = typeFacts(revision);
    const typesDiffer = bType.types.length > 0 && rType.types.length > 0 && bType.types.join() !== rType.types.join();
    // oasdiff judges type and format as one: a format added or dropped changes the values allowed
    const formatsDiffer = bType.format !== rType.format && bType.types.length > 0 && rType.types.length > 0;
    if (typesDiffer || formatsDiffer) {
      changes.push({
        keyword: 'type',
        kind: 'changed',
        before: { types: bType.types, format: bType.format },
        after: { types: rType.types, format: rType.format },
      });
    }
    if (bType.nullable !== rType.nullable)
      changes.push({ keyword: 'nullable', kind: rType.nullable ? 'added' : 'removed' });

    this.compareEnums(node, 'enum', base.enum, revision.enum);
    this.compareEnums(node, 'x-extensible-enum-value', base['x-extensible-enum'], revision['x-extensible-enum']);

    for (const keyword of NUMERIC_KEYWORDS) this.compareNumber(node, keyword, base[keyword], revision[keyword]);
    const bBounds = bounds(base);
    const rBounds = bounds(revision);
    for (const keyword of BOUND_KEYWORDS) this.compareNumber(node, keyword, bBounds[keyword], rBounds[keyword]);

    if (base.pattern !== revision.pattern) {
      // an empty pattern restricts nothing
      const before = typeof base.pattern === 'string' && base.pattern !== '' ? base.pattern : undefined;
      const after = typeof revision.pattern === 'string' && revision.pattern !== '' ? revision.pattern : undefined;
      if (before !== after)
        changes.push({
          keyword: 'pattern',
          kind: before === undefined ? 'added' : after === undefined ? 'removed' : 'changed',
          before,
          after,
        });
    }
    if (base.default !== revision.default) {
      const hasBefore = base.default !== undefined;
      const hasAfter = revision.default !== undefined;
      if (!hasBefore || !hasAfter || canonical(base.default) !== canonical(revision.default)) {
        changes.push({
          keyword: 'default',
          kind: !hasBefore ? 'added' : !hasAfter ? 'removed' : 'changed',
          before: base.default,
          after: revision.default,
        });
      }
    }
    for (const flag of ['readOnly', 'writeOnly', 'deprecated'] as const) {
      const before = base[flag] === true;
      const after = revision[flag] === true;
      if (before !== after) changes.push({ keyword: flag, kind: after ? 'added' : 'removed', before, after });
    }
    const bDisc = isObject(base.discriminator) ? base.discriminator.propertyName : undefined;
    const rDisc = isObject(revision.discriminator) ? revision.discriminator.propertyName : undefined;
    if (bDisc !== rDisc) {
      changes.push({
        keyword: 'discriminator',
        kind: bDisc === undefined ? 'added' : rDisc === undefined ? 'removed' : 'changed',
        before: bDisc,
        after: rDisc,
      });
    }

    this.compareProperties(node, bCtx, rCtx);
    this.compareAdditionalProperties(node, bCtx, rCtx);

    for (const keyword of SINGLE_SUBSCHEMAS) {
      const b = base[keyword];
      const r = revision[keyword];
      if (
        b !== undefined &&
        r !== undefined &&
        typeof b === 'object' &&
        typeof r === 'object' &&
        !Array.isArray(b) &&
        !Array.isArray(r)
      ) {
        this.child(node, keyword, b, bCtx, r, rCtx);
      }
    }
    const bPrefix = base.prefixItems;
    const rPrefix = revision.prefixItems;
    if (Array.isArray(bPrefix) && Array.isArray(rPrefix)) {
      const shared = Math.min(bPrefix.length, rPrefix.length);
      for (let i = 0; i < shared; i++) this.child(node, `prefixItems/${i}`, bPrefix[i], bCtx, rPrefix[i], rCtx);
    }
    for (const keyword of MAP_SUBSCHEMAS) {
      const b = base[keyword];
      const r = revision[keyword];
      if (isObject(b) && isObject(r)) {
        for (const key of Object.keys(b))
          if (key in r) this.child(node, `${keyword}/${escape(key)}`, b[key], bCtx, r[key], rCtx);
      }
    }
    for (const keyword of COMPOSITIONS) this.compareComposition(node, keyword, bCtx, rCtx);
    if (base.allOf === undefined && revision.allOf === undefined) this.compareWrittenAllOf(node, bCtx, rCtx);
  }

  private compareNumber(node: DiffNode, keyword: SchemaKeyword, b: unknown, r: unknown): void {
    const before = typeof b === 'number' ? b : undefined;
    const after = typeof r === 'number' ? r : undefined;
    if (before === after) return;
    node.changes.push({
      keyword,
      kind: before === undefined ? 'added' : after === undefined ? 'removed' : 'changed',
      before,
      after,
    });
  }

  private compareEnums(node: DiffNode, keyword: 'enum' | 'x-extensible-enum-value', b: unknown, r: unknown): void {
    if (b === r) return;
    const before = enumSet(b);
    const after = enumSet(r);
    if (!before && !after) return;
    if (keyword === 'enum' && (!before || !after)) {
      node.changes.push({ keyword: 'enum', kind: before ? 'removed' : 'added', before: b, after: r });
      return;
    }
    const valueKeyword = keyword === 'enum' ? 'enum-value' : keyword;
    for (const [key, value] of before ?? []) {
      if (!after?.has(key))
        node.changes.push({ keyword: valueKeyword, kind: 'removed', name: String(value), before: value });
    }
    for (const [key, value] of after ?? []) {
      if (!before?.has(key))
        node.changes.push({ keyword: valueKeyword, kind: 'added', name: String(value), after: value });
    }
  }

  private compareProperties(node: DiffNode, bCtx: DocContext, rCtx: DocContext): void {
    const { base, revision } = node;
    const bProps = isObject(base.properties) ? base.properties : undefined;
    const rProps = isObject(revision.properties) ? revision.properties : undefined;
    const bRequired = requiredSet(base);
    const rRequired = requiredSet(revision);
    if (bProps === rProps && bRequired.size === 0 && rRequired.size === 0) return;
    const bOwn = bProps ?? EMPTY;
    const rOwn = rProps ?? EMPTY;
    for (const name of Object.keys(bOwn)) {
      const segment = `properties/${escape(name)}`;
      if (!Object.prototype.hasOwnProperty.call(rOwn, name)) {
        node.changes.push({
          keyword: 'property',
          kind: 'removed',
          name,
          segment,
          property: { schema: this.resolved(bOwn[name], bCtx), required: bRequired.has(name) },
        });
        continue;
      }
      const requiredBefore = bRequired.has(name);
      const requiredAfter = rRequired.has(name);
      if (requiredBefore !== requiredAfter) {
        node.changes.push({
          keyword: 'required',
          kind: requiredAfter ? 'added' : 'removed',
          name,
          segment,
          property: { schema: this.resolved(rOwn[name], rCtx), required: requiredAfter },
        });
      }
      const edge = this.child(node, segment, bOwn[name], bCtx, rOwn[name], rCtx);
      if (edge) {
        edge.propertyName = name;
        edge.requiredBefore = requiredBefore;
        edge.requiredAfter = requiredAfter;
      }
    }
    for (const name of Object.keys(rOwn)) {
      if (Object.prototype.hasOwnProperty.call(bOwn, name)) continue;
      node.changes.push({
        keyword: 'property',
        kind: 'added',
        name,
        segment: `properties/${escape(name)}`,
        property: { schema: this.resolved(rOwn[name], rCtx), required: rRequired.has(name) },
      });
    }
  }

  private resolved(raw: unknown, ctx: DocContext): JsonObject {
    const resolved = deref(raw, ctx);
    return isObject(resolved.value) ? effectiveSchema(resolved.value, resolved.ctx) : EMPTY;
  }

  private compareAdditionalProperties(node: DiffNode, bCtx: DocContext, rCtx: DocContext): void {
    const b = node.base.additionalProperties;
    const r = node.revision.additionalProperties;
    if (b === r) return;
    const bClosed = b === false;
    const rClosed = r === false;
    if (bClosed !== rClosed) {
      node.changes.push({ keyword: 'additionalProperties', kind: rClosed ? 'removed' : 'added', before: b, after: r });
      return;
    }
    if (isObject(b) && isObject(r)) this.child(node, 'additionalProperties', b, bCtx, r, rCtx);
  }

  /**
   * A concrete schema that became alternatives (`number` → `oneOf: [string, number]`), judged both
   * ways here; the rules pick the direction the schema sits in. Undefined when it is not a wrapping.
   */
  private wrapping(
    base: JsonObject,
    bCtx: DocContext,
    revision: JsonObject,
    rCtx: DocContext,
    keyword: 'oneOf' | 'anyOf',
  ): RawSchemaChange | undefined {
    const rList = revision[keyword];
    if (!Array.isArray(rList) || rList.length === 0) return undefined;
    if (base.oneOf !== undefined || base.anyOf !== undefined) return undefined;
    if (base.type === undefined && base.properties === undefined) return undefined;
    const members = rList.map((member) => this.compare(base, bCtx, member, rCtx));
    const accepting = members.filter((m) => harmless(m, 'request')).length;
    // an old value must match exactly one alternative of a oneOf: the others must not take its type
    const exclusive = rList.every((member, i) => harmless(members[i]!, 'request') || disjointTypes(base, member, rCtx));
    const covers = {
      request: accepting > 0 && (keyword === 'anyOf' || (accepting === 1 && exclusive)),
      response: members.every((m) => harmless(m, 'response')),
    };
    if (keyword === 'anyOf' && !covers.request && !covers.response) return undefined;
    // the alternatives that allow values the old schema did not, named for the response message
    const widening = rList
      .map((member, i) => memberLabel(member) ?? `#${i}`)
      .filter((_label, i) => !harmless(members[i]!, 'response'));
    return { keyword: 'wrapped-in-oneOf', kind: 'added', after: rList.length, covers, name: widening.join(', ') };
  }

  private compareComposition(
    node: DiffNode,
    keyword: 'oneOf' | 'anyOf' | 'allOf',
    bCtx: DocContext,
    rCtx: DocContext,
  ): void {
    const bList = Array.isArray(node.base[keyword]) ? (node.base[keyword] as unknown[]) : [];
    const rList = Array.isArray(node.revision[keyword]) ? (node.revision[keyword] as unknown[]) : [];
    if (bList === rList || (bList.length === 0 && rList.length === 0)) return;
    if (keyword !== 'allOf') {
      const wrapped = this.wrapping(node.base, bCtx, node.revision, rCtx, keyword);
      if (wrapped) {
        node.changes.push(wrapped);
        return;
      }
    }
    this.compareMembers(node, keyword, bList, rList, bCtx, rCtx);
  }

  /**
   * A labelled member added to (or removed from) an `allOf` both sides already had: reported besides
   * any property-level change, since adding a member is adding a constraint (as oasdiff says). A
   * member renamed with the same content is no change, and an inline object refactored into
   * `allOf: [$ref]` has no `allOf` on one side and says nothing.
   */
  private compareWrittenAllOf(node: DiffNode, bCtx: DocContext, rCtx: DocContext): void {
    const bList = writtenAllOf(node.base);
    const rList = writtenAllOf(node.revision);
    if (bList.length === 0 || rList.length === 0) return;
    const bLabels = bList.map(memberLabel);
    const rLabels = rList.map(memberLabel);
    const removed = bList.filter((_m, bi) => bLabels[bi] !== undefined && !rLabels.includes(bLabels[bi]));
    const added = rList.filter((_m, ri) => rLabels[ri] !== undefined && !bLabels.includes(rLabels[ri]));
    const same = (b: unknown, r: unknown): boolean => this.compare(b, bCtx, r, rCtx) === null;
    for (const member of added) {
      if (removed.some((old) => same(old, member))) continue;
      node.changes.push({ keyword: 'allOf', kind: 'added', name: memberLabel(member)! });
    }
    for (const member of removed) {
      if (added.some((now) => same(member, now))) continue;
      node.changes.push({ keyword: 'allOf', kind: 'removed', name: memberLabel(member)! });
    }
  }

  private compareMembers(
    node: DiffNode,
    keyword: 'oneOf' | 'anyOf' | 'allOf',
    bList: unknown[],
    rList: unknown[],
    bCtx: DocContext,
    rCtx: DocContext,
  ): void {
    const pairs: [number, number][] = [];
    const bFree = new Set(bList.keys());
    const rFree = new Set(rList.keys());
    const pairBy = (match: (bi: number, ri: number) => boolean): void => {
      for (const bi of [...bFree]) {
        for (const ri of rFree) {
          if (match(bi, ri)) {
            pairs.push([bi, ri]);
            bFree.delete(bi);
            rFree.delete(ri);
            break;
          }
        }
      }
    };
    const bLabels = bList.map(memberLabel);
    const rLabels = rList.map(memberLabel);
    pairBy((bi, ri) => bLabels[bi] !== undefined && bLabels[bi] === rLabels[ri]);
    pairBy((bi, ri) => this.compare(bList[bi], bCtx, rList[ri], rCtx) === null);
    // unnamed inline members keep their order
    pairBy((bi, ri) => bLabels[bi] === undefined && rLabels[ri] === undefined);
    for (const [bi, ri] of pairs) this.child(node, `${keyword}/${ri}`, bList[bi], bCtx, rList[ri], rCtx);
    for (const bi of bFree) node.changes.push({ keyword, kind: 'removed', name: bLabels[bi] ?? `#${bi}` });
    for (const ri of rFree) node.changes.push({ keyword, kind: 'added', name: rLabels[ri] ?? `#${ri}` });
  }
}
