import { UsageError } from '../../../errors';
import { parsePactsArgs } from './pacts-command';

describe('npm run pacts arguments', () => {
  it('runs with none, and ends after printing the help', () => {
    expect(parsePactsArgs([])).toBe(true);
    const printed: string[] = [];
    const write = jest.spyOn(process.stdout, 'write').mockImplementation((chunk) => {
      printed.push(String(chunk));
      return true;
    });
    try {
      expect(parsePactsArgs(['--help'])).toBe(false);
    } finally {
      write.mockRestore();
    }
    expect(printed.join('')).toContain('Regenerate pacts/ from the consumer pact tests');
  });

  it('refuses an unknown flag or an argument with one line instead of regenerating', () => {
    expect(() => parsePactsArgs(['--bogus'])).toThrow(new UsageError("pacts: unknown option '--bogus'"));
    expect(() => parsePactsArgs(['pacts/x.json'])).toThrow(UsageError);
  });
});
