/**
 * Reads what `Verifier.verifyProvider()` settles with. pact-js has no JSON or JUnit output option: it
 * resolves with a JSON string, or rejects with an Error whose message is that same JSON (see
 * docs/verify.md). Anything else it rejects with ("Pact core crashed", an ECONNREFUSED) means the
 * verification did not run, which is a tool or environment failure, never a contract verdict.
 */

/** What the verifier said about one interaction. */
export interface InteractionVerdict {
  ok: boolean;
  /** The request could not be made or the state could not be set: an environment failure, not a mismatch. */
  environmentError: boolean;
  /**
   * Why the provider's answer was no deliberate answer: a 5xx or 429 where the pact expects something
   * else, or no answer at all (dropped connection, refused, timed out). Set only with `environmentError`.
   */
  unhealthy?: { status: number } | { status: null };
  durationMs: number;
  /** One line. */
  message?: string;
  /** Expected vs actual for every mismatch, ANSI codes stripped. */
  detail?: string;
}

export interface ParsedVerification {
  /** By interaction description. Interactions the verifier did not run (filtered out) are absent. */
  verdicts: Map<string, InteractionVerdict>;
  /**
   * Failures the verifier reported that name no interaction: a pact it could not load (a Pact Broker that
   * did not answer, or had no pact for the provider), or a failed result without one to show for it.
   */
  unattributed: string[];
  /** The verifier's own report lines, ANSI stripped (kept for --debug style diagnostics). */
  output: string[];
}

/** The settle value is not the verifier's JSON: the verification did not run. */
export class VerificationDidNotRunError extends Error {
  override readonly name = 'VerificationDidNotRunError';
}

interface RawMismatch {
  type?: string;
  path?: string;
  key?: string;
  expected?: unknown;
  actual?: unknown;
  mismatch?: string;
  message?: string;
}

interface RawResult {
  result?: boolean;
  interactionResults?: Array<{ description?: string; duration?: string; result?: string }>;
  errors?: Array<{ interaction?: string; mismatch?: { type?: string; message?: string; mismatches?: RawMismatch[] } }>;
  output?: string[];
}

// eslint-disable-next-line no-control-regex
const ANSI = /\u001b\[[0-9;]*[A-Za-z]/g;

export function stripAnsi(text: string): string {
  return text.replace(ANSI, '');
}

/**
 * @param settled the resolved string, or the rejection reason
 * @param descriptions every description of the pact, to attribute errors (whose `interaction` reads
 *   "Verifying a pact between A and B Given S - <description>") to the right interaction; empty: the
 *   descriptions the verifier reports (pacts from a broker)
 */
export function parseVerifierResult(settled: unknown, descriptions: readonly string[]): ParsedVerification {
  const text = typeof settled === 'string' ? settled : settled instanceof Error ? settled.message : String(settled);
  let raw: RawResult;
  try {
    raw = JSON.parse(text) as RawResult;
  } catch {
    throw new VerificationDidNotRunError(
      `the pact verifier did not run: ${stripAnsi(text).split('\n')[0] ?? 'no reason given'}`,
    );
  }
  if (typeof raw !== 'object' || raw === null || !Array.isArray(raw.interactionResults)) {
    throw new VerificationDidNotRunError('the pact verifier returned a result without interactionResults');
  }

  const errorsByDescription = new Map<string, NonNullable<RawResult['errors']>[number][]>();
  // Longest first, so "list cards - second page" wins over "second page" as a suffix.
  const known =
    descriptions.length > 0
      ? descriptions
      : raw.interactionResults.flatMap((r) => (typeof r.description === 'string' ? [r.description] : []));
  const byLength = [...known].sort((a, b) => b.length - a.length);
  const unattributed: string[] = [];
  for (const error of raw.errors ?? []) {
    const label = error.interaction ?? '';
    const description = byLength.find((d) => label === d || label.endsWith(` - ${d}`));
    if (description === undefined) {
      const message = stripAnsi(error.mismatch?.message ?? 'no reason given');
      unattributed.push(label ? `${label}: ${message}` : message);
      continue;
    }
    errorsByDescription.set(description, [...(errorsByDescription.get(description) ?? []), error]);
  }

  const verdicts = new Map<string, InteractionVerdict>();
  for (const result of raw.interactionResults) {
    if (typeof result.description !== 'string') continue;
    const durationMs = parseDuration(result.duration);
    const errors = errorsByDescription.get(result.description) ?? [];
    if (result.result === 'OK' && errors.length === 0) {
      verdicts.set(result.description, { ok: true, environmentError: false, durationMs });
      continue;
    }
    // Status first: "403 where the pact expects 200" explains the body mismatches that follow it.
    const mismatches = errors.flatMap((e) => e.mismatch?.mismatches ?? []).sort((a, b) => rank(a) - rank(b));
    const failures = errors
      .filter((e) => e.mismatch?.type === 'error')
      .map((e) => stripAnsi(e.mismatch?.message ?? 'unknown error'));
    if (failures.length > 0) {
      verdicts.set(result.description, {
        ok: false,
        environmentError: true,
        unhealthy: { status: null },
        durationMs,
        message: `the request could not be verified: ${failures[0]}`,
        detail: failures.join('\n'),
      });
      continue;
    }
    // A 5xx or 429 the pact does not expect is the provider failing, not the provider disagreeing:
    // nothing about the contract can be read from it (exit 2, never 1).
    const faultStatus = unhealthyStatusOf(mismatches);
    if (faultStatus !== null) {
      verdicts.set(result.description, {
        ok: false,
        environmentError: true,
        unhealthy: { status: faultStatus },
        durationMs,
        message: `provider unhealthy: ${summarise(mismatches)}`,
        detail: mismatches.map(describeMismatch).join('\n'),
      });
      continue;
    }
    verdicts.set(result.description, {
      ok: false,
      environmentError: false,
      durationMs,
      message: mismatches.length > 0 ? summarise(mismatches) : 'the verifier reported a failure without mismatches',
      detail: mismatches.length > 0 ? mismatches.map(describeMismatch).join('\n') : undefined,
    });
  }
  if (raw.result === false && unattributed.length === 0 && [...verdicts.values()].every((v) => v.ok)) {
    unattributed.push('the verifier reported a failure without naming an interaction');
  }
  return { verdicts, unattributed, output: (raw.output ?? []).map(stripAnsi) };
}

/** The actual status of a status mismatch when it is a server fault or a rate limit, else null. */
export function unhealthyStatusOf(mismatches: readonly RawMismatch[]): number | null {
  const status = mismatches.find((m) => m.type === 'StatusMismatch');
  const actual = Number(status?.actual);
  return Number.isInteger(actual) && (actual === 429 || (actual >= 500 && actual <= 599)) ? actual : null;
}

const MISMATCH_ORDER = ['StatusMismatch', 'HeaderMismatch', 'BodyTypeMismatch', 'BodyMismatch'];

function rank(m: RawMismatch): number {
  const i = MISMATCH_ORDER.indexOf(m.type ?? '');
  return i === -1 ? MISMATCH_ORDER.length : i;
}

function summarise(mismatches: RawMismatch[]): string {
  const first = mismatches[0] as RawMismatch;
  const more = mismatches.length > 1 ? ` (and ${mismatches.length - 1} more)` : '';
  return `${headline(first)}${more}`;
}

function headline(m: RawMismatch): string {
  switch (m.type) {
    case 'StatusMismatch':
      return `status ${show(m.actual)} where the pact expects ${show(m.expected)}`;
    case 'BodyMismatch':
      return `body ${m.path ?? '$'}: ${stripAnsi(m.mismatch ?? 'does not match')}`;
    case 'HeaderMismatch':
      return `header ${m.key ?? ''}: ${stripAnsi(m.mismatch ?? 'does not match')}`;
    default:
      return `${m.type ?? 'mismatch'}: ${stripAnsi(m.mismatch ?? m.message ?? 'does not match')}`;
  }
}

function describeMismatch(m: RawMismatch): string {
  const lines = [headline(m)];
  if (m.expected !== undefined) lines.push(`  expected: ${show(m.expected)}`);
  if (m.actual !== undefined) lines.push(`  actual:   ${show(m.actual)}`);
  return lines.join('\n');
}

function show(value: unknown): string {
  const text = typeof value === 'string' ? value : JSON.stringify(value);
  return stripAnsi(text ?? 'null');
}

const UNIT_MS: Record<string, number> = {
  h: 3_600_000,
  m: 60_000,
  min: 60_000,
  s: 1000,
  ms: 1,
  us: 0.001,
  µs: 0.001,
  ns: 0.000001,
};

/** "90ms", "1s 234ms", "2m 3s" → milliseconds (rounded). */
export function parseDuration(text: string | undefined): number {
  if (!text) return 0;
  let total = 0;
  for (const match of text.matchAll(/(\d+(?:\.\d+)?)\s*(ms|us|µs|ns|min|h|m|s)\b/g)) {
    total += Number(match[1]) * (UNIT_MS[match[2] as string] ?? 0);
  }
  return Math.round(total);
}
