import { Command, CommanderError } from 'commander';
import { auditVerifyCommand } from '../src/audit';
import { runMain } from '../src/cli/run-main';
import { UsageError } from '../src/errors';

void runMain(async () => {
  const program = new Command('audit:verify')
    .description('Check the hash chain and closing record of an audit trail (reports/audit.jsonl).')
    .argument('<file>', 'the audit trail to check')
    .exitOverride()
    .configureOutput({ writeErr: () => undefined });
  try {
    program.parse(process.argv);
  } catch (error) {
    if (error instanceof CommanderError && (error.code === 'commander.helpDisplayed' || error.code === 'commander.help')) return 0;
    throw new UsageError(`${error instanceof Error ? error.message.replace(/^error: /, '') : String(error)} (usage: npm run audit:verify -- <file>)`);
  }
  const [file] = program.args;
  return auditVerifyCommand(file ?? '', (line) => process.stdout.write(`${line}\n`));
});
