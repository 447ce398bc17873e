import { randomBytes } from 'node:crypto';
import { mkdirSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';

/**
 * Writes `text` so that `path` holds either its old content or all of the new, never half of it:
 * a temp file in the same directory, then a rename. A path that exists but is not a regular file
 * (`/dev/null`, `/dev/stdout`, a FIFO) is written directly: renaming over it would replace the device.
 */
export function writeFileAtomic(path: string, text: string): void {
  const existing = statOrNull(path);
  if (existing && !existing.isFile()) {
    writeFileSync(path, text);
    return;
  }
  mkdirSync(dirname(path), { recursive: true });
  const temp = join(dirname(path), `.${basename(path)}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`);
  try {
    writeFileSync(temp, text);
    renameSync(temp, path);
  } catch (error) {
    rmSync(temp, { force: true });
    throw error;
  }
}

function statOrNull(path: string) {
  try {
    return statSync(path);
  } catch {
    return null;
  }
}
