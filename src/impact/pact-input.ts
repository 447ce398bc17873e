import { parsePactDocument, type LoadedPact } from '../contracts/pact-reader';
import type { JsonObject } from './json-value';

/**
 * A pact as impact analysis accepts it: read by the one pact reader of `src/contracts` (`readPact`),
 * or plain parsed JSON, which goes through the same validation here.
 */
export type PactInput = LoadedPact | JsonObject;

/** A pact reduced to what impact analysis reads. */
export interface PactDocument {
  consumer: string;
  provider: string;
  /** Where it came from, for messages. */
  source: string;
  document: JsonObject;
  /** Each interaction's JSON as the pact holds it. */
  interactions: JsonObject[];
}

/** Normalises the accepted pact shapes; a document that is not a pact is a `PactLoadError`. */
export function toPactDocument(input: PactInput, index = 0): PactDocument {
  const pact = isLoaded(input)
    ? input
    : { ...parsePactDocument(input, `pact #${index + 1}`), file: `pact #${index + 1}` };
  return {
    consumer: pact.consumer,
    provider: pact.provider,
    source: pact.file,
    document: pact.document,
    interactions: pact.interactions.map((interaction) => interaction.raw as JsonObject),
  };
}

function isLoaded(input: PactInput): input is LoadedPact {
  return (
    typeof input['consumer'] === 'string' && typeof input['file'] === 'string' && Array.isArray(input['interactions'])
  );
}
