import { runMain } from '../src/cli/run-main';
import { regeneratePacts } from '../src/providers/ramp/consumer-tests/regenerate-pacts';

// `npm run pacts`: regenerate pacts/ from the consumer pact tests (see src/providers/ramp/consumer-tests/regenerate-pacts.ts).
void runMain(async () => {
  await regeneratePacts();
});
