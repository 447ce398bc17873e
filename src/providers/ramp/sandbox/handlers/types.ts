import type { SandboxStore } from '../data/store';
import type { SeededRandom } from '../random';
import type { SpecRevision } from '../types';

/** What a handler gets: the request, already authenticated, authorised and validated against the spec. */
export interface RequestContext {
  revision: SpecRevision;
  store: SandboxStore;
  /** Ids of objects created during the run: seeded, so a replayed run creates the same ids. */
  random: SeededRandom;
  clientId: string;
  /** Path parameters by name. */
  params: Record<string, string>;
  /** Declared query parameters, coerced to their types, defaults filled in. */
  query: Record<string, unknown>;
  /** The JSON body, valid against the operation's request schema. */
  body: unknown;
  /** The full request URL as the client addressed it (host included), for `page.next`. */
  url: URL;
  cardTaskPollsBeforeSuccess: number;
  now: () => number;
}

export interface HandlerResult {
  status: number;
  body?: unknown;
}

export type Handler = (context: RequestContext) => HandlerResult;
