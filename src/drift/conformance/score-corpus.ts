/**
 * Reads the oasdiff conformance corpus (a folder outside the repository: `../shared` in CI, never a test
 * input) and scores the engine against it, case by case and per category.
 */
import { existsSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import { UsageError } from '../../errors';
import { diffSpecs } from '../diff-specs';
import { loadSpec } from '../../openapi/load/index';
import { ALL_RULES } from '../registry';
import type { Finding, Level } from '../types';
import { reaches } from '../levels';

interface ExpectedChange {
  id: string;
  level: Level;
  operation: string | null;
}
interface Expected {
  checks_run: 'all' | string[];
  min_level: Level;
  assertion: 'exact' | 'contains' | 'none';
  changes: ExpectedChange[];
}
interface IndexEntry {
  name: string;
  category: string;
}

export interface CategoryScore {
  category: string;
  cases: number;
  errorExpected: number;
  errorFound: number;
  errorIdMatched: number;
  noChangeCases: number;
  noChangeClean: number;
  crashed: number;
}

export interface CaseOutcome {
  name: string;
  category: string;
  crashed?: string;
  missed: ExpectedChange[];
  falsePositives: Finding[];
}

export function emptyScore(category: string): CategoryScore {
  return {
    category,
    cases: 0,
    errorExpected: 0,
    errorFound: 0,
    errorIdMatched: 0,
    noChangeCases: 0,
    noChangeClean: 0,
    crashed: 0,
  };
}

/** Where the corpus is when the repository has `shared/` beside it (as in CI). */
export function defaultCorpusDirectory(): string {
  return path.resolve(__dirname, '../../../../shared/conformance/openapi-diff');
}

/**
 * Scores every case; never throws for a case (a throw is counted as a crash). A folder that is not a
 * corpus is a UsageError (exit 2).
 */
export async function scoreCorpus(dir: string): Promise<{ categories: CategoryScore[]; cases: CaseOutcome[] }> {
  if (!existsSync(path.join(dir, 'index.json'))) {
    throw new UsageError(`no conformance corpus at ${dir} (expected index.json there; pass --corpus DIR)`);
  }
  const index = JSON.parse(readFileSync(path.join(dir, 'index.json'), 'utf8')) as IndexEntry[];
  const oasdiffRules = JSON.parse(readFileSync(path.join(dir, 'oasdiff-rules.json'), 'utf8')) as {
    id: string;
    check: string;
  }[];
  const checkOf = new Map(oasdiffRules.map((r) => [r.id, r.check]));
  const ourCheck = new Map(ALL_RULES.map((r) => [r.id, r.oasdiff === null ? undefined : checkOf.get(r.oasdiff)]));
  const categories = new Map<string, CategoryScore>();
  const cases: CaseOutcome[] = [];
  for (const entry of index) {
    const caseDir = path.join(dir, 'cases', entry.name);
    const expected = JSON.parse(readFileSync(path.join(caseDir, 'expected.json'), 'utf8')) as Expected;
    const score = categories.get(entry.category) ?? emptyScore(entry.category);
    categories.set(entry.category, score);
    score.cases++;
    const outcome: CaseOutcome = { name: entry.name, category: entry.category, missed: [], falsePositives: [] };
    cases.push(outcome);
    let findings: Finding[] = [];
    try {
      const base = await loadSpec(path.join(caseDir, 'base.yaml'));
      const revision = await loadSpec(path.join(caseDir, 'revision.yaml'));
      findings = diffSpecs(base, revision);
    } catch (error) {
      outcome.crashed = error instanceof Error ? error.message : String(error);
      score.crashed++;
    }
    for (const change of expected.changes) {
      if (change.level !== 'error') continue;
      score.errorExpected++;
      const sameOperation = findings.filter((f) => f.level === 'error' && f.operation === change.operation);
      if (sameOperation.length > 0) score.errorFound++;
      else outcome.missed.push(change);
      if (sameOperation.some((f) => f.id === change.id)) score.errorIdMatched++;
    }
    if (expected.assertion === 'none') {
      score.noChangeCases++;
      const inScope = (f: Finding): boolean =>
        expected.checks_run === 'all' || expected.checks_run.includes(ourCheck.get(f.id) ?? '');
      outcome.falsePositives = findings.filter((f) => reaches(f.level, expected.min_level) && inScope(f));
      if (outcome.falsePositives.length === 0 && !outcome.crashed) score.noChangeClean++;
    }
  }
  return { categories: [...categories.values()], cases };
}
