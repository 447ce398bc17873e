import { runMain } from '../src/cli/run-main';
import { parsePactsArgs } from '../src/providers/ramp/consumer-tests/pacts-command';
import { regeneratePacts } from '../src/providers/ramp/consumer-tests/regenerate-pacts';

// `npm run pacts`: regenerate pacts/ from the consumer pact tests (see src/providers/ramp/consumer-tests/regenerate-pacts.ts).
void runMain(async () => {
  if (!parsePactsArgs(process.argv.slice(2))) return 0;
  await regeneratePacts();
});
