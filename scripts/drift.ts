import { runMain } from '../src/cli/run-main';

void runMain(async () => {
  process.stdout.write('rampart drift: not yet implemented\n');
});
