/**
 * `npm test`'s own machinery: the type check and the lint over one program find what `tsc` and
 * typescript-eslint's type-aware rules find, and the side-by-side runner fails when any task fails,
 * printing what that task said.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { checkArgs, runTasks, testTasks, type Task } from './test-command';

let project: string;
beforeEach(() => {
  project = mkdtempSync(join(tmpdir(), 'rampart-devtools-'));
});
afterEach(() => rmSync(project, { recursive: true, force: true }));

function write(files: Record<string, string>): void {
  for (const [name, text] of Object.entries(files)) writeFileSync(join(project, name), text);
}

const TSCONFIG = JSON.stringify({
  // No DOM: its declarations would be most of what the type check reads.
  compilerOptions: { strict: true, noEmit: true, target: 'ES2022', lib: ['ES2022'], module: 'node16', types: [] },
  include: ['*.ts'],
});
// The repository's own lint set, loaded from its node_modules (the temporary project has none).
const ESLINT_CONFIG = `import tseslint from ${JSON.stringify(pathToFileURL(require.resolve('typescript-eslint')).href)};
export default tseslint.config({ ignores: ['eslint.config.mjs'] }, ...tseslint.configs.recommendedTypeChecked, {
  languageOptions: { parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname } },
});
`;

describe('npm run check: the type check and the lint over one program', () => {
  it('reports a type error and a type-aware lint error, each with its file, and exits 1', async () => {
    write({
      'tsconfig.json': TSCONFIG,
      'eslint.config.mjs': ESLINT_CONFIG,
      'bad.ts': 'export const n: number = "one";\n',
      'floating.ts': 'function later(): Promise<number> {\n  return Promise.resolve(1);\n}\nvoid 0;\nlater();\n',
    });
    // A child process: ESLint loads its config with a dynamic import, which jest's sandbox refuses.
    const { code, stdout } = await check(project);
    expect(code).toBe(1);
    expect(stdout).toMatch(/bad\.ts\(1,14\): error TS2322/);
    expect(stdout).toMatch(
      /floating\.ts\n\s+5:1\s+error\s+Promises must be awaited.*@typescript-eslint\/no-floating-promises/s,
    );
    expect(stdout.trimEnd().split('\n').at(-1)).toBe(
      'type check: 2 files, 1 error; lint: 2 files, 1 error, 0 warnings',
    );
  });
});

describe('the side-by-side runner', () => {
  const node = (title: string, code: string, live = false): Task => ({ title, args: ['-e', code], live });

  it('passes when every task passes, one line per task', async () => {
    const out: string[] = [];
    const code = await runTasks([node('one', 'console.log("fine")'), node('two', '')], project, (t) => out.push(t));
    expect(code).toBe(0);
    expect(out.join('')).toMatch(/✓ one: fine \(\d+\.\d s\)\n✓ two \(\d+\.\d s\)\n$/);
  });

  it('fails when one task fails, and prints what that task said', async () => {
    const out: string[] = [];
    const tasks = [node('ok', ''), node('broken', 'console.error("src/x.ts: 2 problems"); process.exit(3)')];
    const code = await runTasks(tasks, project, (t) => out.push(t));
    expect(code).toBe(1);
    expect(out.join('')).toContain('--- broken failed:\nsrc/x.ts: 2 problems\n');
    expect(out.join('')).toMatch(/✗ broken \(\d+\.\d s\)/);
  });

  it('runs the type check with the lint, the format check and jest, passing jest its arguments', () => {
    const tasks = testTasks('/repo', ['src/drift']);
    expect(tasks.map((t) => t.title)).toEqual(['type check and lint', 'format check', 'jest']);
    expect(tasks[2]?.args.slice(-1)).toEqual(['src/drift']);
    expect(tasks.filter((t) => t.live).map((t) => t.title)).toEqual(['jest']);
  });
});

/**
 * `scripts/check.ts` started as `npm test` starts it, in `cwd`; without TurboFan, whose compiles would not
 * pay back over a two-file project.
 */
function check(cwd: string): Promise<{ code: number; stdout: string }> {
  const args = ['--no-turbofan', ...checkArgs(join(__dirname, '..', '..'))];
  return new Promise((resolve) => {
    execFile(process.execPath, args, { cwd }, (error, stdout) => {
      resolve({ code: error ? (typeof error.code === 'number' ? error.code : -1) : 0, stdout });
    });
  });
}
