import { diffSpecs, type LoadedSpec } from '../../../drift/index';
import { validateExchanges } from '../../../impact/validate-exchanges';
import { RAMP_PROVIDER } from '../provider';
import { exerciseSandbox } from './exercise';
import { startSandbox } from './server';
import { listOperations, sandboxSpec } from './spec';
import { verifyWithRampDocument } from './verify-with-ramp-document';

/** What `npm run check:ramp` found: every disagreement between the sandbox and Ramp's published document. */
export interface RealRampCheck {
  operations: number;
  responses: number;
  driftFindings: number;
  /** Cases of the verify run with Ramp's document as the published one (`verifyWithRampDocument`). */
  verifyCases: number;
  /** One line per disagreement; empty when the sandbox says and sends what Ramp's document says. */
  problems: string[];
}

type Json = Record<string, unknown>;

/**
 * Checks the sandbox against Ramp's published document (`ramp`, already loaded): each operation the
 * sandbox serves exists there with the same scopes and success statuses; every response the sandbox
 * sends (one call per operation, lists walked whole) validates against Ramp's schemas with no field
 * Ramp does not declare; and a diff of the sandbox's baseline against Ramp's document finds nothing at
 * error or warning on the operations the sandbox serves. The token probes' reads are GETs both documents
 * describe with exactly the scope the provider definition gives and no required parameter. And a whole
 * verify run with Ramp's document as the published one holds.
 */
export async function checkAgainstRealRamp(
  ramp: LoadedSpec,
  /** Whether to run `verifyWithRampDocument` too (a test of the other checks may leave it out). */
  { verifyRun = true } = {},
): Promise<RealRampCheck> {
  const problems: string[] = [];
  const own = sandboxSpec('baseline');
  const operations = listOperations(own);
  const paths = ramp.document['paths'] as Record<string, Record<string, Json | undefined> | undefined> | undefined;
  for (const entry of operations) {
    const label = `${entry.method.toUpperCase()} ${entry.path}`;
    const theirs = paths?.[entry.path]?.[entry.method];
    if (!theirs) {
      problems.push(`${label}: Ramp's document has no such operation`);
      continue;
    }
    const theirScopes = oauth2Scopes(theirs);
    if ([...theirScopes].sort().join(' ') !== [...entry.scopes].sort().join(' ')) {
      const ours = entry.scopes.join(' ') || '(none)';
      problems.push(`${label}: scopes ${ours} where Ramp's document says ${theirScopes.join(' ') || '(none)'}`);
    }
    const statuses = (responses: Json) => Object.keys(responses).sort().join(', ');
    const [ourStatuses, theirStatuses] = [statuses(entry.operation.responses), statuses(theirs['responses'] as Json)];
    if (ourStatuses !== theirStatuses)
      problems.push(`${label}: statuses ${ourStatuses} where Ramp's document says ${theirStatuses}`);
  }
  problems.push(
    ...probeReadProblems(own as unknown as Json, "the sandbox's document"),
    ...probeReadProblems(ramp.document, "Ramp's document"),
  );

  const sandbox = await startSandbox();
  let responses: number;
  try {
    const exchanges = await exerciseSandbox(sandbox);
    responses = exchanges.length;
    for (const found of validateExchanges(ramp, exchanges)) {
      if (found.outcome !== 'passed' || found.severity !== undefined)
        problems.push(`${found.name}: ${found.message ?? found.outcome}`);
    }
  } finally {
    await sandbox.close();
  }

  const served = new Set(operations.map((entry) => `${entry.method.toUpperCase()} ${entry.path}`));
  const findings = diffSpecs({ source: 'sandbox:baseline', version: '3.0', document: own as unknown as Json }, ramp);
  for (const finding of findings) {
    // Operations only Ramp has are Ramp's business; document-wide findings (security schemes) count.
    if (finding.level === 'info' || (finding.operation !== null && !served.has(finding.operation))) continue;
    problems.push(`${finding.operation ?? 'document'}: ${finding.id} (${finding.level}): ${finding.message}`);
  }
  const run = verifyRun ? await verifyWithRampDocument(ramp) : { cases: 0, problems: [] };
  problems.push(...run.problems.map((problem) => `verify with Ramp's document: ${problem}`));
  return { operations: operations.length, responses, driftFindings: findings.length, verifyCases: run.cases, problems };
}

/** The OAuth2 scopes an operation's security requirements name. */
function oauth2Scopes(operation: Json): string[] {
  const requirements = (operation['security'] as Json[] | undefined) ?? [];
  return requirements.flatMap((requirement) => (requirement['oauth2'] as string[] | undefined) ?? []);
}

/** Each of the token probes' reads, as `document` describes it: a GET needing its one scope, nothing required. */
function probeReadProblems(document: Json, name: string): string[] {
  const paths = document['paths'] as Record<string, Record<string, Json | undefined> | undefined> | undefined;
  return RAMP_PROVIDER.probeReads.flatMap(({ path, scope }) => {
    const label = `token probe read GET ${path}`;
    const get = paths?.[path]?.['get'];
    if (!get) return [`${label}: ${name} has no such operation`];
    const scopes = oauth2Scopes(get);
    const required = ((get['parameters'] as Json[] | undefined) ?? []).filter((p) => p['required'] === true);
    return [
      ...(scopes.join(' ') === scope
        ? []
        : [`${label}: needs ${scopes.join(' ') || '(none)'} in ${name}, not ${scope}`]),
      ...required.map((p) => `${label}: ${name} requires the parameter ${String(p['name'])}`),
    ];
  });
}
