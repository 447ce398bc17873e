import type { StepResult } from '../report/model';
import type { Step } from '../steps/step';

/**
 * The overall deadline of a run (`--deadline`), and its interruption (Ctrl-C, a cancelled CI job).
 * `race` settles a step's promise or, when the deadline passes or the run is interrupted first, the
 * step's overrun result; the signal is aborted then, so the step's workers stop. Without either it
 * only passes results through.
 */
export class DeadlineClock {
  private readonly controller = new AbortController();
  private readonly endsAt: number | null;
  private timer: NodeJS.Timeout | undefined;
  private interrupted = false;
  /** The work of the step that was cut short: it goes on until it notices the aborted signal. */
  private straggler: Promise<unknown> | null = null;

  constructor(
    private readonly deadlineMs: number | undefined,
    private readonly now: () => number = () => performance.now(),
    private readonly interrupt?: AbortSignal,
  ) {
    this.endsAt = deadlineMs === undefined ? null : now() + deadlineMs;
  }

  get signal(): AbortSignal {
    return this.controller.signal;
  }

  get expired(): boolean {
    return this.controller.signal.aborted;
  }

  async race<T>(work: Promise<T>, onOverrun: () => T): Promise<T> {
    const interrupt = this.interrupt;
    if (this.endsAt === null && !interrupt) return work;
    const stop = (resolve: (value: T) => void, interrupted: boolean) => {
      this.interrupted = interrupted;
      this.straggler = work;
      this.controller.abort();
      resolve(onOverrun());
    };
    if (interrupt?.aborted) return new Promise<T>((resolve) => stop(resolve, true));
    const remaining = this.endsAt === null ? null : this.endsAt - this.now();
    if (remaining !== null && remaining <= 0) return new Promise<T>((resolve) => stop(resolve, false));
    let onInterrupt: (() => void) | undefined;
    const overrun = new Promise<T>((resolve) => {
      if (remaining !== null) this.timer = setTimeout(() => stop(resolve, false), remaining);
      onInterrupt = () => stop(resolve, true);
      interrupt?.addEventListener('abort', onInterrupt, { once: true });
    });
    try {
      return await Promise.race([work, overrun]);
    } finally {
      clearTimeout(this.timer);
      if (onInterrupt) interrupt?.removeEventListener('abort', onInterrupt);
    }
  }

  /** The step the deadline or an interruption cut short: an error (exit 2) saying which; the later steps do not run. */
  overrun(step: Pick<Step, 'id' | 'title'>): StepResult {
    const seconds = ((this.deadlineMs ?? 0) / 1000).toString();
    const what = this.interrupted ? 'the run was interrupted' : `the run's deadline of ${seconds} s passed`;
    return {
      id: step.id,
      title: step.title,
      cases: [],
      error: `${what} during this step; it was stopped and the later steps did not run`,
    };
  }

  /**
   * Waits, at most `graceMs`, for the step that was cut short to notice and wind up (a probe revoking
   * its tokens), so the run's own teardown (revocation, closing the target) comes after it.
   */
  async settled(graceMs: number): Promise<void> {
    if (this.straggler === null) return;
    let timer: NodeJS.Timeout | undefined;
    const grace = new Promise<void>((resolve) => (timer = setTimeout(resolve, graceMs)));
    try {
      await Promise.race([
        this.straggler.then(
          () => undefined,
          () => undefined,
        ),
        grace,
      ]);
    } finally {
      clearTimeout(timer);
    }
  }

  stop(): void {
    clearTimeout(this.timer);
  }
}
