import { PACT_DIR } from '../contracts/parties';
import { PactLoadError, UsageError } from '../errors';
import { redact } from '../log/redact';
import { buildRunReport } from '../report/run-report';
import type { VerifyOptions } from './options';
import { listPactFiles, readPacts, type LoadedPact } from '../contracts/pact-reader';
import { relativeTo, writeReportFiles, type ReportFileNames } from './report-files';

/**
 * The run's pacts (none when a Pact Broker supplies them), read before anything starts: a malformed
 * pact or an unknown `--interaction` throws, after writing an error report in place of the last run's.
 */
export async function loadRunPacts(
  o: VerifyOptions,
  cwd: string,
  reportDir: string,
  names: ReportFileNames,
): Promise<LoadedPact[]> {
  if (o.config?.pactBroker) return [];
  try {
    const files = o.pactFiles?.length ? o.pactFiles : listPactFiles(relativeTo(PACT_DIR, cwd));
    const pacts = readPacts(files, cwd);
    const only = o.interaction;
    if (only !== undefined && !pacts.some((p) => p.interactions.some((i) => i.description === only))) {
      throw new UsageError(`no interaction "${only}" in ${pacts.map((p) => p.file).join(', ')}`);
    }
    return pacts;
  } catch (error) {
    if (error instanceof PactLoadError || error instanceof UsageError) {
      const steps = [{ id: 'pacts', title: 'Pact verification', cases: [], error: redact(error.message) }];
      const report = buildRunReport({ startedAt: new Date(), target: { kind: 'sandbox', baseUrl: '' }, steps });
      await writeReportFiles(report, reportDir, names);
    }
    throw error;
  }
}
