import { SpecLoadError } from '../../errors/index';

/** `line:column` (1-based) of a character offset. */
export function lineColumnAt(text: string, offset: number): string {
  let line = 1;
  let lineStart = 0;
  const end = Math.min(offset, text.length);
  for (let i = 0; i < end; i++) {
    if (text.charCodeAt(i) === 10) {
      line++;
      lineStart = i + 1;
    }
  }
  return `${line}:${end - lineStart + 1}`;
}

function jsonErrorWhere(text: string, error: unknown): string | undefined {
  const message = error instanceof Error ? error.message : '';
  const lineCol = /line (\d+) column (\d+)/.exec(message);
  if (lineCol) return `${lineCol[1]}:${lineCol[2]}`;
  const position = /position (\d+)/.exec(message);
  if (position) return lineColumnAt(text, Number(position[1]));
  if (/end of JSON input/i.test(message)) return lineColumnAt(text, text.length);
  return undefined;
}

/**
 * Parses JSON or YAML text. JSON goes through `JSON.parse` (ten times faster than the YAML parser on
 * large documents); anything else, or JSON that `JSON.parse` rejects but YAML accepts, through `yaml`.
 */
export function parseSpecText(text: string, source: string): unknown {
  const body = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  const trimmedStart = body.trimStart();
  let jsonError: unknown;
  if (trimmedStart.startsWith('{') || trimmedStart.startsWith('[')) {
    try {
      return JSON.parse(body);
    } catch (error) {
      jsonError = error;
    }
  }
  // Loaded lazily: a JSON document never pays for the YAML parser.
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- lazy: a JSON document never loads yaml
  const { parseDocument } = require('yaml') as typeof import('yaml');
  // merge: `<<: *base` copies the anchored mapping's keys, as YAML 1.1 tools write it
  const document = parseDocument(body, { uniqueKeys: false, strict: false, merge: true });
  const firstError = document.errors[0];
  if (firstError) {
    if (/call stack/i.test(firstError.message)) {
      throw new SpecLoadError(source, 'invalid YAML: the document nests too deeply to read', {
        where: firstError.linePos ? `${firstError.linePos[0].line}:${firstError.linePos[0].col}` : undefined,
      });
    }
    if (jsonError !== undefined) {
      throw new SpecLoadError(source, `invalid JSON: ${(jsonError as Error).message.split('\n')[0]}`, {
        where: jsonErrorWhere(body, jsonError),
      });
    }
    const position = firstError.linePos?.[0];
    const problem = firstError.message.split('\n')[0]?.replace(/ at line \d+, column \d+:?$/, '') ?? 'syntax error';
    throw new SpecLoadError(source, `invalid YAML: ${problem}`, {
      where: position ? `${position.line}:${position.col}` : undefined,
    });
  }
  try {
    return document.toJS({ maxAliasCount: 10_000 });
  } catch (error) {
    if (error instanceof RangeError) {
      throw new SpecLoadError(source, 'invalid YAML: the document nests too deeply to read');
    }
    throw new SpecLoadError(source, `invalid YAML: ${(error as Error).message.split('\n')[0]}`, { cause: error });
  }
}
