import { ApiProblem } from '../http/ramp-error';
import type { RequestContext } from './types';

/** Default and bounds of `page_size` live in the spec; this is only the fallback if a default is missing. */
const FALLBACK_PAGE_SIZE = 20;

export function encodeCursor(id: string): string {
  return Buffer.from(id, 'utf8').toString('base64url');
}

function decodeCursor(cursor: string): string {
  return Buffer.from(cursor, 'base64url').toString('utf8');
}

/**
 * One page of `items` (already filtered and in list order) after the `start` cursor. The cursor holds the
 * last id of the previous page, so pages stay stable while the list grows at its end.
 * `next` is a full URL on the host the client used, with every other query parameter kept.
 */
export function paginate<T extends { id: string }>(
  items: readonly T[],
  context: RequestContext,
  view: (item: T) => unknown,
): { data: unknown[]; page: { next: string | null } } {
  const pageSize = typeof context.query.page_size === 'number' ? context.query.page_size : FALLBACK_PAGE_SIZE;
  let from = 0;
  if (typeof context.query.start === 'string') {
    const afterId = decodeCursor(context.query.start);
    const index = items.findIndex((item) => item.id === afterId);
    if (index < 0)
      throw ApiProblem.validation({ start: ['Invalid cursor: take it from page.next of the previous page.'] });
    from = index + 1;
  }
  const page = items.slice(from, from + pageSize);
  const last = page[page.length - 1];
  let next: string | null = null;
  if (last && from + pageSize < items.length) {
    const url = new URL(context.url.href);
    url.searchParams.set('start', encodeCursor(last.id));
    next = url.href;
  }
  return { data: page.map(view), page: { next } };
}
