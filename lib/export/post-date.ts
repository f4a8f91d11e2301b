/**
 * Dates for front matter and file names, kept in the source's own UTC offset.
 * Strings are read field by field: going through `Date` would move them into the machine's zone.
 */

const ISO_WITH_OFFSET =
  /^(\d{4})-(\d{2})-(\d{2})[Tt ](\d{2}):(\d{2})(?::(\d{2})(?:[.,]\d+)?)?([Zz]|[+-]\d{2}(?::?\d{2})?)$/;
const ISO_WITHOUT_OFFSET = /^\d{4}-\d{2}-\d{2}(?:[Tt ]\d{2}:\d{2}(?::\d{2}(?:[.,]\d+)?)?)?$/;

interface DateFields {
  date: string;
  time: string;
  /** `+HHMM` / `-HHMM`, Jekyll's form. */
  offset: string;
}

function isLeapYear(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}

function daysInMonth(year: number, month: number): number {
  return month === 2 ? (isLeapYear(year) ? 29 : 28) : [4, 6, 9, 11].includes(month) ? 30 : 31;
}

function parseIso(iso: string): DateFields {
  const text = iso.trim();
  const match = ISO_WITH_OFFSET.exec(text);
  if (!match) {
    throw new Error(
      ISO_WITHOUT_OFFSET.test(text)
        ? `Date has no UTC offset (expected e.g. 2022-01-12T21:56:33+08:00): ${JSON.stringify(iso)}`
        : `Not an ISO 8601 date-time with a UTC offset: ${JSON.stringify(iso)}`,
    );
  }
  const [, y = '', mo = '', d = '', h = '', mi = '', s = '00', zone = ''] = match;
  const offset = /^[Zz]$/.test(zone) ? '+0000' : zone.replace(':', '').padEnd(5, '0');
  const valid =
    Number(mo) >= 1 &&
    Number(mo) <= 12 &&
    Number(d) >= 1 &&
    Number(d) <= daysInMonth(Number(y), Number(mo)) &&
    Number(h) <= 23 &&
    Number(mi) <= 59 &&
    Number(s) <= 59 &&
    Number(offset.slice(1, 3)) <= 23 &&
    Number(offset.slice(3)) <= 59;
  if (!valid) throw new Error(`Not a valid date-time: ${JSON.stringify(iso)}`);
  return { date: `${y}-${mo}-${d}`, time: `${h}:${mi}:${s}`, offset };
}

/** A date-time as its fields and its UTC offset in minutes (+480 = UTC+8); fractions dropped. */
export interface DateTimeParts {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
  offsetMinutes: number;
}

/** Reads an ISO 8601 date-time with an offset into its fields, without moving it to another zone. */
export function parseIsoDateTime(iso: string): DateTimeParts {
  const { date, time, offset } = parseIso(iso);
  const [year = 0, month = 0, day = 0] = date.split('-').map(Number);
  const [hour = 0, minute = 0, second = 0] = time.split(':').map(Number);
  const sign = offset.startsWith('-') ? -1 : 1;
  const offsetMinutes = sign * (Number(offset.slice(1, 3)) * 60 + Number(offset.slice(3, 5)));
  return { year, month, day, hour, minute, second, offsetMinutes: offsetMinutes || 0 };
}

/** `2022-01-12T21:56:33.5+08:00` → `2022-01-12 21:56:33 +0800` (Jekyll's `date:`; fractions dropped). */
export function jekyllDate(iso: string): string {
  const { date, time, offset } = parseIso(iso);
  return `${date} ${time} ${offset}`;
}

/** The calendar day in the string's own offset: `2022-01-12T23:30:00-08:00` → `2022-01-12`. */
export function datePart(iso: string): string {
  return parseIso(iso).date;
}

const pad = (n: number, width = 2): string => String(n).padStart(width, '0');

/** ISO 8601 in the machine's zone with its offset, e.g. `2026-11-25T16:05:00+00:00` (for "saved at"). */
export function isoWithLocalOffset(date: Date): string {
  const ms = date.getTime();
  if (Number.isNaN(ms)) throw new Error('Invalid Date');
  // Whole minutes, and fields read back from the same shifted instant, so both always agree
  // (historical zones can have offsets with seconds).
  const offsetMinutes = -Math.round(date.getTimezoneOffset());
  const local = new Date(ms + offsetMinutes * 60_000);
  const sign = offsetMinutes < 0 ? '-' : '+';
  const abs = Math.abs(offsetMinutes);
  return (
    `${pad(local.getUTCFullYear(), 4)}-${pad(local.getUTCMonth() + 1)}-${pad(local.getUTCDate())}` +
    `T${pad(local.getUTCHours())}:${pad(local.getUTCMinutes())}:${pad(local.getUTCSeconds())}` +
    `${sign}${pad(Math.floor(abs / 60))}:${pad(abs % 60)}`
  );
}
