import { ExitCode, exitCodeFor, isRampartError } from '../errors';
import { escapeControl } from '../log/one-line';
import { redact } from '../log/redact';

/**
 * Runs a command's body and turns its outcome into an exit code. The only place that sets
 * `process.exitCode`: scripts call `runMain(() => command(args))` and nothing else.
 *
 * A RampartError (a user's mistake or a broken environment) prints one line, no stack trace: control
 * characters in its message (a provider's or GitHub's text quoted in it) are escaped, so it stays one
 * line and cannot forge a workflow command.
 * Anything else is a bug in rampart and prints its stack, redacted.
 */
export function runMain(
  body: () => Promise<number | void>,
  stderr: (line: string) => void = defaultStderr,
): Promise<number> {
  ignoreClosedPipe(process.stdout);
  return body().then(
    (code) => finish(code ?? ExitCode.Ok),
    (error: unknown) => {
      const code = exitCodeFor(error);
      if (isRampartError(error)) {
        if (error.name !== 'ExitError' || error.message !== `exited with code ${code}`) {
          stderr(escapeControl(redact(`rampart: ${error.message}`)));
        }
      } else {
        const detail = error instanceof Error ? (error.stack ?? error.message) : String(error);
        stderr(redact(`rampart: internal error (please report it): ${detail}`));
      }
      return finish(code);
    },
  );
}

/**
 * A reader that leaves early (`npm run drift | head`) closes the pipe, and the next write fails with
 * EPIPE. That is no failure of the command: the rest of its output goes nowhere and it ends with its
 * own exit code, instead of Node's stack trace for an unhandled 'error' event. Other errors still throw.
 */
export function ignoreClosedPipe(stream: NodeJS.WritableStream): void {
  if (!stream.listeners('error').includes(onClosedPipe)) stream.on('error', onClosedPipe);
}

function onClosedPipe(error: NodeJS.ErrnoException): void {
  if (error.code !== 'EPIPE') throw error;
}

function finish(code: number): number {
  process.exitCode = code;
  return code;
}

function defaultStderr(line: string): void {
  process.stderr.write(`${line}\n`);
}
