import { runMain } from '../src/cli/run-main';
import { runSandboxCommand } from '../src/providers/ramp/sandbox/cli';

void runMain(() => runSandboxCommand(process.argv.slice(2)));
