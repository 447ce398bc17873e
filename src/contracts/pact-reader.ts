import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { PactLoadError } from '../errors';

/** A provider state as the pact states it: a name and, from pact V3 on, parameters. */
export interface PactProviderState {
  name: string;
  params: Record<string, unknown>;
}

/** One HTTP interaction of a pact: what every reader plans and matches with, and its JSON as written. */
export interface PactInteraction {
  description: string;
  providerStates: PactProviderState[];
  /** Upper case. */
  method: string;
  path: string;
  /** The interaction's JSON as the pact holds it (request and response matchers, comments, ...). */
  raw: Record<string, unknown>;
}

/** A pact read and validated by `readPact` or `parsePactDocument`. */
export interface LoadedPact {
  /** The path as shown to users and used in rerun commands (relative to the working directory). */
  file: string;
  absolutePath: string;
  consumer: string;
  provider: string;
  specVersion: string;
  interactions: PactInteraction[];
  /** The parsed document, kept to write filtered copies (interactions skipped for a run). */
  document: Record<string, unknown>;
}

const HTTP_INTERACTION_TYPES = new Set([undefined, 'Synchronous/HTTP']);

/**
 * The `*.json` files directly in `dir`, in name order. An unreadable directory, or one without pact
 * files unless `allowEmpty`, is a PactLoadError naming it.
 */
export function listPactFiles(dir: string, options: { allowEmpty?: boolean } = {}): string[] {
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
  if (files.length === 0 && !options.allowEmpty) {
    throw new PactLoadError(dir, 'no pact files (*.json) found (run `npm run pacts` to generate them)');
  }
  return files;
}

/** Reads and validates one pact file. @throws PactLoadError naming the file as shown (exit 2) */
export function readPact(path: string, cwd = process.cwd()): LoadedPact {
  const absolutePath = resolve(cwd, path);
  const file = shownPath(absolutePath, cwd);
  let text: string;
  try {
    text = readFileSync(absolutePath, 'utf8');
  } catch (cause) {
    throw new PactLoadError(file, `cannot be read (${(cause as NodeJS.ErrnoException).code ?? 'unknown error'})`, {
      cause,
    });
  }
  return { ...parsePactText(text, file), file, absolutePath };
}

/** `readPact` for each path, in order; the first bad one throws. */
export function readPacts(paths: readonly string[], cwd = process.cwd()): LoadedPact[] {
  return paths.map((path) => readPact(path, cwd));
}

/** Parses and validates a pact's text; `file` names it in messages. */
export function parsePactText(text: string, file: string): Omit<LoadedPact, 'file' | 'absolutePath'> {
  // The Pact verifier reads the file itself and fails on a byte order mark with a message naming no file.
  if (text.startsWith('\uFEFF'))
    throw new PactLoadError(
      file,
      'starts with a byte order mark, which the Pact verifier cannot read: save it as UTF-8 without one',
    );
  let document: unknown;
  try {
    document = JSON.parse(text);
  } catch (cause) {
    throw new PactLoadError(file, `is not JSON (${(cause as Error).message})`, { cause });
  }
  return parsePactDocument(document, file);
}

/**
 * Validates a parsed pact document, with the strictest rules any part of rampart needs: parties and
 * specification version present, at least one interaction, each described once (results are reported
 * by description), HTTP only (message interactions cannot be replayed or matched to operations), each
 * with a request method and path.
 */
export function parsePactDocument(document: unknown, file: string): Omit<LoadedPact, 'file' | 'absolutePath'> {
  const fail = (problem: string): never => {
    throw new PactLoadError(file, problem);
  };
  if (!isObject(document)) return fail('is not a pact: expected a JSON object');
  const consumer = nameOf(document['consumer']) ?? fail('is not a pact: missing consumer.name');
  const provider = nameOf(document['provider']) ?? fail('is not a pact: missing provider.name');
  const metadata = document['metadata'];
  const specification = isObject(metadata)
    ? (metadata['pactSpecification'] ?? metadata['pact-specification'])
    : undefined;
  const specVersion =
    isObject(specification) && typeof specification['version'] === 'string' ? specification['version'] : null;
  if (specVersion === null) return fail('is not a pact: missing metadata.pactSpecification.version');
  const rawInteractions = document['interactions'];
  if (!Array.isArray(rawInteractions)) return fail('is not a pact: `interactions` is not an array');
  if (rawInteractions.length === 0) return fail('the pact has no interactions');

  const seen = new Set<string>();
  const interactions = rawInteractions.map((raw: unknown, index): PactInteraction => {
    const where = `interactions[${index}]`;
    if (!isObject(raw)) return fail(`${where} is not an object`);
    const description = raw['description'];
    if (typeof description !== 'string' || description.trim() === '') return fail(`${where} has no description`);
    if (seen.has(description))
      return fail(`${where}: duplicate description "${description}" (results are reported by description)`);
    seen.add(description);
    const type = raw['type'];
    if (!HTTP_INTERACTION_TYPES.has(type as string | undefined)) {
      return fail(
        `${where} ("${description}"): unsupported interaction type ${JSON.stringify(type)}; ` +
          'only HTTP interactions are verified',
      );
    }
    const request = raw['request'];
    if (!isObject(request) || typeof request['method'] !== 'string' || typeof request['path'] !== 'string') {
      return fail(`${where} ("${description}") has no request method and path`);
    }
    const providerStates = statesOf(raw, where, fail);
    return { description, providerStates, method: request['method'].toUpperCase(), path: request['path'], raw };
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

/** Relative to `cwd` when inside it, else absolute. */
function shownPath(absolutePath: string, cwd: string): string {
  const rel = relative(cwd, absolutePath);
  return rel !== '' && !rel.startsWith('..') ? rel : absolutePath;
}
