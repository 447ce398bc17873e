import { readFileSync } from 'node:fs';
import { PactLoadError } from '../errors';

/** The parts of a V4 pact file this repository reads. */
export interface PactFile {
  consumer: { name: string };
  provider: { name: string };
  interactions: PactInteraction[];
  metadata: Record<string, unknown>;
  [key: string]: unknown;
}

export interface PactInteraction {
  description: string;
  providerStates?: Array<{ name: string; params?: Record<string, unknown> }>;
  comments?: { testname?: string; [key: string]: unknown };
  request?: { method?: string; path?: string; [key: string]: unknown };
  [key: string]: unknown;
}

/**
 * The one canonical text of a pact: object keys sorted at every level, interactions sorted by
 * description then provider states, two-space indentation, final newline. Pact's core writes
 * interactions in the order tests happened to finish (parallel workers), so the committed files are
 * always this form: byte-stable whatever the run order.
 */
export function canonicalPactText(pact: PactFile): string {
  const interactions = [...pact.interactions].sort(compareInteractions);
  return `${JSON.stringify(sortKeys({ ...pact, interactions }), null, 2)}\n`;
}

/** Reads and minimally validates a pact file: `PactLoadError` naming the file when it is not one. */
export function readPactFile(file: string): PactFile {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    throw new PactLoadError(file, `cannot be read (${(error as NodeJS.ErrnoException).code ?? 'unknown error'})`, { cause: error });
  }
  return parsePact(text, file);
}

export function parsePact(text: string, file: string): PactFile {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    throw new PactLoadError(file, `is not JSON (${(error as Error).message})`, { cause: error });
  }
  if (!isObject(json)) throw new PactLoadError(file, 'is not a pact: expected a JSON object');
  const { consumer, provider, interactions, metadata } = json;
  if (!isObject(consumer) || typeof consumer['name'] !== 'string') throw new PactLoadError(file, 'is not a pact: consumer.name missing');
  if (!isObject(provider) || typeof provider['name'] !== 'string') throw new PactLoadError(file, 'is not a pact: provider.name missing');
  if (!isObject(metadata) || !isObject(metadata['pactSpecification'])) {
    throw new PactLoadError(file, 'is not a pact: metadata.pactSpecification missing');
  }
  if (!Array.isArray(interactions)) throw new PactLoadError(file, 'is not a pact: interactions is not an array');
  interactions.forEach((interaction: unknown, index) => {
    if (!isObject(interaction) || typeof interaction['description'] !== 'string' || interaction['description'] === '') {
      throw new PactLoadError(file, `interaction ${index + 1} has no description`);
    }
  });
  return json as PactFile;
}

/** `a request for a card [given a card exists]`: how an interaction is named in messages. */
export function interactionLabel(interaction: PactInteraction): string {
  const states = (interaction.providerStates ?? []).map((s) => s.name);
  return states.length > 0 ? `${interaction.description} [given ${states.join(', ')}]` : interaction.description;
}

function compareInteractions(a: PactInteraction, b: PactInteraction): number {
  // Code-point order, not locale collation: the same on every machine.
  const byDescription = compareStrings(a.description, b.description);
  if (byDescription !== 0) return byDescription;
  return compareStrings(JSON.stringify(sortKeys(a.providerStates ?? [])), JSON.stringify(sortKeys(b.providerStates ?? [])));
}

function compareStrings(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function sortKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortKeys);
  if (!isObject(value)) return value;
  const out: Record<string, unknown> = {};
  for (const key of Object.keys(value).sort()) out[key] = sortKeys(value[key]);
  return out;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
