import { Command } from 'commander';
import { runMain } from '../src/cli/run-main';
import { UsageError } from '../src/errors';
import { runComment } from '../src/github';

const program = new Command('comment')
  .description('Create or update the sticky rampart report comment on the pull request (GITHUB_TOKEN, GITHUB_REPOSITORY, GITHUB_API_URL, GITHUB_EVENT_PATH).')
  .option('--body <file>', 'post this Markdown file as it is (default: render --report against the existing comment)')
  .option('--report <file>', 'the run\'s JSON report', 'reports/verify.json')
  .option('--pr <number>', 'pull request number (default: from the event payload, else --pr-number-file)')
  .option('--pr-number-file <file>', 'pull request number saved by the pull-request workflow', 'reports/pr-number.txt')
  .option('--artifact-url <url>', 'link to the full report (default: the run that produced it)')
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
  const opts = program.opts<{ body?: string; report: string; pr?: string; prNumberFile: string; artifactUrl?: string }>();
  return runComment({ body: opts.body ?? null, report: opts.report, pr: opts.pr ?? null, prNumberFile: opts.prNumberFile, artifactUrl: opts.artifactUrl ?? null });
});
