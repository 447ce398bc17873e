/**
 * Turns a schema diff graph into located `SchemaChange`s for one place of one operation. Each
 * diff node is visited once per (operation, direction): a recursive schema's change is reported
 * once, and a component reached twice in one operation is reported at the first place met.
 */
import type { FindingLocation } from '../types';
import type { OperationFacts, ParameterFacts, SchemaChange, SchemaTarget } from '../model';
import type { DiffNode } from './schema-diff';

export interface SchemaPlace {
  operation: string | null;
  op?: { base?: OperationFacts; revision?: OperationFacts };
  direction: 'request' | 'response';
  target: SchemaTarget;
  location: FindingLocation;
  parameter?: ParameterFacts;
  /** Nodes already reported for this operation and direction. */
  visited: Set<DiffNode>;
}

function unescape(token: string): string {
  return token.replace(/~1/g, '/').replace(/~0/g, '~');
}

/** `properties/data/items/properties/name` -> `data[].name`. */
export function humanProperty(pointer: string): string {
  const tokens = pointer.split('/').slice(1);
  let out = '';
  for (let i = 0; i < tokens.length; i++) {
    const token = tokens[i]!;
    if ((token === 'properties' || token === 'patternProperties') && i + 1 < tokens.length) {
      const name = unescape(tokens[++i]!);
      out += out === '' ? name : `.${name}`;
    } else if (token === 'items') out += '[]';
    else if (token === 'additionalProperties') out += '{}';
    else if (
      (token === 'oneOf' || token === 'anyOf' || token === 'allOf' || token === 'prefixItems') &&
      i + 1 < tokens.length
    ) {
      i++; // composition members are transparent for humans
    }
  }
  return out;
}

export function flattenInto(
  out: { push(change: SchemaChange): unknown },
  node: DiffNode,
  place: SchemaPlace,
  pointer = '',
  requiredBefore?: boolean,
  requiredAfter?: boolean,
): void {
  if (place.visited.has(node)) return;
  place.visited.add(node);
  const readOnlySide = place.direction === 'request' ? 'readOnly' : 'writeOnly';
  for (const raw of node.changes) {
    if (raw.keyword === 'property' || raw.keyword === 'required') {
      // a read-only property is not part of a request, a write-only one not part of a response
      if (raw.property?.schema[readOnlySide] === true) continue;
    }
    const changePointer = raw.segment ? `${pointer}/${raw.segment}` : pointer;
    const change: SchemaChange = {
      subject: 'schema',
      kind: raw.kind,
      keyword: raw.keyword,
      direction: place.direction,
      target: place.target,
      pointer: changePointer,
      operation: place.operation,
      op: place.op,
      location: { ...place.location, pointer: changePointer, property: humanProperty(changePointer) || undefined },
      baseSchema: node.base,
      revisionSchema: node.revision,
      requiredBefore,
      requiredAfter,
    };
    if (raw.before !== undefined) change.before = raw.before;
    if (raw.after !== undefined) change.after = raw.after;
    if (raw.name !== undefined) change.name = raw.name;
    if (raw.property) change.property = raw.property;
    if (raw.covers) change.covers = raw.covers;
    if (place.parameter) change.parameter = place.parameter;
    if (change.location.property === undefined) delete change.location.property;
    out.push(change);
  }
  for (const edge of node.children) {
    const child = edge.node;
    if (edge.propertyName !== undefined && child.base[readOnlySide] === true && child.revision[readOnlySide] === true)
      continue;
    flattenInto(out, child, place, `${pointer}/${edge.segment}`, edge.requiredBefore, edge.requiredAfter);
  }
}
