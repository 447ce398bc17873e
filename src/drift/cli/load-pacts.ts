import { existsSync, statSync } from 'node:fs';
import { resolve } from 'node:path';
import { listPactFiles, readPact, type LoadedPact } from '../../contracts/pact-reader';
import { UsageError } from '../../errors';

/** Where `npm run drift` looks for pacts when `--pacts` is not given (relative to the working directory). */
export const DEFAULT_PACT_DIR = 'pacts';

export interface LoadedPacts {
  pacts: LoadedPact[];
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
  // The one reader of src/contracts, with verify's rules: a pact drift accepts, verify accepts too.
  const pacts = files.map((file) => readPact(file, cwd));
  return { pacts, files: pacts.map((pact) => pact.file) };
}

function defaultPactFiles(cwd: string): string[] {
  const dir = resolve(cwd, DEFAULT_PACT_DIR);
  if (!existsSync(dir) || !statSync(dir).isDirectory()) return [];
  return listPactFiles(dir, { allowEmpty: true });
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
  const files = listPactFiles(path, { allowEmpty: true });
  if (files.length === 0) throw new UsageError(`--pacts ${source}: the directory holds no pact files (*.json)`);
  return files;
}
