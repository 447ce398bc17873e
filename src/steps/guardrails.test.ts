import { loadConfig } from '../config';
import { ConfigError } from '../errors';
import { loadRampPolicy } from '../guardrails/policy';
import { publishedSpecLoader } from '../verify/published-spec';
import { RunTokens } from '../verify/run-tokens';
import { credentialsOf } from '../verify/run-steps';
import { resolveTarget, type VerifyTarget } from '../verify/target';
import { guardrailsStep, type GuardrailsStepOptions } from './guardrails';

/** The guardrails as a step of verify: same target, token provider and config as the rest of the run. */
describe('guardrailsStep', () => {
  let target: VerifyTarget | undefined;
  afterEach(async () => {
    await target?.close();
    target = undefined;
  });

  it('reports into a StepResult with suite guardrails, and fails on a planted fault', async () => {
    const config = loadConfig({ envFile: null, env: { RAMPART_HTTP_MAX_ATTEMPTS: '1' } });
    for (const misconfigured of [false, true]) {
      target = await resolveTarget(config, { sandbox: { misconfigured } });
      const tokens = new RunTokens(credentialsOf(target));
      const lines: string[] = [];
      // The run's published document, fetched once for every step: the guardrails read it, they do not fetch their own.
      const shared = publishedSpecLoader(target, tokens, config);
      let reads = 0;
      const step = await guardrailsStep().run({
        config,
        target,
        tokens,
        audit: undefined,
        publishedSpec: () => {
          reads += 1;
          return shared();
        },
        log: (line) => lines.push(line),
      });
      expect(reads).toBe(1);
      expect(step).toMatchObject({
        id: 'guardrails',
        title: 'Ramp guardrails',
        summary: { stage: 'pilot', rehearsedStage: 'growth' },
      });
      const failed = step!.cases.filter((c) => c.outcome === 'failed').map((c) => c.name);
      if (misconfigured) expect(failed).toContain('GET /developer/v1/departments requires a token');
      else expect(failed).toEqual([]);
      expect(step!.cases.every((c) => c.suite === 'guardrails')).toBe(true);
      expect(lines.join('\n')).toMatch(/max secret age\s+90 days\s+60 days/);
      await target.close();
      target = undefined;
    }
  });

  /** The step on the embedded sandbox, run without a published document: it stops there, after the stage. */
  async function runWithoutDocument(options: GuardrailsStepOptions = {}) {
    const config = loadConfig({ envFile: null, env: {} });
    target = await resolveTarget(config);
    const tokens = new RunTokens(credentialsOf(target));
    return guardrailsStep(options).run({
      config,
      target,
      tokens,
      audit: undefined,
      publishedSpec: () => Promise.resolve(null),
      log: () => undefined,
    });
  }

  it('needs the published document: without one it is a ConfigError naming the variable', async () => {
    await expect(runWithoutDocument()).rejects.toThrow(
      new ConfigError('the guardrails need the published OpenAPI document: set RAMP_SPEC_URL'),
    );
  });

  it('takes the policy its caller has read instead of reading the file again', async () => {
    const read = loadRampPolicy();
    // A stage only the given policy has: read from the file again, the step would not know it.
    const policy = { ...read, stages: read.stages.map((s, i) => (i === 0 ? { ...s, name: 'canary' } : s)) };
    // Past the stage: the step stops at the missing document, not at an unknown stage.
    await expect(runWithoutDocument({ policy, stage: 'canary' })).rejects.toThrow(
      new ConfigError('the guardrails need the published OpenAPI document: set RAMP_SPEC_URL'),
    );
  });
});
