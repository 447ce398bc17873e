import type { StepResult } from '../report/model';
import type { Step } from '../steps/step';

/**
 * The overall deadline of a run (`--deadline`). `race` settles a step's promise or, when the deadline
 * passes first, the step's overrun result; the signal is aborted then, so the step's workers stop.
 * Without a deadline it only passes results through.
 */
export class DeadlineClock {
  private readonly controller = new AbortController();
  private readonly endsAt: number | null;
  private timer: NodeJS.Timeout | undefined;

  constructor(
    private readonly deadlineMs: number | undefined,
    private readonly now: () => number = () => performance.now(),
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
    if (this.endsAt === null) return work;
    const remaining = this.endsAt - this.now();
    if (remaining <= 0) {
      this.controller.abort();
      return onOverrun();
    }
    const overrun = new Promise<T>((resolve) => {
      this.timer = setTimeout(() => {
        this.controller.abort();
        resolve(onOverrun());
      }, remaining);
    });
    try {
      return await Promise.race([work, overrun]);
    } finally {
      clearTimeout(this.timer);
    }
  }

  /** The step the deadline cut short: an error (exit 2) naming the deadline; the later steps do not run. */
  overrun(step: Pick<Step, 'id' | 'title'>): StepResult {
    const seconds = ((this.deadlineMs ?? 0) / 1000).toString();
    return {
      id: step.id,
      title: step.title,
      cases: [],
      error:
        `the run's deadline of ${seconds} s passed during this step; ` +
        'it was stopped and the later steps did not run',
    };
  }

  stop(): void {
    clearTimeout(this.timer);
  }
}
