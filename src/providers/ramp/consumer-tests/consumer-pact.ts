import './no-telemetry';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { Agent } from 'node:http';
import { tmpdir } from 'node:os';
import { join, relative, sep } from 'node:path';
import { PactV4, SpecificationVersion } from '@pact-foundation/pact';
import axios from 'axios';
import { RampClient } from '../client/index';
import { type ConsumerName, PACT_DIR, PROVIDER, pactFileName } from '../../../contracts/parties';
import { canonicalPactText, interactionLabel, type PactInteraction, readPactFile } from '../../../contracts/pact-files';
import { FAKE_BEARER } from './examples';
import { awaitRecordedMatches } from './recorded-matches';

/**
 * Set by `npm run pacts`: the pact tests write into this (fresh, shared) directory and the script then
 * replaces `pacts/`. Unset (plain `npm test`): each test file writes into its own temp directory and
 * checks that the committed pact already holds exactly what it produced.
 */
export const PACT_OUTPUT_DIR_ENV = 'PACT_OUTPUT_DIR';

const REPO_ROOT = join(PACT_DIR, '..');

export interface ConsumerPactHarness {
  readonly pact: PactV4;
  /** Tag for `.testName(...)`: `<test file> > <current test>`; it says which file owns an interaction. */
  testName(): string;
  /** The client under test, wired to a mock server the way production wires it to Ramp. */
  client(mockServerUrl: string): RampClient;
  /**
   * Asserts the pact this file produced is what `pacts/` holds (check mode), or that it was written
   * (regenerate mode). Call it from the file's last test.
   */
  expectCommittedPactCurrent(): void;
}

/**
 * One pact per consumer, written from several test files (and jest workers) at once: each interaction
 * is tagged with the file that wrote it, so a file can check its own share of the committed pact and a
 * removed test leaves an interaction whose owner no longer produces it, which the check reports.
 */
export function consumerPact(consumer: ConsumerName, testFile: string): ConsumerPactHarness {
  const sharedDir = process.env[PACT_OUTPUT_DIR_ENV];
  const dir = sharedDir ?? mkdtempSync(join(tmpdir(), 'rampart-pacts-'));
  const owner = relative(REPO_ROOT, testFile).split(sep).join('/');
  const pact = new PactV4({
    consumer,
    provider: PROVIDER,
    dir,
    spec: SpecificationVersion.SPECIFICATION_VERSION_V4,
    logLevel: 'warn',
  });

  if (!sharedDir) afterAll(() => rmSync(dir, { recursive: true, force: true }));

  return {
    pact,
    testName: () => `${owner} > ${expect.getState().currentTestName ?? 'unnamed test'}`,
    // A fresh connection per test: Node's default agent keeps sockets alive, and a mock server on a port the
    // previous test's server just freed could otherwise receive the request on that server's old socket.
    client: (url) => {
      const http = axios.create({
        baseURL: url,
        headers: { Authorization: FAKE_BEARER },
        httpAgent: new Agent({ keepAlive: false }),
      });
      awaitRecordedMatches(http, Number(new URL(url).port));
      return new RampClient(http);
    },
    expectCommittedPactCurrent: () => {
      const produced = readPactFile(join(dir, pactFileName(consumer)));
      const mine = (interactions: PactInteraction[]) =>
        interactions.filter((i) => (i.comments?.testname ?? '').startsWith(`${owner} > `));
      const producedOwn = mine(produced.interactions);
      expect(producedOwn.length).toBeGreaterThan(0);
      if (sharedDir) return;

      const committedFile = join(PACT_DIR, pactFileName(consumer));
      const stale = (problem: string) =>
        `pacts/${pactFileName(consumer)} ${problem}\n→ run \`npm run pacts\` (if another test in ${owner} failed, fix it first)`;
      if (!existsSync(committedFile)) throw new Error(stale('does not exist'));
      const committed = readPactFile(committedFile);
      const differences = compareOwned(producedOwn, mine(committed.interactions));
      if (JSON.stringify(produced.metadata) !== JSON.stringify(committed.metadata)) {
        differences.push('metadata (pact or pact-js version) differs');
      }
      if (canonicalPactText(committed) !== readFileSync(committedFile, 'utf8')) {
        differences.push('is not in canonical form');
      }
      if (differences.length > 0) throw new Error(stale(`is stale:\n  ${differences.join('\n  ')}`));
    },
  };
}

function compareOwned(produced: PactInteraction[], committed: PactInteraction[]): string[] {
  const key = (i: PactInteraction) => interactionLabel(i);
  const committedByKey = new Map(committed.map((i) => [key(i), i]));
  const producedKeys = new Set(produced.map(key));
  const differences: string[] = [];
  for (const interaction of produced) {
    const match = committedByKey.get(key(interaction));
    if (!match) differences.push(`missing: ${key(interaction)}`);
    else if (canonical(match) !== canonical(interaction)) differences.push(`changed: ${key(interaction)}`);
  }
  for (const interaction of committed) {
    if (!producedKeys.has(key(interaction))) differences.push(`no longer produced: ${key(interaction)}`);
  }
  return differences;
}

function canonical(interaction: PactInteraction): string {
  return canonicalPactText({
    consumer: { name: '' },
    provider: { name: '' },
    metadata: {},
    interactions: [interaction],
  });
}
