/**
 * What the command reports about each finding beyond what the engine produced: whether an ignore
 * rule of the team's config covers it, and which consumer interactions it touches (`src/impact`).
 * Shared by the config and the impact check (which decide) and every format (which shows).
 */
import { reaches } from '../levels';
import type { Finding, Level } from './engine-types';

export type { Finding, FindingLocation, Level } from './engine-types';
export { isLevel, LEVELS, levelRank, reaches } from '../levels';

/** Why a finding does not count: the ignore rule that covers it. */
export interface IgnoreMark {
  reason: string;
  /** `YYYY-MM-DD`, the last day the ignore applies; absent: no expiry. */
  expires?: string;
}

export interface ReportedFinding extends Finding {
  /** Present when an ignore rule covers the finding: it is shown but does not count. */
  ignored?: IgnoreMark;
  /** An ignore rule matched, but it expired: the finding counts again. */
  ignoreExpired?: IgnoreMark;
  /** The pact interactions the finding touches; present only when the run checked the pacts. */
  affectedInteractions?: ReportedInteraction[];
  /** The pacts were checked and no interaction touches the finding. */
  unaffected?: boolean;
  /** The rules' level before an interaction's dependence on what changed raised it. */
  raisedFrom?: Level;
}

/** One consumer interaction a finding touches (the shape `assessImpact` of `src/impact` produces). */
export interface ReportedInteraction {
  consumer: string;
  description: string;
  /** What the interaction sends or reads that the change hits, e.g. `reads data[].merchant_name (type matcher)`. */
  reason: string;
}

/** How the breaking findings that count divide between our interactions and the provider's other clients. */
export interface ImpactSummary {
  /** Breaking findings that touch at least one of our interactions. */
  breakingAffected: number;
  /** Breaking findings no interaction of ours touches. */
  breakingUnaffected: number;
  /** Findings raised above the rules' level because our interactions depend on what changed. */
  raised: number;
}

export interface DriftSummary {
  error: number;
  warning: number;
  info: number;
  /** Findings covered by an ignore rule; not counted in the levels above. */
  ignored: number;
  failOn: Level;
  /** Something not ignored reaches `failOn`. */
  failed: boolean;
  /** Present when the run checked the findings against the pacts. */
  impact?: ImpactSummary;
}

export function summarize(findings: readonly ReportedFinding[], failOn: Level): DriftSummary {
  const summary: DriftSummary = { error: 0, warning: 0, info: 0, ignored: 0, failOn, failed: false };
  for (const finding of findings) {
    if (finding.ignored) {
      summary.ignored += 1;
      continue;
    }
    summary[finding.level] += 1;
    if (reaches(finding.level, failOn)) summary.failed = true;
  }
  if (findings.some(isAssessed)) summary.impact = summarizeImpact(findings);
  return summary;
}

/** True when the finding was checked against the pacts (even if nothing touches it). */
export function isAssessed(finding: ReportedFinding): boolean {
  return finding.affectedInteractions !== undefined;
}

function summarizeImpact(findings: readonly ReportedFinding[]): ImpactSummary {
  const impact: ImpactSummary = { breakingAffected: 0, breakingUnaffected: 0, raised: 0 };
  for (const finding of findings) {
    if (finding.ignored) continue;
    if (finding.raisedFrom !== undefined) impact.raised += 1;
    if (finding.level !== 'error') continue;
    if ((finding.affectedInteractions?.length ?? 0) > 0) impact.breakingAffected += 1;
    else impact.breakingUnaffected += 1;
  }
  return impact;
}

/** `GET /v1/cards/{id}` → `{ method: 'GET', path: '/v1/cards/{id}' }`. */
export function splitOperation(operation: string | null): { method: string; path: string } | null {
  if (operation === null) return null;
  const space = operation.indexOf(' ');
  if (space < 0) return { method: '', path: operation };
  return { method: operation.slice(0, space).toUpperCase(), path: operation.slice(space + 1) };
}

/** A short human form of where in the operation a finding sits: `response 200 application/json data[].merchant_name`. */
export function describeLocation(finding: Finding): string {
  const { direction, status, mediaType, parameter, header, property, pointer } = finding.location;
  const parts: string[] = [];
  if (direction) parts.push(direction);
  if (status) parts.push(status);
  if (mediaType) parts.push(mediaType);
  if (parameter) parts.push(`${parameter.in} parameter ${parameter.name}`);
  if (header) parts.push(`header ${header}`);
  if (property) parts.push(property);
  else if (pointer) parts.push(pointer);
  return parts.join(' ');
}
