import { Command } from 'commander';
import { runMain } from '../src/cli/run-main';
import { UsageError } from '../src/errors';
import { runGitHubSummary } from '../src/github';

const program = new Command('github-summary')
  .description('In GitHub Actions: write the report to the job summary ($GITHUB_STEP_SUMMARY) and print its findings as annotations.')
  .option('--report <file>', 'the run\'s JSON report', 'reports/verify.json')
  .exitOverride()
  .configureOutput({ writeErr: () => undefined });

void runMain(async () => {
  try {
    program.parse();
  } catch (error) {
    const { code, message } = error as { code?: string; message?: string };
    if (code === 'commander.helpDisplayed' || code === 'commander.version') return 0;
    throw new UsageError((message ?? String(error)).replace(/^error: /, ''));
  }
  return runGitHubSummary({ report: program.opts<{ report: string }>().report });
});
