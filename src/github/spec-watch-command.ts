import { copyFileSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative, resolve, sep } from 'node:path';
import type { RampartConfig } from '../config';
import { runDrift } from '../drift/cli';
import { UsageError } from '../errors';
import type { LogSink } from '../log/logger';
import { redact } from '../log/redact';
import { readGitHubEnv } from './github-env';
import { syncSpecPullRequest, type SpecPullRequestResult } from './spec-watch';

type Env = Readonly<Record<string, string | undefined>>;

export interface SpecWatchCommandOptions {
  /** The committed baseline. @default specs/ramp/openapi.json */
  baseline?: string;
  /** Sandbox only: which revision its published document is. @default 'baseline' */
  specRevision?: string;
  /** @default process.cwd() */
  cwd?: string;
  /** @default process.env */
  env?: Env;
  /** rampart's environment config (where the published document is). @default loadConfig() */
  rampartConfig?: RampartConfig;
  /** @default a line on stdout */
  log?: (line: string) => void;
}

const DEFAULT_BASELINE = 'specs/ramp/openapi.json';

/**
 * `npm run spec-watch`: fetches the provider's published document and keeps one pull request proposing
 * it as the new baseline (opened, updated, or closed once the document is back), with the drift report
 * as its description. Whatever the drift, the command succeeds: the pull request is the report.
 */
export async function runSpecWatch(options: SpecWatchCommandOptions = {}): Promise<SpecPullRequestResult> {
  const log = options.log ?? ((line: string) => process.stdout.write(`${redact(line)}\n`));
  const gh = readGitHubEnv(options.env ?? process.env);
  const cwd = options.cwd ?? process.cwd();
  const baselineArg = options.baseline ?? DEFAULT_BASELINE;
  const baselineFile = resolve(cwd, baselineArg);
  const path = relative(cwd, baselineFile).split(sep).join('/');
  let baseline: string;
  try {
    baseline = readFileSync(baselineFile, 'utf8');
  } catch {
    throw new UsageError(`cannot read the baseline ${baselineArg} (create it with npm run drift -- --update-baseline)`);
  }

  // drift writes the published document, canonical, over a copy of the baseline: the working tree stays as it is.
  const dir = mkdtempSync(join(tmpdir(), 'rampart-spec-watch-'));
  try {
    const copy = join(dir, 'openapi.json');
    copyFileSync(baselineFile, copy);
    const quiet: LogSink = { out: () => undefined, err: (line) => log(line) };
    const drift = await runDrift({
      cwd,
      base: copy,
      updateBaseline: true,
      format: 'markdown',
      out: join(dir, 'drift.md'),
      log: quiet,
      ...(options.specRevision ? { specRevision: options.specRevision } : {}),
      ...(options.rampartConfig ? { rampartConfig: options.rampartConfig } : {}),
    });
    const published = readFileSync(copy, 'utf8');
    const report = drift.output.split(copy).join(path);
    const description = [
      `The provider's published OpenAPI document (${drift.revision.split(copy).join(path)}) differs from the committed baseline \`${path}\`.`,
      'Merging this pull request accepts it as the new baseline. What changed, and which of our consumer interactions it breaks:',
      '',
      report,
    ].join('\n');
    const result = await syncSpecPullRequest({
      apiUrl: gh.apiUrl,
      token: gh.token,
      repository: gh.repository,
      path,
      baseline,
      published,
      description,
    });
    const what = {
      opened: 'opened the spec pull request',
      updated: 'updated the spec pull request',
      closed: 'closed the spec pull request: the published document is back to the baseline',
      none: 'the published document matches the baseline: nothing to propose',
    }[result.action];
    log(`rampart: ${what}${result.number ? ` #${result.number}` : ''}${result.url ? `: ${result.url}` : ''}`);
    return result;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
