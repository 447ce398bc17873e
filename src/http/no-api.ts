/**
 * A base URL the API is not under (a gateway prefix missing or added) answers every request 404, whatever
 * the token: then nothing judged from those answers says anything about the provider.
 */

/** Why a 404 from a token that should have been accepted is likely: appended to the message saying so. */
export const NO_API_HINT = "(is the base URL the API host's root?)";

/** Every one of `statuses` was a 404 (and there was at least one). */
export function allNotFound(statuses: readonly (number | null)[]): boolean {
  return statuses.length > 0 && statuses.every((status) => status === 404);
}

/** The one line saying the API is not at `baseUrl`; `observed` says what answered 404. */
export function noApiAt(baseUrl: string, observed: string): string {
  return `no API at ${baseUrl}: ${observed} ${NO_API_HINT}`;
}
