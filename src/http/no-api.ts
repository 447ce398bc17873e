import { providerEnv } from '../providers';

/**
 * Two misconfigurations make every answer of a target the same, whatever was asked: a base URL the API
 * is not under (a gateway prefix missing or added) answers every request 404, and an API whose tokens
 * come from another token endpoint (another environment's) answers every request with a token 401.
 * Then nothing judged from those answers says anything about the provider.
 */

/** Why a 404 from a token that should have been accepted is likely: appended to the message saying so. */
export const NO_API_HINT = "(is the base URL the API host's root?)";

/** Why a 401 to a token just minted is likely: appended to the message saying so. */
export const TOKENS_REFUSED_HINT = `(are ${providerEnv('TOKEN_URL')} and the base URL of one environment?)`;

/** The one line saying the API is not at `baseUrl`; `observed` says what answered 404. */
export function noApiAt(baseUrl: string, observed: string): string {
  return `no API at ${baseUrl}: ${observed} ${NO_API_HINT}`;
}

/** The one line saying the API at `baseUrl` accepts none of the run's tokens; `observed` says what answered 401. */
export function tokensRefusedAt(baseUrl: string, observed: string): string {
  return `the API at ${baseUrl} accepts none of the run's tokens: ${observed} ${TOKENS_REFUSED_HINT}`;
}

/** `noApiAt` when every one of `statuses` (at least one) was a 404, else null; `requests` names what was sent. */
export function noApiIn(baseUrl: string, statuses: readonly (number | null)[], requests: string): string | null {
  return allWere(404, statuses) ? noApiAt(baseUrl, `${everyOne(statuses, requests)} were answered 404`) : null;
}

/** `tokensRefusedAt` when every one of `statuses` (at least one) was a 401, else null; `requests` names what was sent. */
export function tokensRefusedIn(
  baseUrl: string,
  statuses: readonly (number | null)[],
  requests: string,
): string | null {
  return allWere(401, statuses) ? tokensRefusedAt(baseUrl, `${everyOne(statuses, requests)} were answered 401`) : null;
}

/** The line for statuses all 404 or all 401, else null; `requests` names what was sent, e.g. `sweep requests`. */
export function unusableTarget(baseUrl: string, statuses: readonly (number | null)[], requests: string): string | null {
  return noApiIn(baseUrl, statuses, requests) ?? tokensRefusedIn(baseUrl, statuses, requests);
}

function allWere(status: number, statuses: readonly (number | null)[]): boolean {
  return statuses.length > 0 && statuses.every((s) => s === status);
}

const everyOne = (statuses: readonly unknown[], requests: string) =>
  `${statuses.length} of ${statuses.length} ${requests}`;
