import { parsePactDocument } from '../contracts/pact-reader';
import { STATE_HANDLERS } from '../providers/ramp/state-handlers';
import { cardIssuingPact, CREATE_CARD } from '../providers/ramp/testing/test-pacts';
import { planPact } from './pact-plan';

/** What the plan decides before anything is sent: a write on a host that may not take one is skipped, saying why. */

const pact = {
  ...parsePactDocument(cardIssuingPact(), 'card-issuing.json'),
  file: 'card-issuing.json',
  absolutePath: '/p',
};
const skippedWrite = (targetHost: string) =>
  planPact(pact, { handlers: STATE_HANDLERS, writesAllowed: false, targetHost }).decided.find((c) =>
    c.name.endsWith(CREATE_CARD),
  )?.message;

it('names the way to allow writes on a staging host', () => {
  expect(skippedWrite('staging.example.test')).toBe(
    'POST /developer/v1/cards/deferred/virtual is a write and staging.example.test is not write-allowed; to verify it, add the host to RAMPART_WRITE_HOSTS (RAMPART_WRITE_HOSTS=staging.example.test)',
  );
});

it('never suggests allowing writes on the production API, and names the staging that takes them', () => {
  for (const host of ['api.ramp.com', 'api.ramp.com:443']) {
    expect(skippedWrite(host)).toBe(
      `POST /developer/v1/cards/deferred/virtual is a write and ${host} is the provider's production API, which is sent no write; verify writes on a staging such as demo-api.ramp.com`,
    );
  }
});
