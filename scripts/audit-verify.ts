import { Command } from 'commander';
import { auditVerifyCommand } from '../src/audit';
import { parseArgs } from '../src/cli/parse-args';
import { runMain } from '../src/cli/run-main';
import { loadConfig } from '../src/config';

void runMain(async () => {
  const program = new Command('audit:verify')
    .description('Check the hash chain, sessions and closing records of an audit trail (reports/audit.jsonl).')
    .argument('<file>', 'the audit trail to check')
    .option(
      '--final-hash <hash...>',
      'final hashes the runs printed (or wrote to verify.json): each must close a session',
    );
  if (
    !parseArgs(program, process.argv.slice(2), {
      hint: '(usage: npm run audit:verify -- <file> [--final-hash <hash>...])',
    })
  )
    return 0;
  const [file] = program.args;
  const { finalHash } = program.opts<{ finalHash?: string[] }>();
  const { auditKey } = loadConfig();
  return auditVerifyCommand(file ?? '', (line) => process.stdout.write(`${line}\n`), {
    key: auditKey,
    expectFinalHashes: finalHash ?? [],
  });
});
