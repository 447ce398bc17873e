/** The public vocabulary of the drift engine: loaded documents, findings, rules. */

import type { Level, LevelSetting } from './levels';
import type { RuleId } from './rule-ids';

export type { Level } from './levels';

export type { LoadedSpec } from '../openapi/document';

/** Where a finding sits inside its operation. */
export interface FindingLocation {
  direction?: 'request' | 'response';
  /** Response status code as written (`200`, `4XX`, `default`). */
  status?: string;
  mediaType?: string;
  parameter?: { in: string; name: string };
  /** Response header name. */
  header?: string;
  /** JSON pointer into the body (or parameter/header) schema, e.g. `/properties/merchant_name`. */
  pointer?: string;
  /** Dotted property path for humans, e.g. `data[].merchant_name`. */
  property?: string;
}

export interface Finding {
  /** Rule id, kebab-case, e.g. `response-required-property-removed`. Public API: never renamed. */
  id: RuleId;
  level: Level;
  /** `GET /v1/transactions` (path as written in the revision, the base if removed); null = document level. */
  operation: string | null;
  location: FindingLocation;
  /** One line, for humans. */
  message: string;
  /** The facts the message was built from (names, before/after values). */
  args: Record<string, unknown>;
}

export interface DiffOptions {
  /** Per rule id: a level that replaces the rule's default, or `off` to drop the rule. */
  levels?: Partial<Record<RuleId, LevelSetting>>;
  /**
   * Operations match on the full request path: the base path the document's `servers` agree on,
   * then this prefix, then the path as written. For the base document.
   */
  basePrefix?: string;
  /** The same for the revision. */
  revisionPrefix?: string;
  /** Removed from the front of both documents' full request paths before matching. */
  stripPrefix?: string;
}
