const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/**
 * A date as people read it (`1 May 2024`), from the forms providers send: RFC 9745's `@<epoch seconds>`
 * (the `Deprecation` header), an HTTP date (`Sunset`), an ISO date or date-time. `—` for none; text
 * that is none of these is returned as it came.
 */
export function humanDate(value: string | null | undefined): string {
  if (value === null || value === undefined || value.trim() === '') return '—';
  const text = value.trim();
  const epoch = /^@(-?\d+)$/.exec(text);
  const time = epoch
    ? Number(epoch[1]) * 1000
    : /^\d{4}-\d{2}-\d{2}$/.test(text)
      ? Date.parse(`${text}T00:00:00Z`)
      : Date.parse(text);
  if (!Number.isFinite(time)) return text;
  const date = new Date(time);
  return `${date.getUTCDate()} ${MONTHS[date.getUTCMonth()]} ${date.getUTCFullYear()}`;
}
