import { Command } from 'commander';
import { parseArgs } from '../src/cli/parse-args';
import { runMain } from '../src/cli/run-main';
import { runConformance } from '../src/drift/conformance';

void runMain(async () => {
  const program = new Command('conformance')
    .description('Score the drift engine on the oasdiff conformance corpus (a folder outside the repository).')
    .option('--corpus <dir>', 'the corpus folder (default: ../shared/conformance/openapi-diff beside the repository)');
  if (!parseArgs(program, process.argv.slice(2), { prefix: 'conformance' })) return 0;
  const { corpus } = program.opts<{ corpus?: string }>();
  return runConformance({
    ...(corpus !== undefined ? { corpus } : {}),
    print: (line) => process.stdout.write(`${line}\n`),
  });
});
