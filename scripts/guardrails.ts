import { interruptOnSignals } from '../src/cli/interrupt';
import { runMain } from '../src/cli/run-main';
import { runGuardrailsCommand } from '../src/verify/guardrails-command';

void runMain(async () => {
  const interrupt = interruptOnSignals();
  try {
    return await runGuardrailsCommand(process.argv.slice(2), { interrupt: interrupt.signal });
  } finally {
    interrupt.dispose();
  }
});
