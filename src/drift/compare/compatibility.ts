/**
 * Whether a schema diff is harmless in the direction that matters: for a request, the new schema
 * accepts every value the old one did (a superset); for a response, every value the new schema
 * allows was allowed before (a subset). Conservative: a change it cannot judge is not harmless.
 */
import type { DiffNode, RawSchemaChange } from './diff-graph';

export type Side = 'request' | 'response';

interface TypeValue {
  types: string[];
  format?: string;
}

/** Every value of type `from` is a value of type `to` (integer within number; no type = any). */
function typeWithin(from: TypeValue, to: TypeValue): boolean {
  if (
    to.types.length > 0 &&
    !from.types.every((t) => to.types.includes(t) || (t === 'integer' && to.types.includes('number')))
  )
    return false;
  if (from.types.length === 0 && to.types.length > 0) return false;
  return to.format === undefined || to.format === from.format;
}

const LOWER_BOUNDS = new Set(['minLength', 'minItems', 'minProperties', 'minimum', 'exclusiveMinimum']);
const UPPER_BOUNDS = new Set(['maxLength', 'maxItems', 'maxProperties', 'maximum', 'exclusiveMaximum']);
const ANNOTATIONS = new Set(['default', 'readOnly', 'writeOnly', 'deprecated', 'discriminator']);

/** Does this change only let more values through (`widens`), for one node? */
function widens(change: RawSchemaChange): boolean {
  const { keyword, kind } = change;
  if (ANNOTATIONS.has(keyword)) return true;
  if (keyword === 'type') return typeWithin(change.before as TypeValue, change.after as TypeValue);
  if (LOWER_BOUNDS.has(keyword))
    return kind === 'removed' || (kind === 'changed' && (change.after as number) < (change.before as number));
  if (UPPER_BOUNDS.has(keyword))
    return kind === 'removed' || (kind === 'changed' && (change.after as number) > (change.before as number));
  switch (keyword) {
    case 'nullable':
    case 'enum-value':
    case 'x-extensible-enum-value':
    case 'oneOf':
    case 'anyOf':
    case 'additionalProperties':
      return kind === 'added';
    case 'enum':
    case 'pattern':
    case 'allOf':
      return kind === 'removed';
    case 'required':
      return kind === 'removed';
    case 'property':
      return kind === 'added' && change.property?.required !== true;
    default:
      return false;
  }
}

/**
 * Does this change only let fewer values through (`narrows`), for one node? Whatever lets more values
 * through one way lets fewer through the other, so this is `widens` of the change undone, but for a new
 * property: it restricts what an open object may carry under that name, and a response may send it anyway.
 */
function narrows(change: RawSchemaChange): boolean {
  if (change.keyword === 'property') return change.kind === 'added';
  return widens(undone(change));
}

function undone(change: RawSchemaChange): RawSchemaChange {
  const kind = change.kind === 'added' ? 'removed' : change.kind === 'removed' ? 'added' : change.kind;
  return { ...change, kind, before: change.after, after: change.before };
}

/** True when the diff (this node and everything under it) is harmless for `side`. */
export function harmless(node: DiffNode | null, side: Side, seen = new Set<DiffNode>()): boolean {
  if (node === null || seen.has(node)) return true;
  seen.add(node);
  const ok = side === 'request' ? widens : narrows;
  if (!node.changes.every(ok)) return false;
  return node.children.every((edge) => harmless(edge.node, side, seen));
}
