import { Command, InvalidArgumentError } from 'commander';
import { UsageError } from '../errors';
import { parseArgs } from './parse-args';

const program = () =>
  new Command('demo')
    .option('--runs <n>', 'runs', (value) => {
      if (!/^\d+$/.test(value)) throw new InvalidArgumentError('must be a whole number');
      return Number(value);
    })
    .configureOutput({ writeOut: () => undefined });

describe('parseArgs', () => {
  it('parses a good command line', () => {
    const p = program();
    expect(parseArgs(p, ['--runs', '3'])).toBe(true);
    expect(p.opts()).toEqual({ runs: 3 });
  });

  it('turns an unknown flag or a bad value into one UsageError line, with prefix and hint', () => {
    expect(() => parseArgs(program(), ['--wat'])).toThrow(new UsageError("unknown option '--wat'"));
    expect(() => parseArgs(program(), ['--runs', 'x'], { prefix: 'demo', hint: '(usage: demo --runs N)' })).toThrow(
      new UsageError(
        "demo: option '--runs <n>' argument 'x' is invalid. must be a whole number (usage: demo --runs N)",
      ),
    );
  });

  it("drops commander's preamble when the parser's own message names the flag and the value", () => {
    const p = new Command('demo').option('--port <n>', 'port', (value) => {
      throw new InvalidArgumentError(`--port must be a whole number, got "${value}".`);
    });
    expect(() => parseArgs(p, ['--port', 'abc'], { prefix: 'sandbox' })).toThrow(
      new UsageError('sandbox: --port must be a whole number, got "abc".'),
    );
  });

  it('reports help as done, not as an error', () => {
    expect(parseArgs(program(), ['--help'])).toBe(false);
  });
});

describe('parseArgs with suggestions', () => {
  it('keeps commander\'s "did you mean" on the same line', () => {
    const p = new Command('demo').option('--pact <file>', 'a pact');
    expect(() => parseArgs(p, ['--pacts', 'x'])).toThrow(
      new UsageError("unknown option '--pacts' (Did you mean --pact?)"),
    );
  });
});
