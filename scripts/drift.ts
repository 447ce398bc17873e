import { runMain } from '../src/cli/run-main';
import { parseDriftArgs, runDrift } from '../src/drift/cli';

void runMain(async () => {
  const options = parseDriftArgs(process.argv.slice(2));
  if (options === null) return 0;
  return (await runDrift(options)).exitCode;
});
