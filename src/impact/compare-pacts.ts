import { Comparator, type ComparatorResult } from '@pactflow/openapi-pact-comparator';
import { redact } from '../log/redact';
import type { CaseResult, StepResult } from '../report/model';
import { interactionFacts, interactionLabel } from './interaction-facts';
import { toPactDocument, type PactDocument, type PactInput } from './pact-input';
import {
  formatOperation,
  indexOperations,
  isObject,
  resolveOperation,
  serverBasePath,
  serverBasePaths,
  type OperationRef,
} from '../openapi';
import { DEFAULT_SPEC_GAP_CONFIG, isGapStatus, judgeGap, SPEC_GAP_RULES, type SpecGapConfig } from './spec-gaps';
import { specDocument, type SpecInput } from './spec-input';

export const PACT_VS_SPEC_STEP_ID = 'pact-vs-spec';
export const PACT_VS_SPEC_SUITE = 'pact vs spec';

/** One thing the comparator found wrong with an interaction, as reports carry it. */
export interface PactSpecProblem {
  code: string;
  type: 'error' | 'warning';
  message: string;
  /** Where in the spec, e.g. `[root].paths./v1/cards.get.responses.200...`. */
  specLocation?: string;
  /** Where in the pact, e.g. `[root].interactions[3].response.body.data.0`. */
  pactLocation?: string;
}

/** Pact details quoted in a case stay short: a comparator message can hold a whole body. */
const MAX_MESSAGE_CHARS = 500;
/** Problems listed per interaction; the rest are counted. */
const MAX_PROBLEMS_LISTED = 20;

/**
 * Checks every HTTP interaction of the pacts against the published spec the way PactFlow's
 * bi-directional contract testing does (`@pactflow/openapi-pact-comparator`): the path and method
 * exist, the request's parameters, headers and body fit, the response status is documented and the
 * response body fits its schema (read as closed: a field the pact reads that the spec lacks is an
 * error). Needs no running provider, so it flags what the spec no longer supports before any request
 * is replayed. One case per interaction; comparator errors fail it, warnings pass with `severity: 'warning'`.
 * An expected 4xx the spec does not describe is a documentation gap, judged by `gaps` (a warning by
 * default, see spec-gaps.ts); an undescribed 2xx stays a failure.
 */
export async function comparePactsToSpec(
  pacts: readonly PactInput[],
  spec: SpecInput,
  gaps: SpecGapConfig = DEFAULT_SPEC_GAP_CONFIG,
): Promise<CaseResult[]> {
  const document = specDocument(spec);
  const cases: CaseResult[] = [];
  for (const [index, input] of pacts.entries()) {
    const pact = toPactDocument(input, index);
    cases.push(...(await comparePact(pact, document, gaps)));
  }
  return cases;
}

/** `comparePactsToSpec` as a step of the run report (`pact-vs-spec`). */
export async function pactVsSpecStep(
  pacts: readonly PactInput[],
  spec: SpecInput,
  gaps?: SpecGapConfig,
): Promise<StepResult> {
  const cases = await comparePactsToSpec(pacts, spec, gaps);
  const count = (outcome: CaseResult['outcome']): number => cases.filter((c) => c.outcome === outcome).length;
  return {
    id: PACT_VS_SPEC_STEP_ID,
    title: 'Pacts against the published spec',
    cases,
    summary: {
      interactions: cases.length,
      failed: count('failed'),
      warnings: cases.filter((c) => c.severity === 'warning').length,
    },
  };
}

async function comparePact(
  pact: PactDocument,
  document: Record<string, unknown>,
  gaps: SpecGapConfig,
): Promise<CaseResult[]> {
  const started = Date.now();
  const results: ComparatorResult[] = [];
  try {
    // The comparator dereferences and may annotate the document it is given: give it a copy.
    const comparator = new Comparator(withComparatorBasePath(structuredClone(document)));
    for await (const result of comparator.compare(structuredClone(pact.document))) results.push(result);
  } catch (error) {
    return [
      {
        suite: PACT_VS_SPEC_SUITE,
        name: `${pact.consumer} (${pact.source})`,
        outcome: 'error',
        durationMs: Date.now() - started,
        message: redact(
          `the comparator could not check this pact: ${error instanceof Error ? error.message : String(error)}`,
        ),
      },
    ];
  }
  const durationMs = Date.now() - started;
  const operations = indexOperations(document);
  const basePaths = serverBasePaths(document);
  const byDescription = new Map<string, ComparatorResult[]>();
  for (const result of results) {
    const key = result.mockDetails?.interactionDescription ?? '';
    byDescription.set(key, [...(byDescription.get(key) ?? []), result]);
  }
  const facts = interactionFacts(pact);
  const cases = facts.map((interaction): CaseResult => {
    const found = byDescription.get(interaction.description) ?? [];
    byDescription.delete(interaction.description);
    const operation = resolveOperation(interaction.method, interaction.paths, operations, basePaths);
    return toCase({
      name: interaction.label,
      consumer: interaction.consumer,
      description: interaction.description,
      providerStates: interaction.providerStates,
      operation: operation ? formatOperation(operation) : `${interaction.method} ${interaction.paths[0] ?? ''}`,
      results: found,
      durationMs: facts.length > 0 ? Math.round(durationMs / facts.length) : durationMs,
      gap: { operation, status: interaction.response.status, config: gaps },
    });
  });
  // Results the comparator could not tie to an HTTP interaction (pact-level problems) still count.
  for (const [description, found] of byDescription) {
    cases.push(
      toCase({
        name: description === '' ? `${pact.consumer} (whole pact)` : interactionLabel(pact.consumer, description),
        consumer: pact.consumer,
        description,
        providerStates: [],
        operation: null,
        results: found,
        durationMs: 0,
      }),
    );
  }
  return cases;
}

/**
 * The comparator routes OpenAPI 3 paths as written, ignoring `servers`: a document whose servers put
 * `/v1` before `/cards` would match no pact request. It reads a base path from
 * `info.x-opc-config-base-path` (PactFlow's setting), which is set here unless the document sets it.
 */
function withComparatorBasePath(document: Record<string, unknown>): Record<string, unknown> {
  const basePath = serverBasePath(document);
  const info = isObject(document['info']) ? document['info'] : {};
  if (basePath === '' || info[COMPARATOR_BASE_PATH] !== undefined) return document;
  return { ...document, info: { ...info, [COMPARATOR_BASE_PATH]: basePath } };
}

const COMPARATOR_BASE_PATH = 'x-opc-config-base-path';

interface CaseInput {
  name: string;
  consumer: string;
  description: string;
  providerStates: string[];
  operation: string | null;
  results: ComparatorResult[];
  durationMs: number;
  /** For judging a documentation gap; absent for results not tied to an interaction. */
  gap?: { operation: OperationRef | null; status: number; config: SpecGapConfig };
}

/** The comparator's code for a response status the spec does not describe. */
const UNKNOWN_STATUS = 'response.status.unknown';

function toCase(input: CaseInput): CaseResult {
  const problems = input.results.map(toProblem);
  const errors = problems.filter((p) => p.type === 'error');
  const base: CaseResult = {
    suite: PACT_VS_SPEC_SUITE,
    name: input.name,
    outcome: errors.length > 0 ? 'failed' : 'passed',
    durationMs: input.durationMs,
    data: { consumer: input.consumer, interaction: input.description, operation: input.operation, problems },
  };
  if (input.providerStates.length > 0) base.providerState = input.providerStates.join(', ');
  if (problems.length === 0) return base;
  const gap = input.gap;
  if (gap && isGapStatus(gap.status) && errors.length > 0 && errors.every((p) => p.code === UNKNOWN_STATUS)) {
    const operation = gap.operation ? { method: gap.operation.method, path: gap.operation.template } : null;
    const verdict = judgeGap(SPEC_GAP_RULES.pactErrorStatus, operation, gap.status, gap.config);
    return {
      ...base,
      outcome: verdict.outcome,
      ...(verdict.severity && { severity: verdict.severity }),
      message: `the interaction expects ${verdict.note}`,
      detail: problems.map((p) => `- ${p.type} ${p.code}: ${p.message}`).join('\n'),
      data: { ...base.data, ...verdict.data },
    };
  }
  const first = (errors[0] ?? problems[0]) as PactSpecProblem;
  const listed = problems
    .slice(0, MAX_PROBLEMS_LISTED)
    .map((p) => `- ${p.type} ${p.code}: ${p.message}${p.specLocation ? `\n  spec: ${p.specLocation}` : ''}`);
  if (problems.length > MAX_PROBLEMS_LISTED) listed.push(`- … and ${problems.length - MAX_PROBLEMS_LISTED} more`);
  return {
    ...base,
    severity: errors.length > 0 ? 'error' : 'warning',
    message:
      errors.length > 0 ? `the published spec no longer supports this interaction: ${first.message}` : first.message,
    detail: listed.join('\n'),
    data: { ...base.data, ruleId: first.code },
  };
}

function toProblem(result: ComparatorResult): PactSpecProblem {
  const problem: PactSpecProblem = {
    code: result.code,
    type: result.type === 'warning' ? 'warning' : 'error',
    message: clip(redact(result.message)),
  };
  if (result.specDetails?.location) problem.specLocation = clip(result.specDetails.location);
  if (result.mockDetails?.location) problem.pactLocation = clip(result.mockDetails.location);
  return problem;
}

function clip(text: string): string {
  return text.length > MAX_MESSAGE_CHARS ? `${text.slice(0, MAX_MESSAGE_CHARS)}…` : text;
}
