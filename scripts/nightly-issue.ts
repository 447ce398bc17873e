import { Command, Option } from 'commander';
import { parseArgs } from '../src/cli/parse-args';
import { runMain } from '../src/cli/run-main';
import { runNightlyIssue } from '../src/github';

const program = new Command('nightly-issue')
  .description(
    'Open, comment on or close the one tracking issue for the nightly run (GITHUB_TOKEN, GITHUB_REPOSITORY, GITHUB_API_URL).',
  )
  .addOption(
    new Option('--outcome <outcome>', 'how the night went').choices(['success', 'failure']).makeOptionMandatory(),
  )
  .option('--report <file>', 'Markdown report to fold into the issue', 'reports/verify.md')
  .option('--run-url <url>', 'link to the run (default: from GITHUB_SERVER_URL, GITHUB_REPOSITORY, GITHUB_RUN_ID)');

void runMain(async () => {
  if (!parseArgs(program, process.argv.slice(2))) return 0;
  const opts = program.opts<{ outcome: string; report: string; runUrl?: string }>();
  return runNightlyIssue({ outcome: opts.outcome, report: opts.report, runUrl: opts.runUrl ?? null });
});
