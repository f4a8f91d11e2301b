/**
 * Date-times that carry their own UTC offset, moved between zones with `Intl.DateTimeFormat`
 * (never through the machine's zone), and formatted with a strftime subset (Jekyll's `date`).
 */

import { parseIsoDateTime, type DateTimeParts } from './post-date';

/** Wall-clock fields and the offset they are in. */
export type ZonedDateTime = DateTimeParts;

const pad = (n: number, width = 2): string => String(Math.abs(n)).padStart(width, '0');

/** `Date.UTC` without its 0–99 → 1900–1999 year mapping. */
function utcMs(year: number, month: number, day: number, hour = 0, minute = 0, second = 0) {
  const date = new Date(0);
  date.setUTCFullYear(year, month - 1, day);
  date.setUTCHours(hour, minute, second, 0);
  return date.getTime();
}

export function parseZoned(iso: string): ZonedDateTime {
  return parseIsoDateTime(iso);
}

/** The instant, in milliseconds since the epoch. */
export function epochMs(date: ZonedDateTime): number {
  return (
    utcMs(date.year, date.month, date.day, date.hour, date.minute, date.second) -
    date.offsetMinutes * 60_000
  );
}

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatterFor(zone: string): Intl.DateTimeFormat {
  let formatter = formatters.get(zone);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat('en-US', {
      timeZone: zone,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
    });
    formatters.set(zone, formatter);
  }
  return formatter;
}

/** True for an IANA zone the browser knows (`Asia/Shanghai`, `UTC`, `America/New_York`). */
export function isValidTimeZone(zone: string): boolean {
  if (!zone.trim() || zone !== zone.trim()) return false;
  try {
    formatterFor(zone);
    return true;
  } catch {
    return false;
  }
}

/** The zone's UTC offset in whole minutes at that instant (DST-aware; +480 = UTC+8). */
export function zoneOffsetMinutes(zone: string, instantMs: number): number {
  if (!isValidTimeZone(zone)) throw new Error(`Unknown time zone: ${JSON.stringify(zone)}`);
  const whole = Math.floor(instantMs / 1000) * 1000;
  const parts: Record<string, number> = {};
  for (const part of formatterFor(zone).formatToParts(new Date(whole))) {
    if (part.type !== 'literal') parts[part.type] = Number(part.value);
  }
  const wall = utcMs(
    parts.year ?? 0,
    parts.month ?? 1,
    parts.day ?? 1,
    (parts.hour ?? 0) % 24,
    parts.minute ?? 0,
    parts.second ?? 0,
  );
  // Historical zones can have offsets with seconds (LMT): rounded, as front matter has no room for them.
  return Math.round((wall - whole) / 60_000) || 0;
}

/** The same instant as wall-clock time in `zone`. */
export function inTimeZone(date: ZonedDateTime, zone: string): ZonedDateTime {
  const instant = epochMs(date);
  const offsetMinutes = zoneOffsetMinutes(zone, instant);
  // Fields read back from one shifted instant, so fields and offset always agree.
  const local = new Date(instant + offsetMinutes * 60_000);
  return {
    year: local.getUTCFullYear(),
    month: local.getUTCMonth() + 1,
    day: local.getUTCDate(),
    hour: local.getUTCHours(),
    minute: local.getUTCMinutes(),
    second: local.getUTCSeconds(),
    offsetMinutes,
  };
}

function offsetText(offsetMinutes: number, colon: boolean): string {
  const sign = offsetMinutes < 0 ? '-' : '+';
  const abs = Math.abs(offsetMinutes);
  return `${sign}${pad(Math.floor(abs / 60))}${colon ? ':' : ''}${pad(abs % 60)}`;
}

function dayText(date: ZonedDateTime): string {
  return `${pad(date.year, 4)}-${pad(date.month)}-${pad(date.day)}`;
}

function timeText(date: ZonedDateTime): string {
  return `${pad(date.hour)}:${pad(date.minute)}:${pad(date.second)}`;
}

/** RFC 3339: `2022-01-12T21:56:33+08:00` (Hugo's `date`). */
export function formatIso(date: ZonedDateTime): string {
  return `${dayText(date)}T${timeText(date)}${offsetText(date.offsetMinutes, true)}`;
}

/** `2022-01-12 21:56:33 +0800` (Jekyll's `date`). */
export function formatJekyll(date: ZonedDateTime): string {
  return `${dayText(date)} ${timeText(date)} ${offsetText(date.offsetMinutes, false)}`;
}

/** `2022-01-12`, the calendar day in the date's own offset. */
export function formatDay(date: ZonedDateTime): string {
  return dayText(date);
}

const MONTHS = [
  'January',
  'February',
  'March',
  'April',
  'May',
  'June',
  'July',
  'August',
  'September',
  'October',
  'November',
  'December',
];
const WEEKDAYS = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];

/** The strftime directives `strftime` knows, for error messages and the README. */
export const STRFTIME_DIRECTIVES = 'YyCmdejHIMSLpPzZaAbBhuwsFTDR%';

/**
 * strftime as Jekyll (Ruby) and Liquid know it, on the date's own wall clock: `%Y-%m-%d %H:%M:%S %z`.
 * Flags: `-` (no padding, `%-d`), `_` (space padding), `:` (`%:z` → `+08:00`). `%Z` prints the
 * zone name when one is given, else the offset. Unknown directives throw.
 */
export function strftime(date: ZonedDateTime, format: string, zoneName?: string): string {
  const weekday = new Date(utcMs(date.year, date.month, date.day)).getUTCDay();
  const dayOfYear =
    Math.round((utcMs(date.year, date.month, date.day) - utcMs(date.year, 1, 1)) / 86_400_000) + 1;
  const hour12 = date.hour % 12 || 12;
  return format.replace(/%([-_]?)(:?)(.)/gsu, (whole, flag: string, colon: string, d: string) => {
    const num = (n: number, width = 2): string =>
      flag === '-' ? String(n) : flag === '_' ? String(n).padStart(width, ' ') : pad(n, width);
    if (colon && d !== 'z') throw new Error(`Unknown date format directive "${whole}"`);
    switch (d) {
      case 'Y':
        return flag === '-' ? String(date.year) : pad(date.year, 4);
      case 'y':
        return num(date.year % 100);
      case 'C':
        return num(Math.floor(date.year / 100));
      case 'm':
        return num(date.month);
      case 'd':
        return num(date.day);
      case 'e':
        return flag === '-' ? String(date.day) : String(date.day).padStart(2, ' ');
      case 'j':
        return num(dayOfYear, 3);
      case 'H':
        return num(date.hour);
      case 'I':
        return num(hour12);
      case 'M':
        return num(date.minute);
      case 'S':
        return num(date.second);
      case 'L':
        return '000';
      case 'p':
        return date.hour < 12 ? 'AM' : 'PM';
      case 'P':
        return date.hour < 12 ? 'am' : 'pm';
      case 'z':
        return offsetText(date.offsetMinutes, colon === ':');
      case 'Z':
        return zoneName ?? offsetText(date.offsetMinutes, true);
      case 'a':
        return (WEEKDAYS[weekday] ?? '').slice(0, 3);
      case 'A':
        return WEEKDAYS[weekday] ?? '';
      case 'b':
      case 'h':
        return (MONTHS[date.month - 1] ?? '').slice(0, 3);
      case 'B':
        return MONTHS[date.month - 1] ?? '';
      case 'u':
        return String(weekday || 7);
      case 'w':
        return String(weekday);
      case 's':
        return String(Math.floor(epochMs(date) / 1000));
      case 'F':
        return dayText(date);
      case 'T':
        return timeText(date);
      case 'D':
        return `${pad(date.month)}/${pad(date.day)}/${pad(date.year % 100)}`;
      case 'R':
        return `${pad(date.hour)}:${pad(date.minute)}`;
      case '%':
        return '%';
      default:
        throw new Error(
          `Unknown date format directive "${whole}" (known: ${[...STRFTIME_DIRECTIVES].map((c) => `%${c}`).join(' ')})`,
        );
    }
  });
}
