import { ConfigError, ExitCode, ExitError } from '../errors';
import { registerSecret, clearRegisteredSecrets } from '../log/redact';
import { PassThrough } from 'node:stream';
import { ignoreClosedPipe, runMain } from './run-main';

afterEach(() => {
  process.exitCode = 0;
  clearRegisteredSecrets();
});

describe('runMain', () => {
  it('maps success to 0 and a returned code to itself', async () => {
    expect(
      await runMain(
        () => Promise.resolve(undefined),
        () => undefined,
      ),
    ).toBe(ExitCode.Ok);
    expect(
      await runMain(
        () => Promise.resolve(ExitCode.ContractBroken),
        () => undefined,
      ),
    ).toBe(1);
  });

  it("prints a user's mistake as one line without a stack trace, exit 2", async () => {
    const lines: string[] = [];
    const code = await runMain(
      () => Promise.reject(new ConfigError('RAMP_CLIENT_ID is required', { variable: 'RAMP_CLIENT_ID' })),
      (line) => lines.push(line),
    );
    expect(code).toBe(ExitCode.ToolFailure);
    expect(lines).toEqual(['rampart: RAMP_CLIENT_ID is required']);
  });

  it('an ExitError carries its code; its default message is not printed', async () => {
    const lines: string[] = [];
    expect(
      await runMain(
        () => Promise.reject(new ExitError(ExitCode.ContractBroken)),
        (l) => lines.push(l),
      ),
    ).toBe(1);
    expect(lines).toEqual([]);
  });

  it('an unexpected error is a tool failure with its stack, and secrets are masked', async () => {
    registerSecret('super-secret-canary');
    const lines: string[] = [];
    const code = await runMain(
      () => Promise.reject(new TypeError('boom super-secret-canary')),
      (line) => lines.push(line),
    );
    expect(code).toBe(ExitCode.ToolFailure);
    expect(lines[0]).toMatch(/^rampart: internal error \(please report it\): TypeError: boom \[REDACTED\]/);
    expect(lines.join('\n')).not.toContain('super-secret-canary');
  });

  it('escapes newlines and control characters in the message, so it stays one line and forges no workflow command', async () => {
    const lines: string[] = [];
    await runMain(
      () =>
        Promise.reject(new ConfigError('GitHub API: POST /issues answered 422: bad\n::error::forged\r\u001b[31mred')),
      (line) => lines.push(line),
    );
    expect(lines).toEqual(['rampart: GitHub API: POST /issues answered 422: bad\\n::error::forged\\r\\u001b[31mred']);
  });
});

describe('a closed pipe on stdout', () => {
  const pipeError = (code: string) => Object.assign(new Error(`write ${code}`), { code });

  it('an EPIPE (the reader left early) is not an error; any other write error still is', () => {
    const stream = new PassThrough();
    ignoreClosedPipe(stream);
    ignoreClosedPipe(stream);
    expect(stream.listenerCount('error')).toBe(1);
    expect(() => stream.emit('error', pipeError('EPIPE'))).not.toThrow();
    expect(() => stream.emit('error', pipeError('EIO'))).toThrow('write EIO');
  });

  it('runMain guards stdout once, however often it runs', async () => {
    await runMain(
      () => Promise.resolve(0),
      () => undefined,
    );
    const guards = process.stdout.listeners('error');
    await runMain(
      () => Promise.resolve(0),
      () => undefined,
    );
    expect(process.stdout.listeners('error')).toEqual(guards);
    expect(() => process.stdout.emit('error', pipeError('EPIPE'))).not.toThrow();
  });
});
