import { Command } from 'commander';
import { parseArgs } from '../src/cli/parse-args';
import { runMain } from '../src/cli/run-main';
import { runComment } from '../src/github';

const program = new Command('comment')
  .description(
    'Create or update the sticky rampart report comment on the pull request (GITHUB_TOKEN, GITHUB_REPOSITORY, GITHUB_API_URL, GITHUB_EVENT_PATH).',
  )
  .option('--body <file>', 'post this Markdown file as it is (default: render --report against the existing comment)')
  .option('--report <file>', "the run's JSON report", 'reports/verify.json')
  .option('--pr <number>', 'pull request number (default: from the event payload, else --pr-number-file)')
  .option('--pr-number-file <file>', 'pull request number saved by the pull-request workflow', 'reports/pr-number.txt')
  .option('--artifact-url <url>', 'link to the full report (default: the run that produced it)')
  .option(
    '--author <login>',
    'the bot whose comment is the sticky one (default: RAMPART_COMMENT_AUTHOR, else github-actions[bot])',
  );

void runMain(async () => {
  if (!parseArgs(program, process.argv.slice(2))) return 0;
  const opts = program.opts<{
    body?: string;
    report: string;
    pr?: string;
    prNumberFile: string;
    artifactUrl?: string;
    author?: string;
  }>();
  return runComment({
    body: opts.body ?? null,
    report: opts.report,
    pr: opts.pr ?? null,
    prNumberFile: opts.prNumberFile,
    artifactUrl: opts.artifactUrl ?? null,
    author: opts.author ?? null,
  });
});
