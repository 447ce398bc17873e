import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import type { PactFile } from '../../contracts';
import { parsePact } from '../../contracts';
import { PactLoadError, UsageError } from '../../errors';
import type { JsonObject } from '../../impact/json-value';
import type { PactInput } from '../../impact/pact-input';

/** Where `npm run drift` looks for pacts when `--pacts` is not given (relative to the working directory). */
export const DEFAULT_PACT_DIR = 'pacts';

export interface LoadedPacts {
  pacts: PactInput[];
  /** The pact files read, as shown to the user (relative to `cwd` when inside it). */
  files: string[];
}

/**
 * Reads the pacts drift findings are matched against. `sources` are files or directories (every
 * `*.json` directly inside, in name order); `undefined` means `pacts/` when that directory exists and
 * nothing otherwise. A file that is not a pact is a `PactLoadError` naming it (exit 2).
 */
export function loadPacts(sources: readonly string[] | undefined, cwd: string): LoadedPacts {
  const files = sources === undefined ? defaultPactFiles(cwd) : sources.flatMap((source) => pactFilesAt(source, cwd));
  const pacts: PactInput[] = [];
  const shown: string[] = [];
  for (const file of files) {
    const name = shownPath(file, cwd);
    const pact = readPact(file, name);
    pacts.push({ consumer: pact.consumer.name, document: pact as unknown as JsonObject, file: name });
    shown.push(name);
  }
  return { pacts, files: shown };
}

/**
 * The reader of src/contracts checks more than impact analysis needs (metadata.pactSpecification,
 * every interaction described), so a hand-edited pact fails here, naming the file as the user gave it.
 */
function readPact(file: string, name: string): PactFile {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (cause) {
    throw new PactLoadError(name, `cannot be read (${(cause as NodeJS.ErrnoException).code ?? 'unknown error'})`, { cause });
  }
  return parsePact(text, name);
}

function defaultPactFiles(cwd: string): string[] {
  const dir = resolve(cwd, DEFAULT_PACT_DIR);
  if (!existsSync(dir) || !statSync(dir).isDirectory()) return [];
  return jsonFilesIn(dir);
}

function pactFilesAt(source: string, cwd: string): string[] {
  const path = resolve(cwd, source);
  let isDirectory: boolean;
  try {
    isDirectory = statSync(path).isDirectory();
  } catch (cause) {
    throw new UsageError(`--pacts ${source}: no such file or directory`, { cause });
  }
  if (!isDirectory) return [path];
  const files = jsonFilesIn(path);
  if (files.length === 0) throw new UsageError(`--pacts ${source}: the directory holds no pact files (*.json)`);
  return files;
}

function jsonFilesIn(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true })
    .filter((entry) => entry.isFile() && entry.name.endsWith('.json'))
    .map((entry) => join(dir, entry.name))
    .sort();
}

function shownPath(file: string, cwd: string): string {
  const rel = relative(cwd, file);
  return rel !== '' && !rel.startsWith('..') ? rel : file;
}
