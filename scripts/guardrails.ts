import { runMain } from '../src/cli/run-main';
import { runGuardrailsCommand } from '../src/verify/guardrails-command';

void runMain(() => runGuardrailsCommand(process.argv.slice(2)));
