import { runMain } from '../src/cli/run-main';

void runMain(async () => {
  process.stdout.write('rampart verify: not yet implemented\n');
});
