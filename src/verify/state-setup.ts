import { createHash } from 'node:crypto';
import type { AxiosInstance } from 'axios';
import type { TokenKind } from './request-filter';

/**
 * What a provider's state handlers are given and how they fail: each handler makes its state true ON THE
 * TARGET, through the target's own API (the provider's handlers live in its folder under src/providers).
 */

export const TEST_DATA_PREFIX = 'rampart-test-';

/** How a state failure caused by the provider's own fault (5xx, 429 after retries) is worded. */
export const UNHEALTHY = 'provider unhealthy';

/** Why a state could not be set; decides the interaction's outcome. */
export type StateFailureKind =
  /** The target answered our setup call with a client error: its contract changed (exit 1). */
  | 'contract'
  /** Network, 5xx, our credentials, or data the target lacks (exit 2). */
  | 'environment'
  /** A write the host is not allowed to receive (reported as skipped). */
  | 'write-refused';

export class StateSetupError extends Error {
  override readonly name = 'StateSetupError';
  constructor(
    readonly state: string,
    readonly kind: StateFailureKind,
    message: string,
  ) {
    super(message);
  }
}

/** Test data a state's setup created on the target, which its teardown must remove. */
export interface CreatedTestData {
  state: string;
  /** What it is, for the report: e.g. `virtual card task 5e6f…` until the card id is known. */
  what: string;
  /** The deferred task that creates it. */
  taskId: string;
  /** The card, once known. */
  cardId?: string;
}

/** A teardown could not remove what its setup created: the report lists what is left on the target. */
export class StateCleanupError extends Error {
  override readonly name = 'StateCleanupError';
  constructor(
    readonly state: string,
    /** One entry per leftover, e.g. `card 3c9e…: POST /cards/{id}/deferred/termination returned 500`. */
    readonly leftovers: string[],
  ) {
    super(`could not remove ${leftovers.join('; ')}`);
  }
}

export interface StateContext {
  /** The target's API, authenticated with the run's standard token, write guard on. */
  http: AxiosInstance;
  /** Writes are allowed for the target host in this run. */
  writesAllowed: boolean;
  /** Which token the interaction's API request carries. */
  setTokenKind(kind: TokenKind): void;
  /** Distinguishes this client's test data; a fixed value keeps creation idempotent across runs. */
  namespace: string;
  /** What setups created and their teardowns have not removed yet (shared by the job's handlers). */
  created: CreatedTestData[];
  /** Waits between polls of a task the target runs asynchronously. @default the wall clock */
  sleep?(ms: number): Promise<void>;
}

export type StateValues = Record<string, string | number | boolean>;

export interface StateHandlerSpec {
  /** What the handler makes true, for docs and messages. */
  summary: string;
  /** Setting the state creates data on the target (a write). */
  writes: boolean;
  /** The token this state's interaction replays with (default `standard`). */
  tokenKind?: TokenKind;
  setup(ctx: StateContext, params: Record<string, unknown>): Promise<StateValues | undefined>;
  teardown?(ctx: StateContext, params: Record<string, unknown>): Promise<void>;
}

/** A UUID-shaped key derived from the namespace: the same client always sends the same key. */
export function stableIdempotencyKey(namespace: string, purpose: string): string {
  const hex = createHash('sha256').update(`${namespace}:${purpose}`).digest('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-a${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}
