import { ExitCode } from '../errors';
import { verifyAuditFile, type VerifyAuditOptions } from './verify-audit-file';

/**
 * `npm run audit:verify -- FILE [--final-hash H...]`: prints a note line per crashed session, the final
 * hash of each session (to compare with the one its run printed), then `audit trail OK: ...`, or one
 * `FILE:LINE: problem` line per problem and a summary. Returns the exit code: 0 intact, 1 damaged. An
 * unreadable file throws a UsageError (exit 2 through `runMain`).
 */
export async function auditVerifyCommand(
  file: string,
  print: (line: string) => void,
  options: VerifyAuditOptions = {},
): Promise<ExitCode> {
  const result = await verifyAuditFile(file, options);
  for (const note of result.notes) print(`${file}:${note.line}: note: ${note.message}`);
  for (const session of result.sessions) {
    const keyed = session.keyed ? ' (HMAC)' : '';
    print(
      `session ${session.session}${keyed}: ${session.finalHash ? `final hash ${session.finalHash}` : 'no closing record'}`,
    );
  }
  const sessions = `${result.sessions.length} session${result.sessions.length === 1 ? '' : 's'}`;
  if (result.ok) {
    print(`audit trail OK: ${result.records} records in ${sessions}`);
    return ExitCode.Ok;
  }
  for (const problem of [...result.problems, ...result.unverified])
    print(`${file}:${problem.line}: ${problem.message}`);
  if (result.problems.length === 0) {
    // Nothing wrong found, but not everything could be checked: no verdict either way.
    const n = result.unverified.length;
    print(`audit trail NOT VERIFIED: ${n} session${n === 1 ? ' needs' : 's need'} the key, in ${file}`);
    return ExitCode.ToolFailure;
  }
  print(`audit trail BROKEN: ${result.problems.length} problem${result.problems.length === 1 ? '' : 's'} in ${file}`);
  return ExitCode.ContractBroken;
}
