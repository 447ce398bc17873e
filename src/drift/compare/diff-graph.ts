/** The diff graph of two schemas: a node per compared pair that changed, edges to the child pairs. */
import type { JsonObject } from '../../openapi/load/index';
import type { AddRemove, SchemaKeyword } from '../model';

export interface RawSchemaChange {
  keyword: SchemaKeyword;
  kind: AddRemove | 'changed';
  before?: unknown;
  after?: unknown;
  name?: string;
  /** Pointer segment(s) from the node to what changed, e.g. `properties/email`. */
  segment?: string;
  property?: { schema: JsonObject; required: boolean };
  /** For `wrapped-in-oneOf`: whether the new alternatives accept all old values / only old values. */
  covers?: { request: boolean; response: boolean };
}

export interface DiffEdge {
  /** Pointer segment(s) from the parent, already escaped: `properties/name`, `items`, `oneOf/1`. */
  segment: string;
  node: DiffNode;
  /** Set when the child is a property: its name and required-ness on each side. */
  propertyName?: string;
  requiredBefore?: boolean;
  requiredAfter?: boolean;
}

export interface DiffNode {
  base: JsonObject;
  revision: JsonObject;
  changes: RawSchemaChange[];
  children: DiffEdge[];
  /** False while the pair is being compared (a cycle back to it must be kept as an edge). */
  done: boolean;
}
