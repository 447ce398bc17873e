import { Command } from 'commander';
import { parseArgs } from '../../../cli/parse-args';

/**
 * `npm run pacts` takes no argument but `--help`. False when it printed the help; anything else is a
 * UsageError (exit 2), so a mistyped flag never regenerates `pacts/`.
 */
export function parsePactsArgs(argv: readonly string[]): boolean {
  const program = new Command('pacts').description(
    "Regenerate pacts/ from the consumer pact tests (*.pact.test.ts against Pact's mock server). pacts/ changes only when every test passes; commit the result.",
  );
  return parseArgs(program, argv, { prefix: 'pacts' });
}
