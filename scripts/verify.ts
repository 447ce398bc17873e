import { interruptOnSignals } from '../src/cli/interrupt';
import { runMain } from '../src/cli/run-main';
import { runVerify } from '../src/verify';
import { parseVerifyArgs } from '../src/verify/verify-command';

void runMain(async () => {
  const options = parseVerifyArgs(process.argv.slice(2));
  if (options === null) return 0;
  const interrupt = interruptOnSignals();
  try {
    return (await runVerify({ ...options, interrupt: interrupt.signal })).exitCode;
  } finally {
    interrupt.dispose();
  }
});
