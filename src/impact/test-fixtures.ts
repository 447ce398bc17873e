import { join } from 'node:path';
import { readPactFile, type PactFile } from '../contracts';
import { CONSUMERS, PACT_DIR, pactFileName } from '../contracts/parties';
import type { LoadedSpec } from '../openapi';
import { sandboxSpec, type SandboxDocument, type SandboxSchema } from '../providers/sandbox';

/** Fixtures shared by the impact tests: the sandbox's two revisions and the committed pacts. */

export const PACT_FILES = [CONSUMERS.spendSync, CONSUMERS.cardIssuing].map((consumer) =>
  join(PACT_DIR, pactFileName(consumer)),
);

export function committedPacts(): PactFile[] {
  return PACT_FILES.map((file) => readPactFile(file));
}

export function revision(name: 'baseline' | 'next', change?: (doc: SandboxDocument) => void): LoadedSpec {
  const document = sandboxSpec(name);
  change?.(document);
  return { source: name, version: '3.0', document: document as unknown as Record<string, unknown> };
}

/** An object schema of the document's components, to edit in place. */
export function objectSchema(
  doc: SandboxDocument,
  name: string,
): { required: string[]; properties: Record<string, SandboxSchema> } {
  const schema = doc.components.schemas[name];
  if (schema === undefined) throw new Error(`the document has no schema ${name}`);
  return schema as { required: string[]; properties: Record<string, SandboxSchema> };
}
