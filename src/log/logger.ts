import { escapeControl } from './one-line';
import { redact } from './redact';

/** Where log lines go. Tests pass a sink that collects them; commands use the process streams. */
export interface LogSink {
  out(line: string): void;
  err(line: string): void;
}

export const processSink: LogSink = {
  out: (line) => process.stdout.write(`${line}\n`),
  err: (line) => process.stderr.write(`${line}\n`),
};

/** A logger whose every line is redacted before it reaches the sink. */
export class Logger {
  constructor(
    private readonly sink: LogSink = processSink,
    readonly quiet = false,
  ) {}

  info(line: string): void {
    if (!this.quiet) this.sink.out(redact(line));
  }

  /** A line of the run's outcome (its problems, verdict and report paths): printed when quiet too. */
  result(line: string): void {
    this.sink.out(redact(line));
  }

  /** One line whatever the text holds (see `escapeControl`). */
  warn(line: string): void {
    this.sink.err(escapeControl(redact(`warning: ${line}`)));
  }

  error(line: string): void {
    this.sink.err(redact(line));
  }
}

/** A sink that keeps every line, for tests and for reports that embed the log. */
export class MemorySink implements LogSink {
  readonly lines: string[] = [];
  out(line: string): void {
    this.lines.push(line);
  }
  err(line: string): void {
    this.lines.push(line);
  }
}
