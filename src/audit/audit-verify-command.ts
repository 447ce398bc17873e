import { ExitCode } from '../errors';
import { verifyAuditFile } from './verify-audit-file';

/**
 * `npm run audit:verify -- FILE`: prints `audit trail OK: N records`, or one `FILE:LINE: problem` line
 * per problem and a summary. Returns the exit code: 0 intact, 1 damaged. An unreadable file throws a
 * UsageError (exit 2 through `runMain`).
 */
export async function auditVerifyCommand(file: string, print: (line: string) => void): Promise<ExitCode> {
  const result = await verifyAuditFile(file);
  if (result.ok) {
    print(`audit trail OK: ${result.records} records`);
    return ExitCode.Ok;
  }
  for (const problem of result.problems) print(`${file}:${problem.line}: ${problem.message}`);
  print(`audit trail BROKEN: ${result.problems.length} problem${result.problems.length === 1 ? '' : 's'} in ${file}`);
  return ExitCode.ContractBroken;
}
