import type { LoadedSpec } from '../openapi';
import { publishedSpecLoader } from '../verify/published-spec';
import type { StepContext } from './step';

/** The run's shared published spec, or (a step run on its own) a fetch of it. */
export function specOf(ctx: StepContext): Promise<LoadedSpec | null> {
  return ctx.publishedSpec
    ? ctx.publishedSpec()
    : publishedSpecLoader(ctx.target, ctx.tokens, ctx.config, (line) => ctx.log(line))();
}
