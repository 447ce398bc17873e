import { runMain } from '../src/cli/run-main';

void runMain(async () => {
  process.stdout.write('rampart sandbox: not yet implemented\n');
});
