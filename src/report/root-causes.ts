import { interactionLabel } from '../impact/interaction-facts';
import { caseData } from './case-data';
import { affectedInteractionsOf, groupOf, isInteraction, oneLine, operationOf, ruleOf } from './case-facts';
import type { CaseResult, RunReport, StepResult } from './model';

/**
 * One change or failure can show up in several checks of a run: a removed property is a drift finding,
 * a pact the spec no longer supports, and a replay that fails. Reports name it once, as a root cause,
 * with every place it showed up. This module finds the causes; the renderers only lay them out.
 */

/** Where a case comes from, in the words reports use. */
export type Place = 'drift finding' | 'pact vs spec' | 'replay' | 'response check' | 'guardrail' | 'check';

export interface Sighting {
  place: Place;
  case: CaseResult;
  /** Consumer interactions (`consumer › description`) this case is about or touches. */
  interactions: string[];
}

export interface RootCause {
  /** One line: what changed or what failed. */
  title: string;
  level: 'breaking' | 'warning';
  /** Something other than a drift finding failed because of it (a replay, a pact check, a guardrail). */
  confirmed: boolean;
  sightings: Sighting[];
  /** Interactions it breaks (or, for a warning, affects), sorted. */
  interactions: string[];
  operations: string[];
  /** The one command that reproduces it. */
  rerun: string | null;
}

interface Node {
  sighting: Sighting;
  keys: string[];
  /** For a sighting without a subject: the status code it failed with, which says what kind of change to look for. */
  status: number | null;
  /** Operation named in a provider-state setup failure (`POST /cards/...`). */
  setupOperation: string | null;
  direction: 'request' | 'response' | null;
}

/** The root causes of a run's breaking and warning cases, most important first. Guardrail warnings and info stay out. */
export function rootCausesOf(report: RunReport): RootCause[] {
  const nodes: Node[] = [];
  for (const step of report.steps) {
    for (const c of step.cases) {
      const group = groupOf(c);
      if (group !== 'breaking' && group !== 'warning') continue;
      const place = placeOf(c, step);
      if (place === 'guardrail' && group !== 'breaking') continue; // step-up rehearsals: the guardrails section
      nodes.push(nodeOf({ place, case: c, interactions: interactionsOf(c, step, place) }));
    }
  }

  const keyed = nodes.filter((n) => n.keys.length > 0);
  const clusters = unionByKeys(keyed);
  joinClusters(
    nodes.filter((n) => n.keys.length === 0),
    clusters,
  );
  return clusters.map((cluster) => causeOf(cluster, report)).sort(byImportance);
}

function placeOf(c: CaseResult, step: StepResult): Place {
  if (step.id === 'pact-vs-spec') return 'pact vs spec';
  if (step.id === 'provider-vs-spec') return 'response check';
  if (step.id === 'guardrails') return 'guardrail';
  if (step.id === 'drift' || caseData(c).kind === 'rule-finding') return 'drift finding';
  if (isInteraction(c, step)) return 'replay';
  return 'check';
}

function interactionsOf(c: CaseResult, step: StepResult, place: Place): string[] {
  if (place === 'drift finding') return affectedInteractionsOf(c) ?? [];
  const data = caseData(c);
  const consumer = data.consumer ?? /^pact (.+?) -> /.exec(c.suite)?.[1] ?? null;
  const description = data.interaction;
  if (consumer && description) return [interactionLabel(consumer, description)];
  if (place === 'replay' || isInteraction(c, step)) return [consumer ? interactionLabel(consumer, c.name) : c.name];
  return c.name.includes(' › ') ? [c.name] : [];
}

/** A case's subjects: the property, parameter, header, scope or enum value it is about. */
function nodeOf(sighting: Sighting): Node {
  const c = sighting.case;
  const keys = new Set<string>();
  const data = caseData(c);
  const location = data.kind === 'rule-finding' ? data.location : null;
  const direction = location?.direction ?? null;
  const texts = [c.message ?? '', ...data.problemMessages];
  const scope = data.scope ?? firstMatch(texts, /\bscope '([^']+)'/);
  const enumValue = firstMatch(texts, /\bvalue '([^']+)' was (?:added|removed)/);
  if (sighting.place === 'drift finding') {
    const property = location?.property ?? firstMatch(texts, /\bproperty [`']([^`']+)[`']/);
    const parameter = location?.parameter ?? null;
    const header = location?.header ?? null;
    const subject = property
      ? leaf(property)
      : parameter
        ? `param ${parameter}`
        : header
          ? `header ${header.toLowerCase()}`
          : null;
    if (scope) keys.add(`scope:${scope}`);
    else if (enumValue) keys.add(`enum:${subject ?? operationOf(c) ?? ''}:${enumValue}`);
    else if (subject) keys.add(`field:${subject}`);
    else if (operationOf(c)) keys.add(`operation:${operationOf(c)}:${ruleOf(c)}`);
  } else {
    if (scope) keys.add(`scope:${scope}`);
    for (const text of texts) {
      for (const m of text.matchAll(/(?:required property|additional properties -|property)\s+'?([A-Za-z0-9_]+)'?/g))
        keys.add(`field:${m[1]}`);
      const missing = /missing the following keys: ([^\n(]+)/.exec(text)?.[1];
      const fields =
        missing
          ?.split(',')
          .map((k) => k.trim())
          .filter(Boolean) ?? [];
      // A whole body missing (an error answer instead) says nothing about a field.
      if (fields.length > 0 && fields.length <= 2) for (const f of fields) keys.add(`field:${f}`);
    }
  }
  const status = Number(
    /\bstatus (\d{3})\b/.exec(c.message ?? '')?.[1] ?? /\breturned (\d{3})\b/.exec(c.message ?? '')?.[1] ?? NaN,
  );
  const setup = /could not be set up: (GET|POST|PUT|PATCH|DELETE) (\S+)/.exec(c.message ?? '');
  return {
    sighting,
    keys: [...keys],
    status: Number.isFinite(status) ? status : null,
    setupOperation: setup ? `${setup[1]} ${setup[2]}` : null,
    direction,
  };
}

function unionByKeys(nodes: Node[]): Node[][] {
  const parent = nodes.map((_, i) => i);
  const find = (i: number): number => (parent[i] === i ? i : (parent[i] = find(parent[i] as number)));
  const owner = new Map<string, number>();
  nodes.forEach((node, i) => {
    for (const key of node.keys) {
      const j = owner.get(key);
      if (j === undefined) owner.set(key, i);
      else parent[find(i)] = find(j);
    }
  });
  const groups = new Map<number, Node[]>();
  nodes.forEach((node, i) => {
    const root = find(i);
    const group = groups.get(root);
    if (group) group.push(node);
    else groups.set(root, [node]);
  });
  return [...groups.values()];
}

/**
 * Puts each node without keys into the cluster it belongs to, or into a cluster of its own. The
 * clusters a node touches are looked up by interaction, so a run with thousands of causes does not
 * compare every node with every cluster's members.
 */
function joinClusters(unkeyed: readonly Node[], clusters: Node[][]): void {
  const byInteraction = new Map<string, Set<number>>();
  const note = (index: number, node: Node) => {
    for (const interaction of node.sighting.interactions) {
      const indexes = byInteraction.get(interaction);
      if (indexes) indexes.add(index);
      else byInteraction.set(interaction, new Set([index]));
    }
  };
  clusters.forEach((cluster, index) => cluster.forEach((node) => note(index, node)));
  for (const node of unkeyed) {
    const touched = new Set<number>();
    for (const interaction of node.sighting.interactions)
      for (const index of byInteraction.get(interaction) ?? []) touched.add(index);
    const operation = node.setupOperation;
    if (operation !== null)
      clusters.forEach((cluster, index) => {
        if (cluster.some((n) => operationMatches(n, operation))) touched.add(index);
      });
    const home = bestCluster(
      node,
      [...touched].sort((a, b) => a - b),
      clusters,
    );
    if (home === null) clusters.push([node]);
    else clusters[home]?.push(node);
    note(home ?? clusters.length - 1, node);
  }
}

/**
 * A failure that names no subject (a 403, a 422, a state that could not be set up) belongs to the cause
 * that touches the same interaction or operation and fits its status: a 401/403 to a scope change, another
 * 4xx to a change in what the request may send. Ties go to the cause that more checks confirmed, then
 * to the earlier cluster. Returns the index in `clusters` of the best of `touched`, or null when none.
 */
function bestCluster(node: Node, touched: readonly number[], clusters: readonly Node[][]): number | null {
  let best: { index: number; score: number } | null = null;
  for (const index of touched) {
    const cluster = clusters[index] ?? [];
    const fits =
      node.status === 401 || node.status === 403
        ? cluster.some((n) => n.keys.some((k) => k.startsWith('scope:')))
        : node.status !== null && node.status >= 400 && node.status < 500
          ? cluster.some((n) => n.direction === 'request' || /request/.test(n.sighting.case.message ?? ''))
          : false;
    const confirmations = cluster.filter(
      (n) => n.sighting.place !== 'drift finding' && groupOf(n.sighting.case) === 'breaking',
    ).length;
    const score =
      (fits ? 1000 : 0) + confirmations * 10 + (cluster.some((n) => groupOf(n.sighting.case) === 'breaking') ? 1 : 0);
    if (best === null || score > best.score) best = { index, score };
  }
  return best?.index ?? null;
}

/** `POST /cards/deferred/virtual` (as a state handler names it) against `POST /v1/cards/deferred/virtual`. */
function operationMatches(node: Node, operation: string): boolean {
  const [method, path] = operation.split(' ');
  const own = [operationOf(node.sighting.case)].filter((o): o is string => o !== null);
  return own.some((o) => {
    const [m, p] = o.split(' ');
    return m === method && p !== undefined && path !== undefined && (p === path || p.endsWith(path));
  });
}

const PLACE_ORDER: Place[] = ['drift finding', 'pact vs spec', 'replay', 'response check', 'guardrail', 'check'];

function causeOf(cluster: Node[], report: RunReport): RootCause {
  const sightings = cluster
    .map((n) => n.sighting)
    .sort((a, b) => PLACE_ORDER.indexOf(a.place) - PLACE_ORDER.indexOf(b.place));
  const breaking = sightings.filter((s) => groupOf(s.case) === 'breaking');
  const level = breaking.length > 0 ? 'breaking' : 'warning';
  const interactions = [...new Set(sightings.flatMap((s) => s.interactions))].sort();
  const operations = [
    ...new Set(sightings.map((s) => operationOf(s.case)).filter((o): o is string => o !== null)),
  ].sort();
  return {
    title: titleOf(sightings),
    level,
    confirmed: breaking.some((s) => s.place !== 'drift finding'),
    sightings,
    interactions,
    operations,
    rerun: rerunOf(sightings, report),
  };
}

/** The drift finding says best what changed (the shortest of the most severe); else the first failure's message. */
function titleOf(sightings: Sighting[]): string {
  const findings = sightings.filter((s) => s.place === 'drift finding');
  const pool = findings.some((s) => groupOf(s.case) === 'breaking')
    ? findings.filter((s) => groupOf(s.case) === 'breaking')
    : findings;
  const chosen =
    [...pool].sort((a, b) => (a.case.message ?? a.case.name).length - (b.case.message ?? b.case.name).length)[0] ??
    sightings[0];
  if (!chosen) return 'unknown';
  if (chosen.place === 'guardrail' || chosen.place === 'check') return oneLine(chosen.case.name);
  return oneLine(chosen.case.message ?? chosen.case.name);
}

/** A replay reproduces a cause fastest; then any command a case carries; then the drift itself. */
function rerunOf(sightings: Sighting[], report: RunReport): string | null {
  // The replay of an interaction another check also names shows the change itself, not a knock-on failure.
  const named = new Set(sightings.filter((s) => s.place !== 'replay').flatMap((s) => s.interactions));
  const replays = sightings.filter((s) => s.place === 'replay' && s.case.rerun && s.case.outcome === 'failed');
  const replay = replays.find((s) => s.interactions.some((i) => named.has(i))) ?? replays[0];
  if (replay?.case.rerun) return replay.case.rerun;
  const any = sightings.find((s) => s.case.rerun && s.case.outcome === 'failed') ?? sightings.find((s) => s.case.rerun);
  if (any?.case.rerun) return any.case.rerun;
  if (sightings.some((s) => s.place === 'drift finding')) return driftRerun(report);
  if (sightings.some((s) => s.place === 'pact vs spec' || s.place === 'response check')) {
    return `npm run verify --${revisionFlag(report)} --no-probes --no-drift --no-guardrails`;
  }
  return null;
}

/** The command that reruns one case: its own, or for a drift finding the drift of the same two documents. */
export function rerunFor(c: CaseResult, step: StepResult, report: RunReport): string | null {
  if (c.rerun) return c.rerun;
  if (step.id === 'drift' && c.outcome !== 'passed') return driftRerun(report);
  return null;
}

/**
 * `npm run drift` with what selects the same two documents: the sandbox's revision, or the base and
 * revision the drift step compared.
 */
export function driftRerun(report: RunReport): string {
  const summary = report.steps.find((s) => s.id === 'drift')?.summary ?? {};
  const base = typeof summary['base'] === 'string' ? summary['base'] : null;
  const revision = typeof summary['revision'] === 'string' ? summary['revision'] : null;
  if (report.target.kind === 'sandbox') {
    // The sandbox's document is chosen by its revision; its URL (a random port) would not reproduce it.
    const ownBase = base && base !== 'specs/ramp/openapi.json' ? ` --base ${shellWord(base)}` : '';
    return `npm run drift --${ownBase}${revisionFlag(report)}`;
  }
  return `npm run drift --${base ? ` --base ${shellWord(base)}` : ''}${revision ? ` --revision ${shellWord(revision)}` : ''}`;
}

function revisionFlag(report: RunReport): string {
  return report.target.kind === 'sandbox' && report.target.specRevision
    ? ` --spec-revision ${shellWord(report.target.specRevision)}`
    : '';
}

function shellWord(value: string): string {
  return /^[A-Za-z0-9_./:=@+-]+$/.test(value) ? value : `'${value.replace(/'/g, `'\\''`)}'`;
}

/** Confirmed breaking causes first, those breaking the most interactions first; then the rest, warnings last. */
function byImportance(a: RootCause, b: RootCause): number {
  const rank = (c: RootCause) => (c.level === 'breaking' ? (c.confirmed ? 0 : c.interactions.length > 0 ? 1 : 2) : 3);
  return rank(a) - rank(b) || b.interactions.length - a.interactions.length || b.sightings.length - a.sightings.length;
}

function firstMatch(texts: string[], pattern: RegExp): string | null {
  for (const text of texts) {
    const m = pattern.exec(text);
    if (m?.[1]) return m[1];
  }
  return null;
}

function leaf(path: string): string {
  return (
    path
      .split(/[.[\]/]+/)
      .filter(Boolean)
      .pop() ?? path
  );
}
