import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import type { AxiosInstance } from 'axios';
import type { RampartConfig } from '../../config';
import { SpecLoadError, UsageError } from '../../errors';
import type { LogSink } from '../../log/logger';
import { Logger } from '../../log/logger';
import { redact, redactUrl } from '../../log/redact';
import type { LoadedSpec } from '..';
import { loadSpec } from '..';
import { isUrl } from '../../openapi/load/load-spec';
import { loadDriftConfig } from '../config';
import type { DriftFormat, DriftSummary, Level, ReportedFinding, ReportRenderers } from '../format';
import {
  isDriftFormat,
  isLevel,
  renderDrift,
  reportRenderers,
  SHOW_CHOICES,
  summarize,
  summaryLine,
  type Show,
} from '../format';
// The file, not the module index: the index brings Ajv and the pact comparator, which drift never needs.
import { driftWithImpact } from '../../impact/drift-with-impact';
import { canonicalJson } from './canonical-json';
import { loadPacts } from './load-pacts';
import { writeFileAtomic } from '../../fs';
import { PROVIDER_DEFINITION } from '../../providers';

/** Where the committed baseline of the provider's API lives. */
export const DEFAULT_BASELINE = PROVIDER_DEFINITION.baselineSpec;

export type SpecRevision = 'baseline' | 'next';

export interface DriftCommandOptions {
  /** The baseline document (file or URL). @default `specs/ramp/openapi.json` */
  base?: string;
  /** The document to compare (file or URL). @default the provider's published document (config `specUrl`, or the embedded sandbox's) */
  revision?: string;
  /** @default 'text' */
  format?: string;
  /** Write the output here (atomically) instead of stdout. */
  out?: string | null;
  /** The lowest level that fails the run (exit 1). @default 'error' */
  failOn?: string;
  /** The config file holding the `drift` section. @default `rampart.config.yaml` in `cwd`, if present */
  config?: string | null;
  /** Write the revision as the new baseline (canonical JSON) after reporting the drift. */
  updateBaseline?: boolean;
  /** Which revision the embedded sandbox serves, when it is the source of the published document. @default 'baseline' */
  specRevision?: string;
  /** Added after the base's servers base path, in front of each of its paths (oasdiff's `--prefix-base`). */
  basePrefix?: string;
  /** Added after the revision's servers base path, in front of each of its paths (oasdiff's `--prefix-revision`). */
  revisionPrefix?: string;
  /** Removed from the front of both documents' full request paths (oasdiff's `--strip-prefix-*`). */
  stripPrefix?: string;
  /** Relative paths resolve against this directory. @default process.cwd() */
  cwd?: string;
  /** rampart's environment config. @default loadConfig() (only read when no --revision is given) */
  rampartConfig?: RampartConfig;
  /** Receives the rendered output when there is no `out`. @default process.stdout */
  stdout?: (text: string) => void;
  /** Progress and warnings; kept off stdout so `--format json` output stays pure. @default process.stderr */
  log?: LogSink;
  /** Text format: which findings to list (`breaking`, `warnings`, `info`, `all`); all are counted. @default 'warnings' */
  show?: string;
  /** Text format: ANSI colour. @default stdout is a terminal, NO_COLOR is unset and there is no `out` */
  color?: boolean;
  /** The clock for ignore expiry. @default () => new Date() */
  now?: () => Date;
  /** Renderers for markdown, junit and github. @default the shared ones from src/report and src/github */
  renderers?: Partial<ReportRenderers>;
  /**
   * The pacts whose interactions the findings are matched against: files or directories (every `*.json`
   * in them). `false`: do not check the pacts. @default `pacts/` in `cwd`, when that directory exists
   */
  pacts?: readonly string[] | false;
}

export interface DriftRunResult {
  /** 0: nothing reaches `failOn` (or the baseline was updated); 1: something does. Failures throw. */
  exitCode: 0 | 1;
  base: string;
  revision: string;
  findings: ReportedFinding[];
  summary: DriftSummary;
  /** The rendered output, as written. */
  output: string;
  /** The baseline file written by `updateBaseline`. */
  baselineWritten?: string;
}

const stderrSink: LogSink = {
  out: (line) => process.stderr.write(`${line}\n`),
  err: (line) => process.stderr.write(`${line}\n`),
};

/**
 * `npm run drift`: diffs the provider's published document (or any `revision`) against the baseline,
 * marks what the team's config ignores, matches the findings to the pacts' interactions, renders the
 * result and decides the exit code.
 * Bad input (unreadable spec or config, bad flag) throws a RampartError: exit 2 through runMain.
 */
export async function runDrift(options: DriftCommandOptions = {}): Promise<DriftRunResult> {
  const startedAt = new Date();
  const cwd = options.cwd ?? process.cwd();
  const logger = new Logger(options.log ?? stderrSink);
  const format = parseFormat(options.format);
  const failOn = parseFailOn(options.failOn);
  const specRevision = parseSpecRevision(options.specRevision);
  const show = parseShow(options.show);
  const color =
    options.color ??
    (!options.stdout && colourWanted({ isTTY: process.stdout.isTTY, env: process.env, out: options.out ?? null }));

  const driftConfig = loadDriftConfig({
    file: options.config ?? null,
    cwd,
  });

  // Read before any document is fetched: a broken pact is bad input, reported before network work.
  const loaded = options.pacts === false ? null : loadPacts(options.pacts, cwd);
  const pacts = loaded && loaded.files.length > 0 ? loaded : null;

  const basePath = options.base ?? DEFAULT_BASELINE;
  const baseIsUrl = isUrl(basePath);
  const baseSource = baseIsUrl ? basePath : resolve(cwd, basePath);
  if (options.updateBaseline && baseIsUrl)
    throw new UsageError(`--update-baseline needs a baseline file, not a URL (${basePath})`);
  const baseMissing = !baseIsUrl && !existsSync(baseSource);
  if (baseMissing && !options.updateBaseline) {
    throw new SpecLoadError(
      basePath,
      options.base
        ? 'file not found'
        : 'no baseline yet; review the published document and accept it with `npm run drift -- --update-baseline`',
    );
  }

  // A baseline file is read before the published document is fetched, as the pacts are: a broken one is bad input.
  const baseFile = baseMissing || baseIsUrl ? null : await loadSpec(baseSource);
  const published = await loadRevision(options, specRevision, cwd, logger);
  if (baseMissing)
    logger.info(`no baseline at ${basePath} yet: nothing to compare; it will be written from ${published.shownAs}`);
  const revision = published.spec;
  const base = baseMissing ? null : (baseFile ?? (await loadSpec(baseSource)));

  if (pacts) logger.info(`matching the findings to the interactions of ${pacts.files.join(', ')}`);
  const matched = pacts?.pacts ?? null;
  const { basePrefix, revisionPrefix, stripPrefix } = options;
  const findings = driftWithImpact({
    base,
    revision,
    config: driftConfig,
    pacts: matched,
    diff: { now: options.now, basePrefix, revisionPrefix, stripPrefix },
  });
  const summary = summarize(findings, failOn);
  const expired = new Map<string, string>();
  for (const { id, ignoreExpired } of findings) {
    if (ignoreExpired)
      expired.set(
        `${id} ${ignoreExpired.expires}`,
        `ignore of ${id} expired on ${ignoreExpired.expires} (${ignoreExpired.reason}); its findings count again`,
      );
  }
  for (const line of expired.values()) logger.warn(line);

  const output = redact(
    renderDrift(
      format,
      {
        base: basePath,
        revision: published.shownAs,
        findings,
        summary,
        targetKind: published.targetKind,
        ...(published.specRevision ? { specRevision: published.specRevision } : {}),
        startedAt,
        finishedAt: new Date(),
        text: { show, color },
      },
      options.renderers ?? reportRenderers(),
    ),
  );
  if (options.out) {
    writeOutput(resolve(cwd, options.out), output, options.out);
    logger.info(summaryLine(summary));
  } else {
    (options.stdout ?? ((text: string) => process.stdout.write(text)))(output);
  }

  const result: DriftRunResult = {
    exitCode: summary.failed ? 1 : 0,
    base: basePath,
    revision: published.shownAs,
    findings,
    summary,
    output,
  };
  if (options.updateBaseline) {
    writeOutput(baseSource, canonicalJson(revision.document), basePath);
    logger.info(`baseline ${basePath} updated from ${published.shownAs}`);
    result.baselineWritten = baseSource;
    result.exitCode = 0;
  }
  return result;
}

interface PublishedSpec {
  spec: LoadedSpec;
  /** How reports name it: the URL or the path as given. */
  shownAs: string;
  targetKind: 'sandbox' | 'staging';
  specRevision?: SpecRevision;
}

async function loadRevision(
  options: DriftCommandOptions,
  specRevision: SpecRevision | null,
  cwd: string,
  logger: Logger,
): Promise<PublishedSpec> {
  if (options.revision) {
    if (specRevision)
      throw new UsageError('--spec-revision applies to the embedded sandbox only; drop it when giving --revision');
    const source = isUrl(options.revision) ? options.revision : resolve(cwd, options.revision);
    const shownAs = isUrl(options.revision) ? redactUrl(options.revision) : options.revision;
    return { spec: await loadSpec(source), shownAs, targetKind: 'staging' };
  }

  // Lazy: the environment config (zod, dotenv) matters only when the published document is fetched.
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- lazy: zod and dotenv only when the document is fetched
  const config = options.rampartConfig ?? (require('../../config') as typeof import('../../config')).loadConfig();
  if (config.specUrl) {
    if (specRevision)
      throw new UsageError(
        '--spec-revision applies to the embedded sandbox only, and a published spec URL is configured (RAMP_SPEC_URL or STAGING_BASE_URL)',
      );
    const http = config.specUrlNeedsToken ? specTokenClient(config, config.specUrl, logger) : undefined;
    logger.info(`fetching the published document from ${config.specUrl}`);
    const { timeoutMs, deadlineMs, maxResponseBytes: maxBytes } = config.http;
    const bounds = { timeoutMs, deadlineMs, maxBytes };
    const spec = await loadSpec(config.specUrl, { ...bounds, ...(http ? { http } : {}) });
    return { spec, shownAs: redactUrl(config.specUrl), targetKind: 'staging' };
  }

  // No staging configured: the embedded sandbox publishes the document.
  // Loaded lazily: the sandbox (express) costs startup time that a file-to-file diff does not need.
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- lazy: the sandbox (express) only when no staging is configured
  const { startSandbox } = require('../../providers/sandbox') as typeof import('../../providers/sandbox');
  const sandbox = await startSandbox({ port: 0, specRevision: specRevision ?? 'baseline' });
  try {
    logger.info(`fetching the published document from the embedded sandbox (${sandbox.specRevision} revision)`);
    const spec = await loadSpec(sandbox.specUrl);
    return {
      spec,
      shownAs: `sandbox:${sandbox.specRevision} (${sandbox.specUrl})`,
      targetKind: 'sandbox',
      specRevision: sandbox.specRevision,
    };
  } finally {
    await sandbox.close();
  }
}

/** The one HTTP client with the API token, for a published-spec URL that needs the API's credentials. */
function specTokenClient(config: RampartConfig, specUrl: string, logger: Logger): AxiosInstance {
  if (!config.tokenUrl || !config.clientId || !config.clientSecret) {
    throw new UsageError(
      'RAMP_SPEC_URL_NEEDS_TOKEN is true but RAMP_TOKEN_URL, RAMP_CLIENT_ID or RAMP_CLIENT_SECRET is missing',
    );
  }
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- lazy: the token stack only for a protected document
  const { TokenProvider } = require('../../auth') as typeof import('../../auth');
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- lazy: the HTTP stack only for a protected document
  const { specFetchClient } = require('../../http') as typeof import('../../http');
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- lazy: zod and dotenv only for a protected document
  const { extraTokenOrigins } = require('../../config') as typeof import('../../config');
  const tokenProvider = new TokenProvider({
    tokenUrl: config.tokenUrl,
    clientId: config.clientId,
    clientSecret: config.clientSecret,
    scopes: config.scopes,
    timeoutMs: config.http.timeoutMs,
    deadlineMs: config.http.deadlineMs,
    maxResponseBytes: config.http.maxResponseBytes,
  });
  const apiBaseUrl = config.stagingBaseUrl ?? new URL(config.tokenUrl).origin;
  return specFetchClient({
    specUrl,
    apiBaseUrl,
    tokenProvider,
    allowedOrigins: extraTokenOrigins(config, apiBaseUrl),
    limits: config.http,
    log: (line) => logger.info(line),
  });
}

function writeOutput(path: string, text: string, shown: string): void {
  try {
    writeFileAtomic(path, text);
  } catch (cause) {
    throw new UsageError(
      `cannot write ${shown}: ${(cause as NodeJS.ErrnoException).code ?? (cause as Error).message}`,
      { cause },
    );
  }
}

function parseFormat(value: string | undefined): DriftFormat {
  if (value === undefined) return 'text';
  if (!isDriftFormat(value))
    throw new UsageError(`--format must be one of text, json, markdown, junit, github (got "${value}")`);
  return value;
}

function parseFailOn(value: string | undefined): Level {
  if (value === undefined) return 'error';
  if (!isLevel(value)) throw new UsageError(`--fail-on must be one of error, warning, info (got "${value}")`);
  return value;
}

function parseSpecRevision(value: string | undefined): SpecRevision | null {
  if (value === undefined) return null;
  if (value !== 'baseline' && value !== 'next')
    throw new UsageError(`--spec-revision must be baseline or next (got "${value}")`);
  return value;
}

/** Colour goes to a terminal only: never into a file or a pipe, nor when NO_COLOR is set (no-color.org). */
export function colourWanted(where: {
  isTTY: boolean | undefined;
  env: Readonly<Record<string, string | undefined>>;
  out?: string | null;
}): boolean {
  return where.isTTY === true && !where.out && !where.env['NO_COLOR'];
}

function parseShow(value: string | undefined): Show {
  if (value === undefined) return 'warnings';
  if (!(SHOW_CHOICES as readonly string[]).includes(value))
    throw new UsageError(`--show must be one of ${SHOW_CHOICES.join(', ')} (got "${value}")`);
  return value as Show;
}
