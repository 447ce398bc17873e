import { PactLoadError } from '../errors';
import { isObject, type JsonObject } from './json-value';

/**
 * A pact as any part of rampart holds it: the parsed file (`readPactFile` of `src/contracts`), the
 * verifier's `LoadedPact` (its parsed `document` is used), or plain parsed JSON.
 */
export type PactInput = JsonObject | { consumer: string; document: JsonObject; file?: string };

/** A pact reduced to what impact analysis reads. */
export interface PactDocument {
  consumer: string;
  provider: string;
  /** Where it came from, for messages. */
  source: string;
  document: JsonObject;
  interactions: JsonObject[];
}

/** Normalises the accepted pact shapes; a document that is not a pact is a `PactLoadError`. */
export function toPactDocument(input: PactInput, index = 0): PactDocument {
  const loaded = typeof input['consumer'] === 'string' && isObject(input['document']);
  const document = (loaded ? input['document'] : input) as JsonObject;
  const source = loaded && typeof input['file'] === 'string' ? input['file'] : `pact #${index + 1}`;
  const consumer = nameOf(document['consumer']);
  const provider = nameOf(document['provider']);
  if (consumer === null) throw new PactLoadError(source, 'not a pact: missing consumer.name');
  if (provider === null) throw new PactLoadError(source, 'not a pact: missing provider.name');
  const interactions = document['interactions'];
  if (!Array.isArray(interactions)) throw new PactLoadError(source, 'not a pact: `interactions` is not an array');
  return { consumer, provider, source, document, interactions: interactions.filter(isObject) };
}

function nameOf(party: unknown): string | null {
  return isObject(party) && typeof party['name'] === 'string' && party['name'] !== '' ? party['name'] : null;
}
