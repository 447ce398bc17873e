import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { canonicalPactText, interactionLabel, readPactFile, type PactFile } from './pact-files';
import { ALL_CONSUMERS, PACT_DIR, PROVIDER, pactFileName } from './parties';
import { ALL_PROVIDER_STATES, isProviderStateName } from '../providers/ramp/provider-states';

/**
 * The committed pacts as a whole: what each pact test file checks for its own share cannot see a pact
 * file or an interaction whose test file is gone, a state name nobody handles, or a token.
 */
const REPO_ROOT = join(PACT_DIR, '..');
const files = readdirSync(PACT_DIR)
  .filter((name) => name.endsWith('.json'))
  .sort();
const pacts: Array<[string, PactFile]> = files.map((name) => [name, readPactFile(join(PACT_DIR, name))]);

describe('committed pacts', () => {
  it('has exactly one pact per consumer, named <consumer>-<provider>.json', () => {
    expect(files).toEqual(ALL_CONSUMERS.map((c) => pactFileName(c)).sort());
    for (const [name, pact] of pacts) {
      expect(pactFileName(pact.consumer.name as (typeof ALL_CONSUMERS)[number], pact.provider.name)).toBe(name);
      expect(pact.provider.name).toBe(PROVIDER);
      expect(pact.metadata['pactSpecification']).toEqual({ version: '4.0' });
    }
  });

  it('stores every pact in canonical form (byte-stable across regenerations)', () => {
    for (const [name, pact] of pacts) {
      expect({ name, text: readFileSync(join(PACT_DIR, name), 'utf8') }).toEqual({
        name,
        text: canonicalPactText(pact),
      });
    }
  });

  it('tags every interaction with a pact test file that still exists', () => {
    for (const [, pact] of pacts) {
      for (const interaction of pact.interactions) {
        const owner = interaction.comments?.testname?.split(' > ')[0] ?? '';
        expect({
          interaction: interactionLabel(interaction),
          ownerExists: owner.endsWith('.pact.test.ts') && existsSync(join(REPO_ROOT, owner)),
        }).toEqual({ interaction: interactionLabel(interaction), ownerExists: true });
      }
    }
  });

  it('uses only provider states from src/providers/ramp/provider-states.ts, and every one of them', () => {
    const used = new Set<string>();
    for (const [, pact] of pacts) {
      for (const interaction of pact.interactions) {
        for (const state of interaction.providerStates ?? []) {
          expect(isProviderStateName(state.name) ? state.name : `unknown state: ${state.name}`).toBe(state.name);
          used.add(state.name);
        }
      }
    }
    expect([...used].sort()).toEqual([...ALL_PROVIDER_STATES].sort());
  });

  it('holds no credential: every Authorization header is the fake example, matched by pattern', () => {
    for (const [name, pact] of pacts) {
      const text = readFileSync(join(PACT_DIR, name), 'utf8');
      expect(text).not.toMatch(/ramp_(business_)?tok_/);
      for (const interaction of pact.interactions) {
        const request = interaction.request as {
          headers?: Record<string, string[]>;
          matchingRules?: { header?: Record<string, { matchers: Array<{ match: string; regex?: string }> }> };
        };
        expect(request.headers?.['Authorization']).toEqual(['Bearer pact.example.not-a-token']);
        expect(request.matchingRules?.header?.['Authorization']?.matchers).toEqual([
          { match: 'regex', regex: '^Bearer [A-Za-z0-9._~+/=-]+$' },
        ]);
      }
    }
  });

  it('leaves every provider-decided id to a provider state or a matcher', () => {
    for (const [, pact] of pacts) {
      for (const interaction of pact.interactions) {
        const request = interaction.request as { path: string; generators?: { path?: unknown } };
        // A literal id in a path is allowed only for the consumer's own "unknown id".
        const literalId = /[0-9a-f]{8}-[0-9a-f]{4}-/.test(request.path) && !request.generators?.path;
        expect({
          interaction: interactionLabel(interaction),
          literalId: literalId && !request.path.includes('00000000-0000-4000-8000-000000000404'),
        }).toEqual({ interaction: interactionLabel(interaction), literalId: false });
      }
    }
  });
});
