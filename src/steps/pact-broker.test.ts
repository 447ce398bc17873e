/**
 * Pact verification with the pacts from a Pact Broker, against the embedded sandbox: a broker of our own
 * on 127.0.0.1 that answers the calls the Verifier makes (the index, pacts for verification, the pact,
 * and, when publishing, the provider's branch version and the verification results).
 */
import { loadConfig } from '../config';
import { closedPort } from '../testing/closed-port';
import { startLocalTestServer, type LocalTestServer, type ReceivedRequest } from '../http/local-test-server';
import {
  cardIssuingPact,
  CREATE_CARD,
  EXPIRED_TOKEN,
  GET_TRANSACTION,
  LIST_TRANSACTIONS,
  spendSyncPact,
} from '../providers/ramp/testing/test-pacts';
import type { TokenKind } from '../verify/request-filter';
import { RunTokens } from '../verify/run-tokens';
import { credentialsOf } from '../verify/run-steps';
import { resolveTarget, type VerifyTarget } from '../verify/target';
import { brokerVerification, CONSUMER_VERSION_SELECTORS } from './pact-broker';
import { PactWorkerPool } from '../verify/worker-pool';

const BROKER_TOKEN = 'broker-token-not-for-reports';
const FOR_VERIFICATION = '/pacts/provider/ramp-developer-api/for-verification';

/** What the broker holds: the pacts it returns for verification (none: an empty list). */
let pacts: object[] = [];
let broker: LocalTestServer;
let target: VerifyTarget;

function answer(req: ReceivedRequest): [number, unknown] {
  const base = `http://${req.headers.host ?? ''}`;
  if (req.method === 'GET' && req.url === '/') {
    const link = { href: `${base}/pacts/provider/{provider}/for-verification`, templated: true };
    return [200, { _links: { 'pb:provider-pacts-for-verification': link } }];
  }
  if (req.url === FOR_VERIFICATION && req.method === 'GET')
    return [200, { _links: { self: { href: base + req.url } } }];
  if (req.url === FOR_VERIFICATION && req.method === 'POST') {
    const listed = pacts.map((_pact, i) => ({
      shortDescription: 'latest from main',
      verificationProperties: { pending: false, notices: [] },
      _links: { self: { href: `${base}/pacts/${i}`, name: `pact ${i}` } },
    }));
    return [200, { _embedded: { pacts: listed } }];
  }
  const pact = /^\/pacts\/(\d+)$/.exec(req.url);
  if (pact && req.method === 'GET') {
    const links = {
      'pb:provider': { href: `${base}/pacticipants/ramp-developer-api` },
      'pb:publish-verification-results': { href: `${base}${req.url}/verification-results` },
    };
    return [200, { ...pacts[Number(pact[1])], _links: links }];
  }
  if (req.url === '/pacticipants/ramp-developer-api' && req.method === 'GET') {
    const link = {
      href: `${base}/pacticipants/ramp-developer-api/branches/{branch}/versions/{version}`,
      templated: true,
    };
    return [200, { _links: { 'pb:branch-version': link } }];
  }
  if (req.method === 'PUT' || (req.method === 'POST' && req.url.endsWith('/verification-results'))) return [201, {}];
  return [404, {}];
}

// The calls share one worker process: the Verifier starts once.
const workerPool = new PactWorkerPool();

beforeAll(async () => {
  broker = await startLocalTestServer((req, res) => {
    const [status, body] = answer(req);
    res.writeHead(status, { 'content-type': 'application/hal+json' });
    res.end(JSON.stringify(body));
  });
  target = await resolveTarget(loadConfig({ envFile: null, env: {} }));
});
afterAll(async () => {
  await workerPool.close();
  await target.close();
  await broker.close();
});
beforeEach(() => {
  broker.requests.length = 0;
  pacts = [spendSyncPact()];
});

function verify(
  env: NodeJS.ProcessEnv,
  options: { brokerUrl?: string; interaction?: string; tokens?: RunTokens; target?: VerifyTarget } = {},
) {
  const config = loadConfig({
    envFile: null,
    env: { PACT_BROKER_BASE_URL: options.brokerUrl ?? broker.url, PACT_BROKER_TOKEN: BROKER_TOKEN },
  });
  const tokens = options.tokens ?? new RunTokens(credentialsOf(target));
  const run = {
    workerPool,
    ...(options.interaction !== undefined ? { interaction: options.interaction } : {}),
  };
  return brokerVerification(
    { config, target: options.target ?? target, tokens, audit: undefined, options: run, log: () => undefined },
    undefined,
    env,
  );
}

const requestsTo = (method: string, path: RegExp) =>
  broker.requests.filter((r) => r.method === method && path.test(r.url));

describe('pact verification with the pacts of a Pact Broker', () => {
  it("verifies the broker's pacts, asked for by the documented selectors with the broker token, and publishes nothing outside CI", async () => {
    const step = await verify({});

    expect(step.error).toBeUndefined();
    expect(step.cases.map((c) => [c.suite, c.name, c.outcome])).toEqual([
      ['pact broker -> ramp-developer-api', LIST_TRANSACTIONS, 'passed'],
      ['pact broker -> ramp-developer-api', GET_TRANSACTION, 'passed'],
      ['pact broker -> ramp-developer-api', EXPIRED_TOKEN, 'passed'],
    ]);
    const [asked] = requestsTo('POST', /\/for-verification$/);
    expect(JSON.parse(asked?.body ?? '{}')).toMatchObject({ consumerVersionSelectors: CONSUMER_VERSION_SELECTORS });
    expect(broker.requests.every((r) => r.headers.authorization === `Bearer ${BROKER_TOKEN}`)).toBe(true);
    expect(requestsTo('POST', /verification-results$/)).toEqual([]);
    expect(requestsTo('PUT', /./)).toEqual([]);
    expect(step.summary).toEqual({ source: 'broker', published: false });
    expect(JSON.stringify(step)).not.toContain(BROKER_TOKEN);
  });

  it('errs only the interaction whose state needs a token kind that could not be had', async () => {
    class RevocationDown extends RunTokens {
      override mint(kinds: Iterable<TokenKind>) {
        if ([...kinds].includes('revoked')) return Promise.reject(new Error('could not revoke: HTTP 503'));
        return super.mint(kinds);
      }
    }
    const step = await verify({}, { tokens: new RevocationDown(credentialsOf(target)) });

    expect(step.error).toBeUndefined();
    expect(step.cases.map((c) => [c.name, c.outcome])).toEqual([
      [LIST_TRANSACTIONS, 'passed'],
      [GET_TRANSACTION, 'passed'],
      [EXPIRED_TOKEN, 'error'],
    ]);
    expect(step.cases[2]?.message).toBe(
      'its provider state needs a token this run could not get (revoked: could not revoke: HTTP 503)',
    );
  });

  it('skips a write on a host that is not write-allowed, saying how to allow it', async () => {
    pacts = [cardIssuingPact()];
    const step = await verify({}, { target: { ...target, writeAllowedHosts: [] } });

    expect(step.error).toBeUndefined();
    expect(step.cases.find((c) => c.name === CREATE_CARD)).toMatchObject({
      outcome: 'skipped',
      message: `a write and ${target.baseUrl} is not write-allowed (RAMPART_WRITE_HOSTS)`,
    });
  });

  it("publishes the results from CI, as the commit's provider version on its branch", async () => {
    const step = await verify({ CI: 'true', GITHUB_SHA: 'c0ffee1', GITHUB_REF_NAME: 'main' });

    expect(step.error).toBeUndefined();
    expect(requestsTo('PUT', /./).map((r) => r.url)).toEqual([
      '/pacticipants/ramp-developer-api/branches/main/versions/c0ffee1',
    ]);
    const [published] = requestsTo('POST', /^\/pacts\/0\/verification-results$/);
    expect(JSON.parse(published?.body ?? '{}')).toMatchObject({ providerApplicationVersion: 'c0ffee1', success: true });
    expect(step.summary).toEqual({ source: 'broker', published: true });
  });

  it('is an error, never a green step, when the broker cannot be reached, has no pact, or none with the interaction', async () => {
    const port = await closedPort();
    const unreachable = await verify({ CI: 'true', GITHUB_SHA: 'c0ffee1' }, { brokerUrl: `http://127.0.0.1:${port}` });
    expect(unreachable.cases).toEqual([]);
    expect(unreachable.summary).toEqual({ source: 'broker', published: false });
    expect(unreachable.error).toMatch(
      new RegExp(`^Failed to load pact: No pacts found for provider 'ramp-developer-api' .*127\\.0\\.0\\.1:${port}`),
    );

    pacts = [];
    const empty = await verify({});
    expect(empty.cases).toEqual([]);
    expect(empty.error).toMatch(/^Failed to load pact: No pacts found for provider 'ramp-developer-api'/);

    pacts = [spendSyncPact()];
    const unknown = await verify({}, { interaction: 'no such interaction' });
    expect(unknown.cases).toEqual([]);
    expect(unknown.error).toBe(
      `the Pact Broker at ${broker.url} gave no interaction of ramp-developer-api to verify named "no such interaction"`,
    );
  });
  it('says "no API at" in one line, with no broken contract, when every request of the replay is answered 404', async () => {
    // A base URL under a path the sandbox does not serve; the token URL is the sandbox's own.
    const gateway = await resolveTarget(
      loadConfig({
        envFile: null,
        env: {
          STAGING_BASE_URL: `${target.baseUrl}/gw`,
          RAMP_TOKEN_URL: target.tokenUrl,
          RAMP_CLIENT_ID: target.clientId,
          RAMP_CLIENT_SECRET: target.clientSecret,
        },
      }),
    );
    try {
      const step = await verify({}, { target: gateway, tokens: new RunTokens(credentialsOf(gateway)) });
      expect(step.error).toMatch(
        /^no API at http:\/\/127\.0\.0\.1:\d+\/gw: (\d+) of \1 requests of the replay and its state setups were answered 404 /,
      );
      expect(step.cases.map((c) => c.outcome)).toEqual(['error', 'error', 'error']);
    } finally {
      await gateway.close();
    }
  });
});
