import { Command, Option } from 'commander';
import { parseArgs } from '../src/cli/parse-args';
import { runMain } from '../src/cli/run-main';
import { runSpecWatch } from '../src/github/spec-watch-command';

const program = new Command('spec-watch')
  .description(
    "Propose the provider's published OpenAPI document as the new baseline: one pull request, opened, updated or closed (GITHUB_TOKEN, GITHUB_REPOSITORY, GITHUB_API_URL).",
  )
  .option('--baseline <file>', 'the committed baseline', 'specs/ramp/openapi.json')
  .addOption(
    new Option('--spec-revision <revision>', 'sandbox only: which revision it publishes').choices(['baseline', 'next']),
  );

void runMain(async () => {
  if (!parseArgs(program, process.argv.slice(2))) return 0;
  const opts = program.opts<{ baseline: string; specRevision?: string }>();
  await runSpecWatch({ baseline: opts.baseline, ...(opts.specRevision ? { specRevision: opts.specRevision } : {}) });
  return 0;
});
