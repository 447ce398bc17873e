import { spawn } from 'node:child_process';
import { mkdtempSync, readdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ExitCode, ExitError } from '../../../errors/index';
import { canonicalPactText, readPactFile } from '../../../contracts/pact-files';
import { PACT_DIR } from '../../../contracts/parties';
import { PACT_OUTPUT_DIR_ENV } from './consumer-pact';

/** The consumer pact tests, wherever they live under `src/`. */
export const PACT_TEST_PATTERN = '\\.pact\\.test\\.ts$';

export interface RegenerateOptions {
  /** @default `<repo>/pacts` */
  pactDir?: string;
  /** Progress lines. @default stdout */
  log?: (line: string) => void;
}

export interface RegenerateResult {
  written: Array<{ file: string; interactions: number }>;
  removed: string[];
}

/**
 * `npm run pacts`: runs every consumer pact test into a fresh temp directory, so no interaction from an
 * earlier run survives, then puts each pact into `pacts/` in canonical form (temp file + rename) and
 * removes pact files no test produced any more. Nothing in `pacts/` changes unless every test passed.
 * Runs jest in band: one writer per pact file, the same bytes every run.
 */
export async function regeneratePacts(options: RegenerateOptions = {}): Promise<RegenerateResult> {
  const pactDir = options.pactDir ?? PACT_DIR;
  const log = options.log ?? ((line: string) => process.stdout.write(`${line}\n`));
  const outDir = mkdtempSync(join(tmpdir(), 'rampart-pacts-'));
  try {
    const code = await runJest(join(pactDir, '..'), outDir);
    if (code !== 0) {
      throw new ExitError(
        ExitCode.ContractBroken,
        `consumer pact tests failed (jest exit ${code}); pacts/ left unchanged`,
      );
    }
    const produced = readdirSync(outDir)
      .filter((name) => name.endsWith('.json'))
      .sort();
    if (produced.length === 0)
      throw new ExitError(ExitCode.ToolFailure, 'consumer pact tests wrote no pact; pacts/ left unchanged');

    const result: RegenerateResult = { written: [], removed: [] };
    for (const name of produced) {
      const pact = readPactFile(join(outDir, name));
      const temp = join(pactDir, `.${name}.${process.pid}.tmp`);
      writeFileSync(temp, canonicalPactText(pact));
      renameSync(temp, join(pactDir, name));
      result.written.push({ file: name, interactions: pact.interactions.length });
      log(`wrote pacts/${name} (${pact.interactions.length} interactions)`);
    }
    for (const name of readdirSync(pactDir)
      .filter((n) => n.endsWith('.json') && !produced.includes(n))
      .sort()) {
      rmSync(join(pactDir, name));
      result.removed.push(name);
      log(`removed stale pacts/${name}`);
    }
    return result;
  } finally {
    rmSync(outDir, { recursive: true, force: true });
  }
}

function runJest(repoRoot: string, outDir: string): Promise<number> {
  const jestBin = require.resolve('jest/bin/jest', { paths: [repoRoot] });
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [jestBin, '--runInBand', '--testPathPatterns', PACT_TEST_PATTERN], {
      cwd: repoRoot,
      env: { ...process.env, [PACT_OUTPUT_DIR_ENV]: outDir },
      stdio: 'inherit',
    });
    child.on('error', reject);
    child.on('exit', (code, signal) => resolve(code ?? (signal ? 1 : 0)));
  });
}
