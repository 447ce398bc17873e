import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { readPactFile } from '../contracts';
import { PactLoadError } from '../errors';

/** One request a consumer pact makes. */
export interface PactCall {
  consumer: string;
  description: string;
  method: string;
  path: string;
}

/** Every interaction's request in the pact files of `dir` (or the given files). @throws PactLoadError */
export function readPactCalls(dirOrFiles: string | readonly string[]): PactCall[] {
  const files = typeof dirOrFiles === 'string' ? listJson(dirOrFiles) : dirOrFiles;
  return files.flatMap((file) => {
    const pact = readPactFile(file);
    return pact.interactions.flatMap((interaction) => {
      const method = interaction.request?.method;
      const path = interaction.request?.path;
      if (typeof method !== 'string' || typeof path !== 'string') return [];
      return [{ consumer: pact.consumer.name, description: interaction.description, method: method.toUpperCase(), path }];
    });
  });
}

function listJson(dir: string): string[] {
  let names: string[];
  try {
    names = readdirSync(dir);
  } catch (error) {
    throw new PactLoadError(dir, `cannot list pact files (${(error as NodeJS.ErrnoException).code ?? 'unknown error'})`, { cause: error });
  }
  return names.filter((n) => n.endsWith('.json')).sort().map((n) => join(dir, n));
}
