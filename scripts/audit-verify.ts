import { Command } from 'commander';
import { auditVerifyCommand } from '../src/audit';
import { parseArgs } from '../src/cli/parse-args';
import { runMain } from '../src/cli/run-main';

void runMain(async () => {
  const program = new Command('audit:verify')
    .description('Check the hash chain and closing record of an audit trail (reports/audit.jsonl).')
    .argument('<file>', 'the audit trail to check');
  if (!parseArgs(program, process.argv.slice(2), { hint: '(usage: npm run audit:verify -- <file>)' })) return 0;
  const [file] = program.args;
  return auditVerifyCommand(file ?? '', (line) => process.stdout.write(`${line}\n`));
});
