import { Command } from 'commander';
import { parseArgs } from '../src/cli/parse-args';
import { runMain } from '../src/cli/run-main';
import { runReportPreview } from '../src/report/preview-command';

const program = new Command('report:preview')
  .description('Render the Markdown report (the PR comment) to a standalone HTML page styled like GitHub.')
  .option('--in <file>', 'the Markdown report', 'reports/verify.md')
  .option('--out <file>', 'the HTML page (default: the report with .html)');

void runMain(async () => {
  if (!parseArgs(program, process.argv.slice(2))) return 0;
  const opts = program.opts<{ in: string; out?: string }>();
  return runReportPreview({ input: opts.in, ...(opts.out ? { output: opts.out } : {}) });
});
