import { runMain } from '../src/cli/run-main';

void runMain(async () => {
  process.stdout.write('rampart bench: not yet implemented\n');
});
