import { validateExchanges } from '../../../impact/validate-exchanges';
import { exerciseSandbox } from './exercise';
import { sandboxSpec, startSandbox, type RunningSandbox } from './index';

/**
 * Every operation the sandbox serves is called once, successfully, and every response validates
 * against the sandbox's own baseline document with nothing undocumented. (The same exchanges are
 * checked against Ramp's published document by `npm run check:ramp`, outside `npm test`.)
 */

let sandbox: RunningSandbox;
beforeAll(async () => {
  sandbox = await startSandbox();
});
afterAll(() => sandbox.close());

it('calls every served operation and each response fits the baseline document, undocumented fields included', async () => {
  const exchanges = await exerciseSandbox(sandbox);
  const operations = new Set(exchanges.map((exchange) => `${exchange.method} ${exchange.status}`));
  expect(operations).toEqual(new Set(['GET 200', 'POST 200', 'POST 201', 'PATCH 204']));
  const cases = validateExchanges(sandboxSpec('baseline') as unknown as Record<string, unknown>, exchanges);
  expect(cases.length).toBeGreaterThanOrEqual(18);
  expect(cases.filter((c) => c.outcome !== 'passed' || c.severity !== undefined)).toEqual([]);
});
