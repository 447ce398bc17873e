import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadConfig } from '../../../config';
import { startLocalTestServer } from '../../../http/local-test-server';
import { sendJson } from '../../../http/respond';
import { Logger, MemorySink } from '../../../log/logger';
import type { LoadedSpec } from '../../../openapi';
import { runVerify } from '../../../verify/run-verify';
import { startSandbox } from './server';

/** What a whole verify run with Ramp's document as the published one found: its cases, and what did not hold. */
export interface RampDocumentRun {
  cases: number;
  /** One line per failed or errored case and per step that could not run. */
  problems: string[];
}

/**
 * `npm run verify` as a user with a staging runs it, with the sandbox as that staging and Ramp's own
 * document as the published one (`RAMP_SPEC_URL`, served on loopback): the pacts against Ramp's
 * document, the replay, the sandbox's answers against it, drift from the baseline to it and the
 * guardrails' sweep of every operation it lists. Every step must hold: what fails here is something the
 * pacts, the client or the checks rely on that Ramp's document does not say.
 */
export async function verifyWithRampDocument(ramp: LoadedSpec): Promise<RampDocumentRun> {
  const sandbox = await startSandbox();
  const published = await startLocalTestServer((_request, response) => sendJson(response, 200, ramp.document));
  const reportDir = await mkdtemp(join(tmpdir(), 'rampart-check-ramp-'));
  try {
    const config = loadConfig({
      envFile: null,
      env: {
        STAGING_BASE_URL: sandbox.baseUrl,
        RAMP_CLIENT_ID: sandbox.clients.demo.clientId,
        RAMP_CLIENT_SECRET: sandbox.clients.demo.clientSecret,
        RAMP_SPEC_URL: `${published.url}/openapi.json`,
      },
    });
    const logger = new Logger(new MemorySink(), true);
    const { report } = await runVerify({ config, reportDir, logger });
    const problems = report.steps.flatMap((step) => [
      ...(step.error === undefined ? [] : [`${step.title} could not run: ${step.error}`]),
      ...step.cases
        .filter((c) => c.outcome === 'failed' || c.outcome === 'error')
        .map((c) => `${step.title}: ${c.name}: ${c.message ?? c.outcome}`),
    ]);
    return { cases: report.steps.reduce((n, step) => n + step.cases.length, 0), problems };
  } finally {
    await Promise.all([sandbox.close(), published.close(), rm(reportDir, { recursive: true, force: true })]);
  }
}
