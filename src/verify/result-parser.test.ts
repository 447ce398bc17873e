import { parseDuration, parseVerifierResult, stripAnsi, VerificationDidNotRunError } from './result-parser';

// What pact-core 16 rejected with for a body mismatch and a status mismatch (captured from a real run).
const REJECTED = JSON.stringify({
  errors: [
    {
      interaction: 'Verifying a pact between c1 and p1 Given a thing exists - get thing',
      mismatch: {
        interactionId: '',
        type: 'mismatches',
        mismatches: [
          {
            actual: '5',
            expected: '"x"',
            mismatch: "Expected 5 (Integer) to be the same type as 'x' (String)",
            path: '$.name',
            type: 'BodyMismatch',
          },
        ],
      },
    },
    {
      interaction: 'Verifying a pact between c1 and p1 - get forbidden',
      mismatch: {
        interactionId: '',
        type: 'mismatches',
        mismatches: [
          {
            actual: '[]',
            expected: '["id"]',
            mismatch: 'Actual map is missing the following keys: id',
            path: '$',
            type: 'BodyMismatch',
          },
          { actual: 403, expected: 200, mismatch: 'expected 200 but was 403', type: 'StatusMismatch' },
        ],
      },
    },
    {
      interaction: 'Verifying a pact between c1 and p1 - unreachable',
      mismatch: { type: 'error', message: 'error sending request: \u001b[1mconnection refused\u001b[0m' },
    },
  ],
  interactionResults: [
    { description: 'get thing', duration: '90ms', result: 'Error' },
    { description: 'get forbidden', duration: '1s 40ms', result: 'Error' },
    { description: 'ok one', duration: '49ms', result: 'OK' },
    { description: 'unreachable', duration: '3s', result: 'Error' },
  ],
  output: ['\u001b[1mc1\u001b[0m'],
  result: false,
});
const DESCRIPTIONS = ['get thing', 'get forbidden', 'ok one', 'unreachable', 'thing'];

describe('parseVerifierResult', () => {
  it('reads the rejected Error: one verdict per interaction, status mismatch first, expected vs actual', () => {
    const { verdicts, output } = parseVerifierResult(new Error(REJECTED), DESCRIPTIONS);
    expect(verdicts.get('ok one')).toEqual({ ok: true, environmentError: false, durationMs: 49 });
    expect(verdicts.get('get forbidden')).toMatchObject({
      ok: false,
      environmentError: false,
      durationMs: 1040,
      message: 'status 403 where the pact expects 200 (and 1 more)',
    });
    expect(verdicts.get('get forbidden')?.detail).toBe(
      'status 403 where the pact expects 200\n  expected: 200\n  actual:   403\n' +
        'body $: Actual map is missing the following keys: id\n  expected: ["id"]\n  actual:   []',
    );
    // "thing" is a suffix of "get thing" but the longest description wins.
    expect(verdicts.get('get thing')?.message).toBe(
      "body $.name: Expected 5 (Integer) to be the same type as 'x' (String)",
    );
    expect(verdicts.has('thing')).toBe(false);
    expect(output).toEqual(['c1']);
  });

  it('marks a request that could not be made as an environment error, ANSI stripped', () => {
    const verdict = parseVerifierResult(new Error(REJECTED), DESCRIPTIONS).verdicts.get('unreachable');
    expect(verdict).toMatchObject({
      ok: false,
      environmentError: true,
      message: 'the request could not be verified: error sending request: connection refused',
    });
  });

  it('reads a resolved string and, with no descriptions given, attributes by the reported ones', () => {
    const resolved = JSON.stringify({
      result: true,
      errors: [],
      interactionResults: [{ description: 'a', duration: '2ms', result: 'OK' }],
    });
    expect([...parseVerifierResult(resolved, []).verdicts.keys()]).toEqual(['a']);
  });

  it('keeps the failures that name no interaction: a pact the verifier could not load is never a pass', () => {
    // What pact-core 19 rejected with for a Pact Broker that did not answer (captured from a real run).
    const rejected = new Error(
      JSON.stringify({
        errors: [
          {
            interaction: 'Failed to load pact',
            mismatch: {
              interactionId: '',
              message: "No pacts found for provider 'p1' matching the given consumer version selectors",
              type: 'error',
            },
          },
        ],
        interactionResults: [],
        result: false,
      }),
    );
    const parsed = parseVerifierResult(rejected, []);
    expect(parsed.verdicts.size).toBe(0);
    expect(parsed.unattributed).toEqual([
      "Failed to load pact: No pacts found for provider 'p1' matching the given consumer version selectors",
    ]);
    // A failed result with nothing to show for it is not a pass either.
    const silent = JSON.stringify({
      result: false,
      errors: [],
      interactionResults: [{ description: 'a', result: 'OK' }],
    });
    expect(parseVerifierResult(silent, ['a']).unattributed).toEqual([
      'the verifier reported a failure without naming an interaction',
    ]);
    expect(parseVerifierResult(REJECTED, []).unattributed).toEqual([]);
  });

  it('treats anything that is not the verifier JSON as a verification that did not run', () => {
    expect(() => parseVerifierResult(new Error('Pact core crashed'), [])).toThrow(VerificationDidNotRunError);
    expect(() => parseVerifierResult('{"result":true}', [])).toThrow(/without interactionResults/);
  });

  it('parses durations and strips ANSI', () => {
    expect(parseDuration('2m 3s 4ms')).toBe(123_004);
    expect(parseDuration(undefined)).toBe(0);
    expect(stripAnsi('\u001b[31mred\u001b[0m')).toBe('red');
  });

  it('reads a 5xx or a 429 the pact does not expect as the provider failing: an environment error, never a broken contract', () => {
    const statusOf = (actual: number) =>
      JSON.stringify({
        errors: [
          {
            interaction: 'Verifying a pact between c1 and p1 - create card',
            mismatch: {
              type: 'mismatches',
              mismatches: [
                { actual: '{}', expected: '{"id":"x"}', mismatch: 'missing id', path: '$', type: 'BodyMismatch' },
                { actual, expected: 422, mismatch: `expected 422 but was ${actual}`, type: 'StatusMismatch' },
              ],
            },
          },
        ],
        interactionResults: [{ description: 'create card', duration: '5ms', result: 'Error' }],
      });
    for (const actual of [500, 503, 429]) {
      expect(
        parseVerifierResult(new Error(statusOf(actual)), ['create card']).verdicts.get('create card'),
      ).toMatchObject({
        ok: false,
        environmentError: true,
        unhealthy: { status: actual },
        message: `provider unhealthy: status ${actual} where the pact expects 422 (and 1 more)`,
      });
    }
    // Any other status the pact does not expect is the provider's deliberate answer: a broken contract.
    expect(parseVerifierResult(new Error(statusOf(404)), ['create card']).verdicts.get('create card')).toMatchObject({
      environmentError: false,
    });
  });

  it('marks a dropped or refused connection as no answer from an unhealthy provider', () => {
    expect(parseVerifierResult(new Error(REJECTED), DESCRIPTIONS).verdicts.get('unreachable')?.unhealthy).toEqual({
      status: null,
    });
  });
});
