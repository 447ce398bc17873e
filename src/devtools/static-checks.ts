/**
 * The type check and the lint of `npm test` over one TypeScript program: `tsc --noEmit`'s
 * diagnostics, then ESLint with typescript-eslint reading its types from that same program. Run
 * apart (`tsc --noEmit`, `eslint .`) each builds the program for itself: a third of their CPU time.
 */
import { ESLint } from 'eslint';
import { join } from 'node:path';
import ts from 'typescript';
import { stripAnsi } from '../report/case-facts';

export interface CheckOutcome {
  ok: boolean;
  /** The diagnostics or lint messages, as `tsc` and `eslint` print them; '' when there are none. */
  details: string;
  /** One line: what was checked and what was found. */
  summary: string;
}

/** `tsc --noEmit` with the repository's tsconfig.json, keeping the program for the lint. */
export function typecheck(root: string, color = false): CheckOutcome & { program: ts.Program } {
  const configPath = join(root, 'tsconfig.json');
  const config = ts.readConfigFile(configPath, (path) => ts.sys.readFile(path));
  const parsed = ts.parseJsonConfigFileContent(config.config, ts.sys, root, undefined, configPath);
  const program = ts.createProgram({ rootNames: parsed.fileNames, options: parsed.options });
  const diagnostics = [...(config.error ? [config.error] : []), ...parsed.errors, ...ts.getPreEmitDiagnostics(program)];
  const host: ts.FormatDiagnosticsHost = {
    getCanonicalFileName: (name) => name,
    getCurrentDirectory: () => root,
    getNewLine: () => '\n',
  };
  const errors = diagnostics.filter((d) => d.category === ts.DiagnosticCategory.Error).length;
  const details = color
    ? ts.formatDiagnosticsWithColorAndContext(diagnostics, host)
    : ts.formatDiagnostics(diagnostics, host);
  const summary = `type check: ${program.getRootFileNames().length} files, ${errors} error${errors === 1 ? '' : 's'}`;
  return { ok: errors === 0, details, summary, program };
}

/** `eslint .` with the repository's eslint.config.mjs, its type-aware rules reading `program`. */
export async function lint(root: string, program: ts.Program, color = false): Promise<CheckOutcome> {
  const eslint = new ESLint({
    cwd: root,
    overrideConfig: { languageOptions: { parserOptions: { programs: [program], projectService: false } } },
  });
  const results = await eslint.lintFiles(['.']);
  const errors = results.reduce((n, r) => n + r.errorCount, 0);
  const warnings = results.reduce((n, r) => n + r.warningCount, 0);
  const formatter = await eslint.loadFormatter('stylish');
  const details = await formatter.format(results);
  const summary = `lint: ${results.length} files, ${errors} error${errors === 1 ? '' : 's'}, ${warnings} warning${warnings === 1 ? '' : 's'}`;
  return { ok: errors === 0, details: color ? details : stripAnsi(details), summary };
}
