import { Command, CommanderError } from 'commander';
import { UsageError } from '../errors';

/** Commander's ways of saying it printed help or the version and there is nothing left to do. */
const DONE = new Set(['commander.helpDisplayed', 'commander.help', 'commander.version']);

export interface ParseArgsOptions {
  /** Put before the message, e.g. `guardrails`. */
  prefix?: string;
  /** Put after the message, e.g. `(usage: npm run audit:verify -- <file>)`. */
  hint?: string;
}

/**
 * Parses a command line the one way every rampart command does: a usage mistake becomes a UsageError
 * (one line, exit 2), never commander's own `process.exit`. Returns false when commander printed help
 * or the version and the command should end with 0.
 */
export function parseArgs(program: Command, args: readonly string[], options: ParseArgsOptions = {}): boolean {
  program.exitOverride().configureOutput({ writeErr: () => undefined });
  try {
    program.parse([...args], { from: 'user' });
    return true;
  } catch (error) {
    if (!(error instanceof CommanderError)) throw error;
    if (DONE.has(error.code)) return false;
    // One line: commander puts its "Did you mean" suggestion on a line of its own. A message of ours from
    // an option's parser names the flag and the value itself: commander's preamble saying so goes.
    const message = error.message
      .replace(/^error: /, '')
      .replace(/^option '[^']+' argument '[^']*' is invalid\. (?=--)/, '')
      .replace(/\s*\n\s*/g, ' ');
    throw new UsageError(
      [options.prefix ? `${options.prefix}: ${message}` : message, options.hint].filter(Boolean).join(' '),
    );
  }
}
