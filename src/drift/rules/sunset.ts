/** `x-sunset` dates: RFC 3339 full-date or date-time. */

export function parseSunset(value: string | undefined): Date | null {
  if (value === undefined || !/^\d{4}-\d{2}-\d{2}([Tt ][0-9:.]+([Zz]|[+-]\d{2}:\d{2})?)?$/.test(value.trim()))
    return null;
  const time = Date.parse(value.trim());
  return Number.isNaN(time) ? null : new Date(time);
}

/** True when the date is valid and still ahead. */
export function sunsetInFuture(value: string | undefined, now = Date.now()): boolean {
  const date = parseSunset(value);
  return date !== null && date.getTime() > now;
}

const STABILITY_ORDER = ['draft', 'alpha', 'beta', 'stable'];

/** Rank of an `x-stability-level`; an absent level counts as stable. */
export function stabilityRank(level: string | undefined): number {
  if (level === undefined) return STABILITY_ORDER.length - 1;
  const rank = STABILITY_ORDER.indexOf(level);
  return rank === -1 ? STABILITY_ORDER.length - 1 : rank;
}

/** Draft and alpha operations promise nothing: breaking changes to them are not reported. */
export function isUnstable(level: string | undefined): boolean {
  return level === 'draft' || level === 'alpha';
}
