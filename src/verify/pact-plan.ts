import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DEMO_HOST, isProductionHost } from '../config';
import type { CaseResult } from '../report/model';
import type { LoadedPact, PactInteraction } from '../contracts/pact-reader';
import type { TokenKind } from './request-filter';
import type { StateHandlerSpec } from './state-setup';

const WRITE_METHODS = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

/** What the run does with one pact file. */
export interface PactPlan {
  pact: LoadedPact;
  suite: string;
  /** Replayed by the Verifier. */
  replay: PactInteraction[];
  /** Decided without replaying (skipped writes, states without a handler). */
  decided: CaseResult[];
  /** Token kinds the replayed interactions need. */
  tokenKinds: Set<TokenKind>;
}

export interface PlanOptions {
  handlers: Readonly<Record<string, StateHandlerSpec>>;
  writesAllowed: boolean;
  targetHost: string;
  /** Only this description (`--interaction`). */
  onlyDescription?: string;
  /** What selects the run's target and inputs beyond the pact file, carried into every rerun command. */
  rerun?: RerunSelection;
}

/** The flags a rerun needs to reach the same target with the same inputs. */
export interface RerunSelection {
  /** The sandbox's `--spec-revision`: without it a rerun verifies against the baseline and may pass. */
  specRevision?: string;
}

export function suiteOf(pact: Pick<LoadedPact, 'consumer' | 'provider'>): string {
  return `pact ${pact.consumer} -> ${pact.provider}`;
}

export function statesOf(interaction: PactInteraction): string | undefined {
  return interaction.providerStates.length ? interaction.providerStates.map((s) => s.name).join(' and ') : undefined;
}

/** `npm run verify -- [--spec-revision next] --pact pacts/x.json --interaction "…"`, quoted for a POSIX shell. */
export function rerunCommand(file: string, description: string, selection: RerunSelection = {}): string {
  const revision = selection.specRevision ? ` --spec-revision ${shellQuote(selection.specRevision)}` : '';
  return `npm run verify --${revision} --pact ${shellQuote(file)} --interaction ${shellQuote(description)}`;
}

function shellQuote(value: string): string {
  return /^[A-Za-z0-9_./:=@+-]+$/.test(value) ? value : `"${value.replace(/(["\\$`])/g, '\\$1')}"`;
}

export function baseCase(
  pact: LoadedPact,
  interaction: PactInteraction,
  selection: RerunSelection = {},
): Omit<CaseResult, 'outcome' | 'durationMs'> {
  const providerState = statesOf(interaction);
  return {
    suite: suiteOf(pact),
    name: interaction.description,
    ...(providerState ? { providerState } : {}),
    rerun: rerunCommand(pact.file, interaction.description, selection),
    data: {
      pactFile: pact.file,
      consumer: pact.consumer,
      provider: pact.provider,
      method: interaction.method,
      path: interaction.path,
    },
  };
}

export function planPact(pact: LoadedPact, options: PlanOptions): PactPlan {
  const plan: PactPlan = {
    pact,
    suite: suiteOf(pact),
    replay: [],
    decided: [],
    tokenKinds: new Set<TokenKind>(['standard']),
  };
  for (const interaction of pact.interactions) {
    if (options.onlyDescription !== undefined && interaction.description !== options.onlyDescription) continue;
    const unknown = interaction.providerStates.find((s) => options.handlers[s.name] === undefined);
    if (unknown) {
      plan.decided.push({
        ...baseCase(pact, interaction, options.rerun),
        outcome: 'error',
        durationMs: 0,
        message: `no state handler for provider state "${unknown.name}" (add it to the provider's provider-states.ts and state-handlers.ts, under src/providers/<name>/)`,
      });
      continue;
    }
    const writingState = interaction.providerStates.find((s) => options.handlers[s.name]?.writes);
    const isWrite = WRITE_METHODS.has(interaction.method);
    if ((isWrite || writingState) && !options.writesAllowed) {
      const what = isWrite
        ? `${interaction.method} ${interaction.path} is a write`
        : `provider state "${writingState?.name}" creates data`;
      plan.decided.push({
        ...baseCase(pact, interaction, options.rerun),
        outcome: 'skipped',
        durationMs: 0,
        message: isProductionHost(options.targetHost)
          ? `${what} and ${options.targetHost} is the provider's production API, which is sent no write; verify writes on a staging such as ${DEMO_HOST}`
          : `${what} and ${options.targetHost} is not write-allowed; to verify it, add the host to RAMPART_WRITE_HOSTS (RAMPART_WRITE_HOSTS=${options.targetHost})`,
      });
      continue;
    }
    for (const state of interaction.providerStates) {
      const kind = options.handlers[state.name]?.tokenKind;
      if (kind) plan.tokenKinds.add(kind);
    }
    plan.replay.push(interaction);
  }
  return plan;
}

/**
 * The file the Verifier reads: the original when every interaction is replayed, else a copy in a
 * temporary directory holding only the replayed ones (so a skipped write is never sent).
 */
export async function pactFileFor(
  plan: PactPlan,
  tempDir: () => Promise<string>,
  replay: readonly PactInteraction[] = plan.replay,
  part = 0,
): Promise<string> {
  if (replay.length === plan.pact.interactions.length) return plan.pact.absolutePath;
  const keep = new Set(replay.map((i) => i.description));
  const interactions = (plan.pact.document['interactions'] as Array<{ description: string }>).filter((i) =>
    keep.has(i.description),
  );
  const name = plan.pact.file.replace(/[^A-Za-z0-9._-]+/g, '_');
  const path = join(await tempDir(), part === 0 ? name : `${part}-${name}`);
  await writeFile(path, JSON.stringify({ ...plan.pact.document, interactions }), 'utf8');
  return path;
}

/** The run's temporary directory for filtered pact copies: made on first use, removed by `remove`. */
export interface TempDir {
  (): Promise<string>;
  remove(): Promise<void>;
}

export function makeTempDir(): TempDir {
  let dir: Promise<string> | null = null;
  const get = (() => (dir ??= mkdtemp(join(tmpdir(), 'rampart-verify-')))) as TempDir;
  get.remove = async () => {
    if (dir) await rm(await dir, { recursive: true, force: true });
  };
  return get;
}

/**
 * A pact's replayed interactions in parts of at most `size`: each part is one worker job, so a huge
 * pact file is spread across the workers and its progress arrives part by part, not once at the end.
 */
export function partsOf<T>(items: readonly T[], size: number): T[][] {
  const parts: T[][] = [];
  for (let i = 0; i < items.length; i += size) parts.push(items.slice(i, i + size));
  return parts;
}
