import { spawn } from 'node:child_process';
import { resolve } from 'node:path';
import { UsageError } from '../../../errors/index';
import { parseSandboxArgs, rateLimit, runSandboxCommand } from './cli';
import { call } from './testing';

/** `npm run sandbox`: flags map onto SandboxOptions, bad flags are one-line usage errors, Ctrl-C stops it cleanly. */

describe('parseSandboxArgs', () => {
  it('defaults to port 4010, a one-hour token, the baseline revision and no faults', () => {
    expect(parseSandboxArgs([])).toEqual({ port: 4010, tokenTtlSeconds: 3600, specRevision: 'baseline' });
  });

  it('maps every flag', () => {
    expect(
      parseSandboxArgs([
        '--port',
        '0',
        '--token-ttl',
        '5',
        '--rate-limit',
        '5/1s',
        '--spec-revision',
        'next',
        '--fault-latency',
        '20',
        '--fault-error-rate',
        '0.1',
        '--fault-drop-rate',
        '0.05',
        '--fault-token-down',
        '--seed',
        '9',
      ]),
    ).toEqual({
      port: 0,
      tokenTtlSeconds: 5,
      specRevision: 'next',
      rateLimit: { limit: 5, windowMs: 1000 },
      faults: { latencyMs: 20, errorRate: 0.1, dropRate: 0.05, tokenEndpointDown: true, seed: 9 },
    });
  });

  it.each([
    [['--port', 'abc'], /--port must be a whole number, got "abc"/],
    [['--port', '70000'], /--port must be between 0 and 65535/],
    [['--token-ttl', '0'], /--token-ttl must be between 1/],
    [['--rate-limit', 'fast'], /--rate-limit must look like 200\/10s/],
    [['--spec-revision', 'latest'], /latest.*baseline, next|baseline, next.*latest/s],
    [['--fault-error-rate', '1.5'], /--fault-error-rate must be a number from 0 to 1/],
    [['--wat'], /unknown option '--wat'/],
  ])('refuses %j with a one-line UsageError', (argv, message) => {
    let thrown: unknown;
    try {
      parseSandboxArgs(argv);
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(UsageError);
    expect((thrown as Error).message).toMatch(message);
    expect((thrown as Error).message).not.toContain('\n');
  });

  it.each([
    ['200/10s', { limit: 200, windowMs: 10_000 }],
    ['50/500ms', { limit: 50, windowMs: 500 }],
    ['1000/1m', { limit: 1000, windowMs: 60_000 }],
  ])('reads --rate-limit %s', (value, expected) => {
    expect(rateLimit(value)).toEqual(expected);
  });
});

describe('runSandboxCommand', () => {
  it('prints the URLs and both clients, serves, and stops when told to', async () => {
    const output: string[] = [];
    let stop: (() => void) | undefined;
    let serving = () => {};
    const ready = new Promise<void>((done) => (serving = done));
    const running = runSandboxCommand(['--port', '0'], {
      write: (text) => output.push(text),
      onStop: (callback) => {
        stop = callback;
        serving();
      },
    });
    // Serving once it asks how it will be stopped; a failed start rejects `running` instead.
    await Promise.race([ready, running]);
    const text = output.join('');
    const specUrl = /spec URL +(\S+)/.exec(text)?.[1] as string;
    expect(text).toMatch(/token URL +http:\/\/127\.0\.0\.1:\d+\/developer\/v1\/token/);
    expect(text).toMatch(/RAMP_CLIENT_ID=\S+/);
    expect(text).toMatch(/RAMP_READONLY_CLIENT_SECRET=\S+/);
    expect(text).toMatch(/short-lived client \(2 s tokens\) +client id \S+, secret \S+/);
    expect((await call(specUrl)).status).toBe(200);
    stop?.();
    await running;
    expect(output.join('')).toContain('stopped');
    await expect(call(specUrl)).rejects.toThrow();
  });
});

describe('scripts/sandbox.ts', () => {
  it('starts from the command line and exits 0 on SIGTERM', async () => {
    const root = resolve(__dirname, '../../../..');
    const child = spawn(
      process.execPath,
      ['--require', require.resolve('tsx/cjs'), 'scripts/sandbox.ts', '--port', '0'],
      {
        cwd: root,
        env: { ...process.env, RAMP_CLIENT_ID: '', RAMP_CLIENT_SECRET: '' },
        stdio: ['ignore', 'pipe', 'pipe'],
      },
    );
    try {
      let stdout = '';
      // Ready once it prints its URLs, or done if it exits first (the expectations below then fail).
      await new Promise<void>((ready) => {
        child.stdout.on('data', (chunk: Buffer) => {
          stdout += chunk.toString();
          if (/spec URL/.test(stdout)) ready();
        });
        child.once('exit', () => ready());
      });
      const specUrl = /spec URL +(\S+)/.exec(stdout)?.[1];
      expect(specUrl).toBeDefined();
      expect((await call(specUrl as string)).status).toBe(200);
      const exited = new Promise<number | null>((done) => child.once('exit', (code) => done(code)));
      child.kill('SIGTERM');
      expect(await exited).toBe(0);
      expect(stdout).toContain('stopped');
    } finally {
      if (child.exitCode === null) child.kill('SIGKILL');
    }
  });

  it('exits 2 with one line for a bad flag', async () => {
    const child = spawn(
      process.execPath,
      ['--require', require.resolve('tsx/cjs'), 'scripts/sandbox.ts', '--rate-limit', 'lots'],
      {
        cwd: resolve(__dirname, '../../../..'),
        stdio: ['ignore', 'pipe', 'pipe'],
      },
    );
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    const code = await new Promise<number | null>((done) => child.once('exit', done));
    expect(code).toBe(2);
    expect(stderr.trim().split('\n')).toEqual([
      'rampart: sandbox: --rate-limit must look like 200/10s (requests/window, window in ms, s or m), got "lots".',
    ]);
  });
});
