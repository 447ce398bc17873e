/**
 * pact-core 19 (pact-js 16.3 and later) records that its mock server matched a request on a task of its
 * own, after the response has gone out. Under CPU load `executeTest` can read the mock server's state
 * before that task ran and fail with "expected but not received" for a request the mock server answered
 * (pact-foundation/pact-core-mock-server#13; pact-core 20 fixes it, but needs Node 22). So the consumer
 * tests' client holds each response until the mock server's count of requests still missing has dropped:
 * a few milliseconds at most when the request matched; when it did not, the count never drops and the
 * client gives up after `BOUND_MS`, leaving Pact to report the mismatch.
 */
import { makeConsumerPact, type ConsumerPact, type MatchingResult } from '@pact-foundation/pact-core';
import type { AxiosInstance } from 'axios';
import { setTimeout as sleep } from 'node:timers/promises';

const POLL_MS = 2;
const BOUND_MS = 200;

let core: ConsumerPact | undefined;

/** Requests the mock server on `port` expects and has not recorded yet. */
export function missingRequests(port: number): number {
  // The mismatch query is keyed by port alone: any handle of the native core answers for any mock server.
  // Made with the log level already set, which it would otherwise change for every pact in the process.
  core ??= makeConsumerPact('rampart-recorded-matches', 'rampart-recorded-matches');
  return core
    .mockServerMismatches(port)
    .filter((result: MatchingResult) => 'type' in result && result.type === 'missing-request').length;
}

/** Makes every response `http` gets from the mock server on `port` wait until its match is recorded. */
export function awaitRecordedMatches(http: AxiosInstance, port: number): void {
  let missingBefore = 0;
  const recorded = async () => {
    // With nothing missing before the request, no count can drop: a repeat of a matched request.
    if (missingBefore === 0) return;
    const deadline = Date.now() + BOUND_MS;
    while (missingRequests(port) >= missingBefore && Date.now() < deadline) await sleep(POLL_MS);
  };
  http.interceptors.request.use((config) => {
    missingBefore = missingRequests(port);
    return config;
  });
  http.interceptors.response.use(
    async (response) => {
      await recorded();
      return response;
    },
    async (error: unknown) => {
      await recorded();
      throw error;
    },
  );
}
