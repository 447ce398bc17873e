export const LABEL_SEPARATOR = ' › ';

/** `spend-sync › a request for a transaction`: how reports name a consumer's interaction. */
export function interactionLabel(consumer: string, description: string): string {
  return `${consumer}${LABEL_SEPARATOR}${description}`;
}
