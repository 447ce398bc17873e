import { readFile } from 'node:fs/promises';
import { readdirSync, statSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { PactLoadError } from '../errors';

/** A provider state as the pact states it: a name and, from pact V3 on, parameters. */
export interface PactProviderState {
  name: string;
  params: Record<string, unknown>;
}

/** The parts of one interaction the verifier plans with; the Verifier itself reads the file. */
export interface PactInteraction {
  description: string;
  providerStates: PactProviderState[];
  method: string;
  path: string;
}

export interface LoadedPact {
  /** The path as shown to users and used in rerun commands (relative to the working directory). */
  file: string;
  absolutePath: string;
  consumer: string;
  provider: string;
  specVersion: string;
  interactions: PactInteraction[];
  /** The parsed document, kept to write filtered copies (interactions skipped for the run). */
  document: Record<string, unknown>;
}

const HTTP_INTERACTION_TYPES = new Set([undefined, 'Synchronous/HTTP']);

/** Every `*.json` file of a directory, sorted, as paths. A missing directory is a PactLoadError. */
export function listPactFiles(dir: string): string[] {
  let names: string[];
  try {
    names = readdirSync(dir);
  } catch (cause) {
    throw new PactLoadError(dir, 'cannot read the pact directory (run `npm run pacts` to generate pacts)', { cause });
  }
  const files = names
    .filter((name) => name.endsWith('.json'))
    .sort()
    .map((name) => join(dir, name))
    .filter((path) => statSync(path).isFile());
  if (files.length === 0) throw new PactLoadError(dir, 'no pact files (*.json) found (run `npm run pacts` to generate them)');
  return files;
}

/** Reads and validates pact files; the first bad one throws a PactLoadError naming it (exit 2). */
export async function loadPactFiles(paths: readonly string[], cwd = process.cwd()): Promise<LoadedPact[]> {
  const pacts: LoadedPact[] = [];
  for (const path of paths) pacts.push(await loadPactFile(path, cwd));
  return pacts;
}

export async function loadPactFile(path: string, cwd = process.cwd()): Promise<LoadedPact> {
  const absolutePath = resolve(cwd, path);
  const file = displayPath(absolutePath, cwd);
  let text: string;
  try {
    text = await readFile(absolutePath, 'utf8');
  } catch (cause) {
    throw new PactLoadError(file, `cannot read the file (${(cause as NodeJS.ErrnoException).code ?? 'unknown error'})`, { cause });
  }
  let document: unknown;
  try {
    document = JSON.parse(text);
  } catch (cause) {
    throw new PactLoadError(file, `not valid JSON: ${(cause as Error).message}`, { cause });
  }
  return { ...parsePact(document, file), file, absolutePath };
}

/** Validates a parsed pact document. Exported for pacts that do not come from a file. */
export function parsePact(document: unknown, file: string): Omit<LoadedPact, 'file' | 'absolutePath'> {
  const fail = (problem: string): never => {
    throw new PactLoadError(file, problem);
  };
  if (!isObject(document)) return fail('not a pact: the document is not a JSON object');
  const consumer = nameOf(document['consumer']) ?? fail('not a pact: missing consumer.name');
  const provider = nameOf(document['provider']) ?? fail('not a pact: missing provider.name');
  const metadata = document['metadata'];
  const specification = isObject(metadata) ? (metadata['pactSpecification'] ?? metadata['pact-specification']) : undefined;
  const specVersion = isObject(specification) && typeof specification['version'] === 'string' ? specification['version'] : null;
  if (specVersion === null) return fail('not a pact: missing metadata.pactSpecification.version');
  const rawInteractions = document['interactions'];
  if (!Array.isArray(rawInteractions)) return fail('not a pact: `interactions` is not an array');
  if (rawInteractions.length === 0) return fail('the pact has no interactions');

  const seen = new Set<string>();
  const interactions = rawInteractions.map((raw: unknown, index): PactInteraction => {
    const where = `interactions[${index}]`;
    if (!isObject(raw)) return fail(`${where} is not an object`);
    const description = raw['description'];
    if (typeof description !== 'string' || description.trim() === '') return fail(`${where} has no description`);
    if (seen.has(description)) return fail(`${where}: duplicate description "${description}" (results are reported by description)`);
    seen.add(description);
    const type = raw['type'];
    if (!HTTP_INTERACTION_TYPES.has(type as string | undefined)) {
      return fail(`${where} ("${description}"): unsupported interaction type ${JSON.stringify(type)}; only HTTP interactions are verified`);
    }
    const request = raw['request'];
    if (!isObject(request) || typeof request['method'] !== 'string' || typeof request['path'] !== 'string') {
      return fail(`${where} ("${description}") has no request method and path`);
    }
    return { description, providerStates: statesOf(raw, where, fail), method: request['method'].toUpperCase(), path: request['path'] };
  });
  return { consumer, provider, specVersion, interactions, document };
}

function statesOf(raw: Record<string, unknown>, where: string, fail: (problem: string) => never): PactProviderState[] {
  const legacy = raw['providerState'];
  if (typeof legacy === 'string' && legacy !== '') return [{ name: legacy, params: {} }];
  const states = raw['providerStates'];
  if (states === undefined) return [];
  if (!Array.isArray(states)) return fail(`${where}.providerStates is not an array`);
  return states.map((state: unknown, i) => {
    if (!isObject(state) || typeof state['name'] !== 'string') return fail(`${where}.providerStates[${i}] has no name`);
    const params = state['params'];
    return { name: state['name'], params: isObject(params) ? params : {} };
  });
}

function nameOf(party: unknown): string | null {
  return isObject(party) && typeof party['name'] === 'string' && party['name'] !== '' ? party['name'] : null;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function displayPath(absolutePath: string, cwd: string): string {
  const rel = relative(cwd, absolutePath);
  return rel.startsWith('..') ? absolutePath : rel;
}
