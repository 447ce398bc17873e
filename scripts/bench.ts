import { Command } from 'commander';
import { runBench } from '../src/bench';
import { parseArgs } from '../src/cli/parse-args';
import { runMain } from '../src/cli/run-main';
import { UsageError } from '../src/errors';

const program = new Command('bench')
  .description(
    'Time rampart drift against the parse floor and redocly diff (GitHub pair and sandbox pair), plus any other registered sections.',
  )
  .option('--runs <n>', 'runs per measurement (median reported)', '3')
  .option('--only <ids>', 'comma-separated section ids (e.g. drift,verify)')
  .option('--check', 'exit 1 when a target is missed');

void runMain(async () => {
  if (!parseArgs(program, process.argv.slice(2))) return 0;
  const opts = program.opts<{ runs: string; only?: string; check?: boolean }>();
  if (!/^\d+$/.test(opts.runs)) throw new UsageError(`--runs must be a whole number (got "${opts.runs}")`);
  const outcome = await runBench({
    runs: Number(opts.runs),
    ...(opts.only ? { only: opts.only.split(',').map((s) => s.trim()) } : {}),
  });
  return opts.check && !outcome.passed ? 1 : 0;
});
