/** What `interruptOnSignals` listens on: the process, or an emitter a test drives. */
export interface SignalSource {
  on(event: 'SIGINT' | 'SIGTERM', listener: () => void): unknown;
  removeListener(event: 'SIGINT' | 'SIGTERM', listener: () => void): unknown;
}

export interface Interrupt {
  /** Aborted by the first SIGINT or SIGTERM. */
  readonly signal: AbortSignal;
  /** Stops listening (the command is over). */
  dispose(): void;
}

/**
 * Ctrl-C or a cancelled CI job: the first SIGINT or SIGTERM aborts `signal`, and the run winds up (its
 * tokens revoked, its audit session closed, its reports written) and exits with its own code. A second
 * one exits at once with 130, the shell's code for an interrupt.
 */
export function interruptOnSignals(
  source: SignalSource = process,
  exit: (code: number) => void = (code) => process.exit(code),
  say: (line: string) => void = (line) => process.stderr.write(`${line}\n`),
): Interrupt {
  const controller = new AbortController();
  const listeners = (['SIGINT', 'SIGTERM'] as const).map((name) => {
    const listener = () => {
      if (controller.signal.aborted) return exit(130);
      say(`rampart: ${name}: stopping the run, revoking its tokens and writing its reports (again to quit at once)`);
      controller.abort();
    };
    source.on(name, listener);
    return [name, listener] as const;
  });
  return {
    signal: controller.signal,
    dispose: () => {
      for (const [name, listener] of listeners) source.removeListener(name, listener);
    },
  };
}
