import { runMain } from '../src/cli/run-main';
import { runGuardrailsCommand } from '../src/guardrails';

void runMain(() => runGuardrailsCommand(process.argv.slice(2)));
