import { readFile } from 'node:fs/promises';
import { UsageError } from '../errors';
import { renderPreviewPage } from './preview';
import { writeAtomic } from './write-reports';

export interface PreviewOptions {
  /** @default reports/verify.md */
  input?: string;
  /** @default the input with `.html` for `.md` */
  output?: string;
  log?: (line: string) => void;
}

/** `npm run report:preview`: the Markdown report as a standalone page styled like a GitHub comment. */
export async function runReportPreview(options: PreviewOptions = {}): Promise<number> {
  const input = options.input ?? 'reports/verify.md';
  const output = options.output ?? input.replace(/\.md$/i, '') + '.html';
  if (output === input) throw new UsageError(`--out must differ from the report it renders (${input})`);
  let markdown: string;
  try {
    markdown = await readFile(input, 'utf8');
  } catch {
    throw new UsageError(`cannot read ${input}: run npm run verify first, or name the report with --in`);
  }
  await writeAtomic(output, renderPreviewPage(markdown, `rampart report: ${input}`));
  (options.log ?? ((line: string) => process.stdout.write(`${line}\n`)))(`preview: ${output} (open it in a browser)`);
  return 0;
}
