import { parseSandboxArgs } from './cli';
import { PLANTED_FAULTS } from './misconfiguration';
import { startSandbox } from './server';
import { resolveSandboxRateLimit } from './stages';
import { api, mintToken, requestToken } from './testing';
import type { RunningSandbox, SandboxOptions } from './types';

/** Stages: the sandbox enforces the agreed limit of the stage it runs at; the misconfigured mode plants the guardrail faults. */

describe('sandbox stages', () => {
  it('takes the rate limit of --stage from the committed ramp policy, an explicit limit winning', () => {
    const atStage = (...flags: string[]) => parseSandboxArgs(['--stage', ...flags]) as SandboxOptions;
    expect(resolveSandboxRateLimit({})).toEqual({ limit: 200, windowMs: 10_000 });
    expect(resolveSandboxRateLimit(atStage('pilot'))).toEqual({ limit: 200, windowMs: 10_000 });
    expect(resolveSandboxRateLimit(atStage('growth'))).toEqual({ limit: 300, windowMs: 10_000 });
    expect(resolveSandboxRateLimit({ ...atStage('growth'), rateLimit: { limit: 5, windowMs: 1000 } })).toEqual({
      limit: 5,
      windowMs: 1000,
    });
    expect(resolveSandboxRateLimit({ stage: 'x', stageRateLimits: { x: { limit: 3, windowMs: 500 } } })).toEqual({
      limit: 3,
      windowMs: 500,
    });
    expect(() => atStage('hyper')).toThrow(/unknown stage "hyper" \(--stage\)/);
    expect(() => resolveSandboxRateLimit({ stage: 'x', stageRateLimits: {} })).toThrow(/unknown stage "x"/);
    expect(() => resolveSandboxRateLimit({ stage: 'pilot' })).toThrow(/without stageRateLimits/);
  });

  it('drops the limit of the growth tier only in misconfigured mode', () => {
    expect(resolveSandboxRateLimit({ stage: PLANTED_FAULTS.unlimitedStage, misconfigured: true })).toBeNull();
    expect(
      resolveSandboxRateLimit(parseSandboxArgs(['--stage', 'pilot', '--misconfigured']) as SandboxOptions),
    ).toEqual({
      limit: 200,
      windowMs: 10_000,
    });
  });

  it('maps --stage and --misconfigured, and leaves them out when absent', () => {
    expect(parseSandboxArgs(['--stage', 'growth', '--misconfigured'])).toMatchObject({
      stage: 'growth',
      misconfigured: true,
    });
    expect(parseSandboxArgs([])).not.toHaveProperty('stage');
    expect(parseSandboxArgs([])).not.toHaveProperty('misconfigured');
    expect(() => parseSandboxArgs(['--stage', '../x'])).toThrow(/--stage must be a stage name/);
  });
});

describe('sandbox at a stage, over HTTP', () => {
  let sandbox: RunningSandbox | undefined;
  afterEach(async () => {
    await sandbox?.close();
    sandbox = undefined;
  });

  it('answers 429 after the stage limit', async () => {
    sandbox = await startSandbox({ stage: 'tiny', stageRateLimits: { tiny: { limit: 3, windowMs: 60_000 } } });
    const token = await mintToken(sandbox, sandbox.clients.demo, ['business:read']);
    const statuses: number[] = [];
    for (let i = 0; i < 5; i++) statuses.push((await api(sandbox, token, '/developer/v1/business')).status);
    expect(statuses).toEqual([200, 200, 200, 429, 429]);
  });

  it('in misconfigured mode: one operation forgets its auth check, tokens get an extra scope, the growth tier has no limit', async () => {
    sandbox = await startSandbox({
      misconfigured: true,
      stage: 'growth',
      stageRateLimits: { growth: { limit: 2, windowMs: 60_000 } },
    });
    expect((await api(sandbox, null, '/developer/v1/departments')).status).toBe(200);
    expect((await api(sandbox, null, '/developer/v1/users')).status).toBe(401);
    const grant = await requestToken(sandbox, sandbox.clients.demo, ['business:read']);
    expect(grant.body.scope).toBe('business:read users:write');
    const statuses = new Set<number>();
    for (let i = 0; i < 6; i++)
      statuses.add((await api(sandbox, grant.body.access_token, '/developer/v1/business')).status);
    expect([...statuses]).toEqual([200]);
  });

  it('in normal mode none of that happens', async () => {
    sandbox = await startSandbox({ stage: 'growth', stageRateLimits: { growth: { limit: 2, windowMs: 60_000 } } });
    expect((await api(sandbox, null, '/developer/v1/departments')).status).toBe(401);
    const grant = await requestToken(sandbox, sandbox.clients.demo, ['business:read']);
    expect(grant.body.scope).toBe('business:read');
  });
});
