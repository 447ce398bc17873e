import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { countOutcomes, verdictOf, type DeprecatedCall, type RunReport, type StepResult } from './model';

export interface RunReportInput {
  startedAt: Date | string;
  finishedAt?: Date | string;
  target: RunReport['target'];
  steps: StepResult[];
  deprecatedCalls?: DeprecatedCall[];
  tokens?: RunReport['tokens'];
  audit?: RunReport['audit'];
}

/** The one builder of a run's report: verdict, exit code and totals follow from the steps. */
export function buildRunReport(input: RunReportInput): RunReport {
  const iso = (at: Date | string) => (typeof at === 'string' ? at : at.toISOString());
  return {
    schemaVersion: 1,
    tool: { name: 'rampart', version: toolVersion() },
    startedAt: iso(input.startedAt),
    finishedAt: iso(input.finishedAt ?? new Date()),
    target: input.target,
    ...verdictOf(input.steps),
    steps: input.steps,
    deprecatedCalls: input.deprecatedCalls ?? [],
    tokens: input.tokens ?? { requests: 0, scopeSets: 0 },
    totals: countOutcomes(input.steps.flatMap((s) => s.cases)),
    ...(input.audit ? { audit: input.audit } : {}),
  };
}

let version: string | undefined;

/** rampart's version from package.json, read once. */
export function toolVersion(): string {
  if (version === undefined) {
    try {
      const manifest = JSON.parse(readFileSync(join(__dirname, '..', '..', 'package.json'), 'utf8')) as {
        version?: string;
      };
      version = manifest.version ?? '0.0.0';
    } catch {
      version = '0.0.0';
    }
  }
  return version;
}
