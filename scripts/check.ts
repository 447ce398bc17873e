import { runMain } from '../src/cli/run-main';
import { lint, typecheck } from '../src/devtools/static-checks';

// `tsc --noEmit` and `eslint .` over one TypeScript program.
void runMain(async () => {
  const color = process.stdout.isTTY === true;
  const types = typecheck(process.cwd(), color);
  const linted = await lint(process.cwd(), types.program, color);
  process.stdout.write(`${types.details}${linted.details}${types.summary}; ${linted.summary}\n`);
  return types.ok && linted.ok ? 0 : 1;
});
