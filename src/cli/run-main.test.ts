import { ConfigError, ExitCode, ExitError } from '../errors';
import { registerSecret, clearRegisteredSecrets } from '../log/redact';
import { runMain } from './run-main';

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
