import { join } from 'node:path';
import { readPactFile, type PactFile } from '../contracts';
import type { LoadedSpec } from '../drift';
import { sandboxSpec } from '../providers/sandbox';

/** Fixtures shared by the impact tests: the sandbox's two revisions and the committed pacts. */

export const PACT_FILES = ['spend-sync-ramp-developer-api.json', 'card-issuing-ramp-developer-api.json'].map((name) =>
  join(__dirname, '..', '..', 'pacts', name),
);

export function committedPacts(): PactFile[] {
  return PACT_FILES.map((file) => readPactFile(file));
}

export function revision(name: 'baseline' | 'next', change?: (doc: Record<string, any>) => void): LoadedSpec {
  const document = sandboxSpec(name) as unknown as Record<string, any>;
  change?.(document);
  return { source: name, version: '3.0', document };
}
