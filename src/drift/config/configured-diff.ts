import { diffSpecs, type DiffOptions, type LoadedSpec } from '..';
import type { ReportedFinding } from '../format/findings';
import { applyIgnores, type ApplyIgnoresOptions } from './apply-ignores';
import type { DriftConfig } from './load-drift-config';

/** How the documents' paths are aligned, and the clock of ignore expiry. */
export type ConfiguredDiffOptions = ApplyIgnoresOptions &
  Pick<DiffOptions, 'basePrefix' | 'revisionPrefix' | 'stripPrefix'>;

/**
 * The diff as a team configured it: rule levels overridden, ignored findings marked (never dropped).
 * `npm run drift` and the drift step of `npm run verify` both judge drift through this one function.
 */
export function configuredDiff(
  base: LoadedSpec,
  revision: LoadedSpec,
  config: DriftConfig,
  options: ConfiguredDiffOptions = {},
): ReportedFinding[] {
  const { basePrefix, revisionPrefix, stripPrefix } = options;
  const findings = diffSpecs(base, revision, { levels: config.levels, basePrefix, revisionPrefix, stripPrefix });
  return applyIgnores(findings, config.ignore, options);
}
