import { runMain } from '../src/cli/run-main';
import { runTestCommand } from '../src/devtools/test-command';

// `npm test [-- jest arguments]`: the type check with the lint, the format check and jest, side by side.
void runMain(() => runTestCommand(process.cwd(), process.argv.slice(2)));
