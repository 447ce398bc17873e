/** The consumer tests' client hands a response over only once Pact's mock server has recorded its match. */
import './no-telemetry';
import { mkdtempSync, rmSync } from 'node:fs';
import { Agent } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PactV4, SpecificationVersion } from '@pact-foundation/pact';
import axios, { AxiosError } from 'axios';
import { awaitRecordedMatches, missingRequests } from './recorded-matches';

const dir = mkdtempSync(join(tmpdir(), 'rampart-recorded-matches-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const pact = new PactV4({
  consumer: 'recorded-matches-consumer',
  provider: 'recorded-matches-provider',
  dir,
  spec: SpecificationVersion.SPECIFICATION_VERSION_V4,
  logLevel: 'error',
});

function clientOf(url: string) {
  const http = axios.create({ baseURL: url, httpAgent: new Agent({ keepAlive: false }) });
  const port = Number(new URL(url).port);
  awaitRecordedMatches(http, port);
  return { http, port };
}

const pingInteraction = () =>
  pact
    .addInteraction()
    .uponReceiving('a ping')
    .withRequest('GET', '/ping')
    .willRespondWith(200, (b) => b.jsonBody({ ok: true }));

it('hands the response over with its match already recorded', async () => {
  await pingInteraction().executeTest(async (mockServer) => {
    const { http, port } = clientOf(mockServer.url);
    expect(missingRequests(port)).toBe(1);
    const response = await http.get<{ ok: boolean }>('/ping');
    expect(response.data).toEqual({ ok: true });
    expect(missingRequests(port)).toBe(0);
  });
});

it('still lets a request the mock server did not expect fail, and Pact report it', async () => {
  const run = pingInteraction().executeTest(async (mockServer) => {
    const { http } = clientOf(mockServer.url);
    const error = await http.get('/pong').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AxiosError);
    expect((error as AxiosError).response?.status).toBe(500);
  });
  await expect(run).rejects.toThrow(/GET \/ping|expected but not received/);
});
