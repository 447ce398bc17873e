import { mkdir } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { redact } from '../log/redact';
import { writeFileAtomic } from '../fs';
import { renderJson } from './json';
import { renderJunit } from './junit';
import { renderMarkdown, type MarkdownOptions } from './markdown';
import type { RunReport } from './model';

export interface ReportPaths {
  json: string;
  junit: string;
  markdown: string;
}

/**
 * Writes `verify.json`, `junit.xml` and `verify.md` into `dir` (created if needed). Each file is written
 * to a temporary name and renamed into place, so a reader never sees half a report; every byte passes
 * through `redact` once more on the way out.
 */
export async function writeReports(
  report: RunReport,
  dir: string,
  markdownOptions: MarkdownOptions = {},
): Promise<ReportPaths> {
  const target = resolve(dir);
  await mkdir(target, { recursive: true });
  const paths: ReportPaths = {
    json: join(target, 'verify.json'),
    junit: join(target, 'junit.xml'),
    markdown: join(target, 'verify.md'),
  };
  await writeAtomic(paths.json, renderJson(report));
  await writeAtomic(paths.junit, renderJunit(report));
  await writeAtomic(paths.markdown, renderMarkdown(report, markdownOptions));
  return paths;
}

/** The report's last line of defence: redacted, then written atomically (`writeFileAtomic`). */
export function writeAtomic(file: string, content: string): Promise<void> {
  writeFileAtomic(file, redact(content));
  return Promise.resolve();
}
