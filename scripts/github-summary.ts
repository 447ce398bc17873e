import { Command } from 'commander';
import { parseArgs } from '../src/cli/parse-args';
import { runMain } from '../src/cli/run-main';
import { runGitHubSummary } from '../src/github';

const program = new Command('github-summary')
  .description(
    'In GitHub Actions: write the report to the job summary ($GITHUB_STEP_SUMMARY) and print its findings as annotations.',
  )
  .option('--report <file>', "the run's JSON report", 'reports/verify.json');

void runMain(async () => {
  if (!parseArgs(program, process.argv.slice(2))) return 0;
  return runGitHubSummary({ report: program.opts<{ report: string }>().report });
});
