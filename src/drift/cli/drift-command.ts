import { Command, Option } from 'commander';
import { parseArgs } from '../../cli/parse-args';
import type { DriftCommandOptions } from './run-drift';

const program = () =>
  new Command('drift')
    .description("Diff the provider's published OpenAPI document (or any two documents) against the baseline.")
    .option('--base <file>', 'baseline document (default: specs/ramp/openapi.json)')
    .option(
      '--revision <file|url>',
      'document to compare (default: the published document: RAMP_SPEC_URL, or the embedded sandbox)',
    )
    .addOption(
      new Option('--format <format>', 'output format')
        .choices(['text', 'json', 'markdown', 'junit', 'github'])
        .default('text'),
    )
    .option('--out <file>', 'write the output to a file instead of stdout')
    .addOption(
      new Option(
        '--show <findings>',
        'text format: list breaking only, with warnings, with info, or all (with ignored); all are counted',
      )
        .choices(['breaking', 'warnings', 'info', 'all'])
        .default('warnings'),
    )
    .addOption(
      new Option('--fail-on <level>', 'lowest level that fails the run (exit 1)')
        .choices(['error', 'warning', 'info'])
        .default('error'),
    )
    .option('--config <file>', 'config file with a drift section (default: rampart.config.yaml, if present)')
    .option('--update-baseline', 'accept the revision: write it as the new baseline (canonical JSON)')
    .addOption(
      new Option('--spec-revision <revision>', 'which revision the embedded sandbox serves').choices([
        'baseline',
        'next',
      ]),
    )
    .option('--base-prefix <path>', 'added in front of every base path, after its servers base path')
    .option('--revision-prefix <path>', 'added in front of every revision path, after its servers base path')
    .option('--strip-prefix <path>', "removed from the front of both documents' full request paths")
    .option(
      '--pacts <file|dir...>',
      'pact files or directories whose interactions the findings are matched to (default: pacts/, if present)',
    )
    .option('--no-pacts', 'do not match the findings to pact interactions');

/** `npm run drift -- ...` as `runDrift` options; `null` when help was printed. @throws UsageError (exit 2) */
export function parseDriftArgs(argv: readonly string[]): DriftCommandOptions | null {
  const command = program();
  if (!parseArgs(command, argv)) return null;
  const opts = command.opts<{
    base?: string;
    revision?: string;
    format: string;
    out?: string;
    failOn: string;
    config?: string;
    updateBaseline?: boolean;
    specRevision?: string;
    pacts?: string[] | boolean;
    show: string;
    basePrefix?: string;
    revisionPrefix?: string;
    stripPrefix?: string;
  }>();
  // Commander gives `false` for --no-pacts, the list for --pacts, and (with both declared) `true` or nothing otherwise.
  const pacts = opts.pacts === false ? false : Array.isArray(opts.pacts) ? opts.pacts : undefined;
  return { ...opts, pacts };
}
