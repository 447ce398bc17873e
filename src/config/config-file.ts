import { existsSync, readFileSync } from 'node:fs';
import { relative, resolve } from 'node:path';
import { ConfigError } from '../errors';

/** The team's config file, looked up in the working directory when none is named. */
export const DEFAULT_CONFIG_FILE = 'rampart.config.yaml';

/** Its sections, each read by its own capability: drift's levels and ignores, the spec gaps'. */
export const CONFIG_FILE_SECTIONS = ['drift', 'spec-gaps'] as const;

export interface ConfigFile {
  /** The file as the user named it (or the default name), for messages. */
  shown: string;
  /** Its sections, as YAML gives them; only known section names. */
  sections: Record<string, unknown>;
}

/**
 * Reads and parses the team's config file: null when it is absent and was not named. A mistake (a
 * named file missing, an unreadable file, invalid YAML, not a mapping, a section nobody reads, such
 * as a misspelt `drfit`) is one ConfigError naming the file and the place. The sections' contents are
 * their readers' to check.
 */
export function readConfigFile(options: { cwd?: string; file?: string | null }): ConfigFile | null {
  const cwd = options.cwd ?? process.cwd();
  const explicit = options.file ?? null;
  const shown = explicit ?? DEFAULT_CONFIG_FILE;
  const path = resolve(cwd, shown);
  const fail = (message: string) => new ConfigError(message, { variable: shown });
  if (!existsSync(path)) {
    if (explicit === null) return null;
    throw fail(`config file ${shown} not found (looked at ${relative(process.cwd(), path) || path})`);
  }
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (cause) {
    throw fail(`cannot read config file ${shown}: ${(cause as Error).message}`);
  }
  // Loaded only when there is a config file: a plain run does not pay for the YAML parser.
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- lazy: yaml only when there is a config file
  const { parseDocument } = require('yaml') as typeof import('yaml');
  const document = parseDocument(text, { prettyErrors: true });
  const yamlError = document.errors[0];
  if (yamlError) {
    const at = yamlError.linePos?.[0];
    const where = at ? ` at line ${at.line}, column ${at.col}` : '';
    const reason = (yamlError.message.split('\n')[0] ?? '').replace(/:\s*$/, '');
    throw fail(`${shown}${where}: not valid YAML: ${reason}`);
  }
  const content: unknown = document.toJS() ?? {};
  const known: readonly string[] = CONFIG_FILE_SECTIONS;
  if (typeof content !== 'object' || content === null || Array.isArray(content)) {
    throw fail(`${shown}: must be a mapping of sections (${known.join(', ')})`);
  }
  const unknown = Object.keys(content).find((key) => !known.includes(key));
  if (unknown !== undefined) {
    throw fail(`${shown}: unknown section "${unknown}" (the sections are ${known.join(', ')})`);
  }
  return { shown, sections: content as Record<string, unknown> };
}
