import { describe, expect, it } from 'vitest';
import { datePart, isoWithLocalOffset, jekyllDate } from '../../lib/export/post-date';

// Every case must hold whatever the machine's zone: run with TZ=UTC, Asia/Shanghai, America/Los_Angeles.
describe(`post dates (TZ=${process.env.TZ ?? 'unset'})`, () => {
  it.each([
    ['2022-01-12T21:56:33+08:00', '2022-01-12 21:56:33 +0800', '2022-01-12'],
    ['2022-01-12T13:56:33Z', '2022-01-12 13:56:33 +0000', '2022-01-12'],
    ['2022-01-12T13:56:33z', '2022-01-12 13:56:33 +0000', '2022-01-12'],
    ['2022-01-12T08:56:33-05:00', '2022-01-12 08:56:33 -0500', '2022-01-12'],
    ['2022-01-12T21:56:33.123+08:00', '2022-01-12 21:56:33 +0800', '2022-01-12'],
    ['2022-01-12T21:56:33.123456789Z', '2022-01-12 21:56:33 +0000', '2022-01-12'],
    ['2022-01-12T21:56+08:00', '2022-01-12 21:56:00 +0800', '2022-01-12'],
    ['2022-01-12T21:56:33+0800', '2022-01-12 21:56:33 +0800', '2022-01-12'],
    ['2022-01-12T21:56:33+08', '2022-01-12 21:56:33 +0800', '2022-01-12'],
    ['2022-01-12 21:56:33+05:30', '2022-01-12 21:56:33 +0530', '2022-01-12'],
    // Converting these to UTC would change the calendar day.
    ['2022-01-12T23:30:00-08:00', '2022-01-12 23:30:00 -0800', '2022-01-12'],
    ['2022-01-12T00:30:00+08:00', '2022-01-12 00:30:00 +0800', '2022-01-12'],
    ['2022-12-31T23:59:59-10:00', '2022-12-31 23:59:59 -1000', '2022-12-31'],
    ['2024-02-29T12:00:00+14:00', '2024-02-29 12:00:00 +1400', '2024-02-29'],
  ])('%s', (iso, jekyll, day) => {
    expect(jekyllDate(iso)).toBe(jekyll);
    expect(datePart(iso)).toBe(day);
  });

  it.each([
    ['2022-01-12T21:56:33', /no UTC offset/],
    ['2022-01-12', /no UTC offset/],
    ['2022-01-12T21:56', /no UTC offset/],
    ['January 12, 2022', /Not an ISO 8601/],
    ['', /Not an ISO 8601/],
    ['2022-01-12T21:56:33 +08:00', /Not an ISO 8601/],
    ['2022-13-01T00:00:00Z', /Not a valid/],
    ['2022-02-29T00:00:00Z', /Not a valid/],
    ['2022-01-12T24:00:00Z', /Not a valid/],
    ['2022-01-12T23:60:00Z', /Not a valid/],
    ['2022-01-12T23:00:00+25:00', /Not a valid/],
  ])('throws on %j', (input, message) => {
    expect(() => jekyllDate(input)).toThrow(message);
    expect(() => datePart(input)).toThrow(message);
  });

  it('isoWithLocalOffset writes the machine offset and names the same instant', () => {
    const instant = new Date('2026-11-25T16:05:00.789Z');
    const iso = isoWithLocalOffset(instant);
    expect(iso).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}[+-]\d{2}:\d{2}$/);
    expect(new Date(iso).getTime()).toBe(Math.floor(instant.getTime() / 1000) * 1000);
    const minutes = -instant.getTimezoneOffset();
    const sign = minutes < 0 ? '-' : '+';
    const hh = String(Math.floor(Math.abs(minutes) / 60)).padStart(2, '0');
    const mm = String(Math.abs(minutes) % 60).padStart(2, '0');
    expect(iso.endsWith(`${sign}${hh}:${mm}`)).toBe(true);
    // What it writes, jekyllDate reads back unchanged.
    expect(jekyllDate(iso)).toBe(`${iso.slice(0, 10)} ${iso.slice(11, 19)} ${sign}${hh}${mm}`);
  });

  // Node re-reads TZ when it changes, so one run checks the three zones.
  it.each([
    ['UTC', '2026-11-25T16:05:00Z', '2026-11-25T16:05:00+00:00'],
    ['Asia/Shanghai', '2026-11-25T16:05:00Z', '2026-11-26T00:05:00+08:00'],
    ['America/Los_Angeles', '2026-11-25T16:05:00Z', '2026-11-25T08:05:00-08:00'],
    ['America/Los_Angeles', '2026-07-01T16:05:00Z', '2026-07-01T09:05:00-07:00'],
  ])('isoWithLocalOffset under %s (%s)', (zone, instant, expected) => {
    const saved = process.env.TZ;
    process.env.TZ = zone;
    try {
      expect(isoWithLocalOffset(new Date(instant))).toBe(expected);
    } finally {
      if (saved === undefined) delete process.env.TZ;
      else process.env.TZ = saved;
    }
  });

  it('isoWithLocalOffset rejects an invalid Date', () => {
    expect(() => isoWithLocalOffset(new Date('nope'))).toThrow(/Invalid Date/);
  });
});
