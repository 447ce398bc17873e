import { Command } from 'commander';
import { parseArgs } from '../src/cli/parse-args';
import { runMain } from '../src/cli/run-main';
import { loadSpec } from '../src/drift';
import { UsageError } from '../src/errors';
import { checkAgainstRealRamp } from '../src/providers/ramp/sandbox/check-real-ramp';

// `npm run check:ramp -- --spec FILE`: the sandbox against Ramp's published document (run by .ci/run when
// ../shared holds a copy; no test reads it). Exit 0 when they agree, 1 on any disagreement, 2 on bad input.
void runMain(async () => {
  const program = new Command('check:ramp')
    .description(
      "Check the sandbox's document and every response it sends against Ramp's published Developer API document.",
    )
    .option('--spec <file>', "Ramp's published OpenAPI document (file or URL)");
  if (!parseArgs(program, process.argv.slice(2), { prefix: 'check:ramp' })) return 0;
  const { spec } = program.opts<{ spec?: string }>();
  if (spec === undefined) throw new UsageError("check:ramp needs --spec <file>: a copy of Ramp's published document");
  const result = await checkAgainstRealRamp(await loadSpec(spec));
  const out = (line: string) => process.stdout.write(`${line}\n`);
  for (const problem of result.problems) out(`✗ ${problem}`);
  const verdict =
    result.problems.length === 0 ? 'the sandbox agrees with Ramp' : `${result.problems.length} disagreements`;
  const checked = `${result.operations} operations, ${result.responses} responses, ${result.driftFindings} drift findings and a verify run of ${result.verifyCases} cases`;
  out(`check:ramp: ${checked} checked against ${spec}: ${verdict}`);
  return result.problems.length === 0 ? 0 : 1;
});
