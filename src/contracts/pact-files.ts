import { parsePactText, readPact } from './pact-reader';

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

/**
 * A pact file's document as written, validated by the one reader (`readPact` of ./pact-reader):
 * `PactLoadError` naming the file when it is not a pact rampart can verify.
 */
export function readPactFile(file: string): PactFile {
  return readPact(file, process.cwd()).document as PactFile;
}

/** `readPactFile` for text in hand. */
export function parsePact(text: string, file: string): PactFile {
  return parsePactText(text, file).document as PactFile;
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
  return compareStrings(
    JSON.stringify(sortKeys(a.providerStates ?? [])),
    JSON.stringify(sortKeys(b.providerStates ?? [])),
  );
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
