/**
 * Verification throughput: the committed pacts cloned into a larger synthetic set (new descriptions,
 * several files), verified against one sandbox sequentially (one worker) and in parallel (one worker
 * per file, up to the CPU count); plus the token requests each run makes (target: one per scope set).
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { availableParallelism, tmpdir } from 'node:os';
import { join } from 'node:path';
import { PACT_DIR, PROVIDER } from '../contracts/parties';
import { startSandbox } from '../providers/sandbox';
import { listPactFiles, readPacts } from '../contracts/pact-reader';
import { runPactStep } from '../verify/pact-step';
import { RunTokens } from '../verify/run-tokens';
import { PROVIDER_STATE_HANDLERS as STATE_HANDLERS } from '../providers/state-handlers';
import type { BenchCheck, BenchResult } from './sections';

export interface VerifyBenchOptions {
  /** Copies of each committed pact (each a file of its own). @default 2 */
  filesPerPact?: number;
  /** Times each interaction is repeated inside a file. @default 8 */
  clonesPerInteraction?: number;
}

/** Writes the synthetic pact set; returns its directory (the caller removes it). */
export function syntheticPactSet(options: VerifyBenchOptions = {}): {
  dir: string;
  files: string[];
  interactions: number;
} {
  const filesPerPact = options.filesPerPact ?? 2;
  const clones = options.clonesPerInteraction ?? 8;
  const dir = mkdtempSync(join(tmpdir(), 'rampart-bench-pacts-'));
  const files: string[] = [];
  let interactions = 0;
  for (const source of listPactFiles(PACT_DIR)) {
    const pact = JSON.parse(readFileSync(source, 'utf8')) as { interactions: Array<{ description: string }> };
    for (let f = 0; f < filesPerPact; f += 1) {
      const cloned = pact.interactions.flatMap((interaction) =>
        Array.from({ length: clones }, (_, k) => ({
          ...interaction,
          description: `${interaction.description} [file ${f + 1} copy ${k + 1}]`,
        })),
      );
      const file = join(dir, `${f + 1}-${source.split('/').pop() as string}`);
      writeFileSync(file, JSON.stringify({ ...pact, interactions: cloned }));
      files.push(file);
      interactions += cloned.length;
    }
  }
  return { dir, files, interactions };
}

export async function verifyBenchSection(options: VerifyBenchOptions = {}): Promise<BenchResult> {
  const set = syntheticPactSet(options);
  // The bench measures the verifier, not the rate limiter.
  const sandbox = await startSandbox({ port: 0, rateLimit: { limit: 1_000_000, windowMs: 1000 } });
  try {
    const pacts = readPacts(set.files);
    const rows: BenchResult['rows'] = [];
    const checks: BenchCheck[] = [];
    const perSecond: Record<string, number> = {};
    for (const mode of ['sequential', 'parallel'] as const) {
      const tokens = new RunTokens({
        tokenUrl: sandbox.tokenUrl,
        clientId: sandbox.clients.demo.clientId,
        clientSecret: sandbox.clients.demo.clientSecret,
        scopes: sandbox.clients.demo.scopes.filter((s) => s !== 'receipts:read'),
      });
      const started = performance.now();
      const outcome = await runPactStep({
        pacts,
        provider: PROVIDER,
        baseUrl: sandbox.baseUrl,
        writeAllowedHosts: [new URL(sandbox.baseUrl).host],
        tokens,
        handlers: STATE_HANDLERS,
        mode,
        timeoutMs: 10_000,
        namespace: sandbox.clients.demo.clientId,
      });
      const seconds = (performance.now() - started) / 1000;
      await tokens.revokeAll();
      const passed = outcome.step.cases.filter((c) => c.outcome === 'passed').length;
      perSecond[mode] = set.interactions / seconds;
      rows.push({
        mode,
        'pact files': set.files.length,
        interactions: set.interactions,
        passed,
        workers: Number(outcome.step.summary?.['workers'] ?? 0),
        'wall (s)': Number(seconds.toFixed(2)),
        'interactions/s': Number((set.interactions / seconds).toFixed(1)),
        'token requests': tokens.tokenRequests,
        'scope sets': tokens.scopeSets,
      });
      checks.push({
        name: `${mode}: one token request per scope set`,
        actual: `${tokens.tokenRequests} for ${tokens.scopeSets}`,
        pass: tokens.tokenRequests === tokens.scopeSets,
      });
      checks.push({
        name: `${mode}: every interaction verified`,
        actual: `${passed} of ${set.interactions}`,
        pass: passed === set.interactions,
      });
    }
    const speedup = (perSecond['parallel'] ?? 0) / (perSecond['sequential'] ?? 1);
    checks.push({ name: 'parallel faster than sequential', actual: `${speedup.toFixed(2)}×`, pass: speedup > 1 });
    return {
      title: 'Verification throughput',
      rows,
      checks,
      notes: [
        `${set.interactions} interactions: the committed pacts' interactions cloned into ${set.files.length} files; one sandbox; ${availableParallelism()} CPUs.`,
        "Times include starting the worker processes (tsx + the pact native core) and the state handlers' calls.",
      ],
    };
  } finally {
    await sandbox.close();
    rmSync(set.dir, { recursive: true, force: true });
  }
}
