import { appendFile, stat } from 'node:fs/promises';
import { redact } from '../log/redact';

/** GitHub aborts the upload of a step summary bigger than this. */
export const STEP_SUMMARY_LIMIT = 1024 * 1024;

export interface StepSummaryResult {
  /** The file written, or null when `GITHUB_STEP_SUMMARY` is not set (not in Actions). */
  file: string | null;
  bytes: number;
  truncated: boolean;
}

const NOTE =
  "\n\n> [!NOTE]\n> Truncated to fit the 1 MiB job-summary limit; the full report is in the run's artifacts.\n";

/**
 * Appends the Markdown to `$GITHUB_STEP_SUMMARY` when it is set, keeping the whole file (what earlier
 * writes of the step left included) within 1 MiB.
 */
export async function writeStepSummary(
  markdown: string,
  env: Readonly<Record<string, string | undefined>> = process.env,
): Promise<StepSummaryResult> {
  const file = env['GITHUB_STEP_SUMMARY']?.trim();
  if (!file) return { file: null, bytes: 0, truncated: false };
  const already = await stat(file).then(
    (s) => s.size,
    () => 0,
  );
  const room = STEP_SUMMARY_LIMIT - already;
  let text = `${redact(markdown).replace(/\n*$/, '')}\n`;
  let truncated = false;
  if (Buffer.byteLength(text, 'utf8') > room) {
    truncated = true;
    const noteBytes = Buffer.byteLength(NOTE, 'utf8');
    if (room <= noteBytes) return { file, bytes: 0, truncated };
    text = `${cutToBytes(text, room - noteBytes)}${NOTE}`;
  }
  await appendFile(file, text, 'utf8');
  return { file, bytes: Buffer.byteLength(text, 'utf8'), truncated };
}

/** The longest prefix of `text` within `maxBytes` of UTF-8 that does not split a character. */
function cutToBytes(text: string, maxBytes: number): string {
  const bytes = Buffer.from(text, 'utf8');
  let end = Math.min(maxBytes, bytes.length);
  while (end > 0 && ((bytes[end] ?? 0) & 0xc0) === 0x80) end -= 1;
  return bytes.subarray(0, end).toString('utf8');
}
