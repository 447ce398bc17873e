import { Command, InvalidArgumentError, Option } from 'commander';
import { parseArgs } from '../cli/parse-args';
import { UsageError } from '../errors';
import type { VerifyOptions } from './options';

const program = () =>
  new Command()
    .name('npm run verify --')
    .description(
      'Replay every pact against staging (or the embedded sandbox) with real tokens; probes, drift, reports.',
    )
    .addOption(
      new Option('--spec-revision <revision>', 'sandbox only: the OpenAPI revision it serves').choices([
        'baseline',
        'next',
      ]),
    )
    .option('--pact <file...>', 'pact files to verify (default: every file in pacts/)')
    .option('--interaction <description>', 'verify only the interaction with this description')
    .option('--no-probes', 'skip the token probes step')
    .option('--no-drift', 'skip the spec drift step')
    .option('--no-spec-checks', 'skip checking the pacts and the replayed responses against the published spec')
    .option('--no-guardrails', 'skip the ramp-policy guardrails step')
    .option('--sequential', 'verify pact files one after another in one worker')
    .option('--parallel', 'verify pact files in parallel worker processes (default)')
    .option(
      '--report-dir <dir>',
      'where verify.json, junit.xml, verify.md and audit.jsonl go (default: RAMPART_REPORT_DIR or reports)',
    )
    .option(
      '--deadline <seconds>',
      'stop the run after this many seconds, exit 2 with what finished (default: RAMPART_VERIFY_DEADLINE_SECONDS)',
    )
    .option('--quiet', 'print only warnings, errors and the report paths')
    .option(
      '--fault-error-rate <share>',
      'sandbox only: answer this share (0..1) of API calls with 500',
      share('--fault-error-rate'),
    )
    .option(
      '--fault-drop-rate <share>',
      'sandbox only: drop this share (0..1) of API connections',
      share('--fault-drop-rate'),
    )
    .option('--fault-seed <n>', 'sandbox only: seed of the fault draws', share('--fault-seed', 2 ** 32 - 1));

interface Flags {
  specRevision?: 'baseline' | 'next';
  pact?: string[];
  interaction?: string;
  probes: boolean;
  drift: boolean;
  specChecks: boolean;
  guardrails: boolean;
  sequential?: boolean;
  parallel?: boolean;
  reportDir?: string;
  deadline?: string;
  quiet?: boolean;
  faultErrorRate?: number;
  faultDropRate?: number;
  faultSeed?: number;
}

function share(flag: string, max = 1) {
  return (value: string): number => {
    const n = Number(value);
    if (value.trim() === '' || !Number.isFinite(n) || n < 0 || n > max) {
      throw new InvalidArgumentError(`${flag} must be between 0 and ${max}, got "${value}".`);
    }
    return n;
  };
}

/** `npm run verify -- ...` as `runVerify` options; `null` when help was printed. @throws UsageError (exit 2) */
export function parseVerifyArgs(argv: readonly string[]): VerifyOptions | null {
  const command = program();
  if (!parseArgs(command, argv)) return null;
  const flags = command.opts<Flags>();
  if (flags.sequential && flags.parallel) throw new UsageError('--sequential and --parallel exclude each other');
  const faults = {
    ...(flags.faultErrorRate !== undefined ? { errorRate: flags.faultErrorRate } : {}),
    ...(flags.faultDropRate !== undefined ? { dropRate: flags.faultDropRate } : {}),
    ...(flags.faultSeed !== undefined ? { seed: flags.faultSeed } : {}),
  };
  return {
    ...(flags.specRevision ? { specRevision: flags.specRevision } : {}),
    ...(flags.pact ? { pactFiles: flags.pact } : {}),
    ...(flags.interaction !== undefined ? { interaction: flags.interaction } : {}),
    probes: flags.probes,
    drift: flags.drift,
    specChecks: flags.specChecks,
    guardrails: flags.guardrails,
    mode: flags.sequential ? 'sequential' : 'parallel',
    ...(flags.reportDir ? { reportDir: flags.reportDir } : {}),
    ...(flags.deadline !== undefined ? { deadlineMs: deadlineMs(flags.deadline) } : {}),
    quiet: flags.quiet ?? false,
    ...(Object.keys(faults).length > 0 ? { sandbox: { faults } } : {}),
  };
}

function deadlineMs(value: string): number {
  const seconds = Number(value);
  if (!Number.isInteger(seconds) || seconds < 1)
    throw new UsageError(`--deadline must be a whole number of seconds, at least 1 (got "${value}")`);
  return seconds * 1000;
}
