import { runMain } from '../src/cli/run-main';

void runMain(async () => {
  process.stdout.write('rampart guardrails: not yet implemented\n');
});
