import type { RecordingProxy } from '../impact';

/**
 * The loopback proxy the Verifier replays through when the spec checks are on, started once on first
 * use and closed by the run. A failed start is kept: the replay goes straight to the target, and the
 * responses-vs-spec step reports why it has nothing to check.
 */
export class ReplayRecorder {
  private started: Promise<RecordingProxy | null> | undefined;
  private failure: string | null = null;

  constructor(private readonly start: () => Promise<RecordingProxy>) {}

  /** The proxy's URL, or `undefined` when it could not start. */
  async url(): Promise<string | undefined> {
    return (await this.proxy())?.url;
  }

  /** The running proxy. @throws when it could not start */
  async recorder(): Promise<RecordingProxy> {
    const proxy = await this.proxy();
    if (proxy === null) throw new Error(this.failure ?? 'the recording proxy did not start');
    return proxy;
  }

  async close(): Promise<void> {
    const proxy = this.started ? await this.started : null;
    await proxy?.close().catch(() => undefined);
  }

  private proxy(): Promise<RecordingProxy | null> {
    this.started ??= this.start().catch((error: unknown) => {
      this.failure = `could not start the recording proxy: ${error instanceof Error ? error.message : String(error)}`;
      return null;
    });
    return this.started;
  }
}
