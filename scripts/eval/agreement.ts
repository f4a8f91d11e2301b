/** Metadata agreement with the gold: published date, title, byline. */

interface DateValue {
  year: number;
  month: number;
  day: number;
  hour?: number;
  minute?: number;
  /** Minutes east of UTC, when the value states it. */
  offset?: number;
}

const DATE =
  /^\s*(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})(?:[T\s]+(\d{1,2}):(\d{2})(?::\d{2}(?:[.,]\d+)?)?)?\s*(Z|[+-]\d{2}:?\d{2})?/i;

/** A date with at least a full day (`2022-02-13`, `2005-3-11 12:12`, `…T10:52:50+0100`); else null. */
export function parseDateValue(value: string | null | undefined): DateValue | null {
  const match = DATE.exec(value ?? '');
  if (!match) return null;
  const [, year, month, day, hour, minute, offset] = match;
  const parsed: DateValue = { year: Number(year), month: Number(month), day: Number(day) };
  if (hour !== undefined && minute !== undefined) {
    parsed.hour = Number(hour);
    parsed.minute = Number(minute);
  }
  if (offset) {
    if (/^z$/i.test(offset)) parsed.offset = 0;
    else {
      const digits = offset.replace(':', '');
      const minutes = Number(digits.slice(1, 3)) * 60 + Number(digits.slice(3, 5));
      parsed.offset = digits.startsWith('-') ? -minutes : minutes;
    }
  }
  return parsed;
}

/** The value's wall clock moved to another offset (both must carry one). */
function shifted(value: DateValue, offset: number): DateValue {
  const utc = Date.UTC(value.year, value.month - 1, value.day, value.hour ?? 0, value.minute ?? 0);
  const local = new Date(utc + (offset - (value.offset ?? 0)) * 60_000);
  return {
    year: local.getUTCFullYear(),
    month: local.getUTCMonth() + 1,
    day: local.getUTCDate(),
    hour: value.hour === undefined ? undefined : local.getUTCHours(),
    minute: value.minute === undefined ? undefined : local.getUTCMinutes(),
    offset,
  };
}

/** True when the gold has at least a full calendar day. */
export function hasGoldDate(gold: string | null | undefined): boolean {
  return parseDateValue(gold) !== null;
}

/**
 * Ours agrees with the gold: the same calendar day, and the same minute where the gold gives a
 * time. A gold with an offset is compared as an instant (ours read in the gold's offset); a gold
 * without one as wall-clock time, ours read as written.
 */
export function sameDate(
  ours: string | null | undefined,
  gold: string | null | undefined,
): boolean {
  const expected = parseDateValue(gold);
  let got = parseDateValue(ours);
  if (!expected || !got) return false;
  if (expected.offset !== undefined && got.offset !== undefined && got.hour !== undefined)
    got = shifted(got, expected.offset);
  if (got.year !== expected.year || got.month !== expected.month || got.day !== expected.day)
    return false;
  if (expected.hour === undefined) return true;
  return got.hour === expected.hour && got.minute === expected.minute;
}

export function collapse(value: string | null | undefined): string {
  return (value ?? '').replace(/\s+/g, ' ').trim();
}

/** Equal after collapsing whitespace. */
export function sameTitle(ours: string | null | undefined, gold: string): boolean {
  return collapse(ours) === collapse(gold);
}

/** Equal, or the gold is ours plus a separator and the site name (` - Site`, `_站点`, `| Site`). */
export function sameTitleOrSuffixed(ours: string | null | undefined, gold: string): boolean {
  const mine = collapse(ours);
  const expected = collapse(gold);
  if (!mine) return false;
  if (mine === expected) return true;
  return expected.startsWith(mine) && /^\s*(?:[-_|–—»:·｜]|::)/.test(expected.slice(mine.length));
}

/** Byline agreement: equal ignoring case and whitespace. */
export function sameByline(ours: string | null | undefined, gold: string): boolean {
  return collapse(ours).toLowerCase() === collapse(gold).toLowerCase();
}
