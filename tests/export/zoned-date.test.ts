import { afterEach, describe, expect, it } from 'vitest';
import {
  epochMs,
  formatDay,
  formatIso,
  formatJekyll,
  inTimeZone,
  isValidTimeZone,
  parseZoned,
  strftime,
  zoneOffsetMinutes,
} from '@/lib/export/zoned-date';

const at = (iso: string) => Date.parse(iso);

describe('zoneOffsetMinutes (Intl, not the machine zone)', () => {
  it.each([
    ['UTC', '2022-01-12T00:00:00Z', 0],
    ['Asia/Shanghai', '2022-01-12T00:00:00Z', 480],
    ['Asia/Kolkata', '2022-01-12T00:00:00Z', 330],
    ['Asia/Kathmandu', '2022-01-12T00:00:00Z', 345],
    ['America/New_York', '2022-01-12T00:00:00Z', -300],
    ['America/New_York', '2022-07-12T00:00:00Z', -240],
    // DST starts at 2022-03-13 02:00 local (07:00 UTC).
    ['America/New_York', '2022-03-13T06:59:59Z', -300],
    ['America/New_York', '2022-03-13T07:00:00Z', -240],
    ['Europe/London', '2022-10-30T00:59:59Z', 60],
    ['Europe/London', '2022-10-30T01:00:00Z', 0],
    ['Australia/Lord_Howe', '2022-01-12T00:00:00Z', 660],
    ['Australia/Lord_Howe', '2022-07-12T00:00:00Z', 630],
    ['Pacific/Kiritimati', '2022-01-12T00:00:00Z', 840],
  ])('%s at %s is %i', (zone, instant, offset) => {
    expect(zoneOffsetMinutes(zone, at(instant))).toBe(offset);
  });

  it('rejects an unknown zone', () => {
    expect(() => zoneOffsetMinutes('Mars/Olympus_Mons', 0)).toThrow(/Unknown time zone/);
  });
});

describe('isValidTimeZone', () => {
  it.each(['UTC', 'Asia/Shanghai', 'America/Argentina/Buenos_Aires', 'Etc/GMT+5'])('%s', (zone) => {
    expect(isValidTimeZone(zone)).toBe(true);
  });
  it.each(['', ' UTC', 'Mars/Olympus_Mons', 'GMT+25', 'local'])('not %j', (zone) => {
    expect(isValidTimeZone(zone)).toBe(false);
  });
});

describe('inTimeZone', () => {
  const savedTz = process.env.TZ;
  afterEach(() => {
    process.env.TZ = savedTz;
  });

  it.each([
    ['2022-01-12T21:56:33+08:00', 'America/New_York', '2022-01-12T08:56:33-05:00'],
    ['2022-01-12T21:56:33+08:00', 'UTC', '2022-01-12T13:56:33+00:00'],
    ['2023-12-31T23:30:00-10:00', 'America/Los_Angeles', '2024-01-01T01:30:00-08:00'],
    ['2024-02-29T23:00:00Z', 'Asia/Tokyo', '2024-03-01T08:00:00+09:00'],
    ['2022-03-13T01:30:00-05:00', 'America/New_York', '2022-03-13T01:30:00-05:00'],
    ['2022-03-13T07:30:00Z', 'America/New_York', '2022-03-13T03:30:00-04:00'],
    ['2022-01-12T21:56:33+08:00', 'Asia/Kathmandu', '2022-01-12T19:41:33+05:45'],
  ])('%s in %s is %s', (iso, zone, expected) => {
    expect(formatIso(inTimeZone(parseZoned(iso), zone))).toBe(expected);
  });

  it('gives the same answer whatever the machine zone is', () => {
    const results = ['UTC', 'Asia/Shanghai', 'America/Los_Angeles', 'Pacific/Kiritimati'].map(
      (tz) => {
        process.env.TZ = tz;
        return formatIso(inTimeZone(parseZoned('2022-10-30T00:30:00Z'), 'Europe/London'));
      },
    );
    expect(new Set(results)).toEqual(new Set(['2022-10-30T01:30:00+01:00']));
  });

  it('keeps the instant', () => {
    const date = parseZoned('2022-01-12T21:56:33+08:00');
    expect(epochMs(inTimeZone(date, 'America/Sao_Paulo'))).toBe(epochMs(date));
    expect(epochMs(date)).toBe(at('2022-01-12T13:56:33Z'));
  });
});

describe('formats', () => {
  const date = parseZoned('2022-01-02T03:04:05-05:30');

  it('RFC 3339, Jekyll, day', () => {
    expect(formatIso(date)).toBe('2022-01-02T03:04:05-05:30');
    expect(formatJekyll(date)).toBe('2022-01-02 03:04:05 -0530');
    expect(formatDay(date)).toBe('2022-01-02');
    expect(formatIso(parseZoned('2022-01-02T03:04:05Z'))).toBe('2022-01-02T03:04:05+00:00');
  });

  it.each([
    ['%Y-%m-%d %H:%M:%S %z', '2022-01-02 03:04:05 -0530'],
    ['%Y-%m-%dT%H:%M:%S%:z', '2022-01-02T03:04:05-05:30'],
    ['%-m/%-d/%y', '1/2/22'],
    ['%e|%_m', ' 2| 1'],
    ['%a %A %b %B %h', 'Sun Sunday Jan January Jan'],
    ['%I:%M %p %P', '03:04 AM am'],
    ['%j %u %w %C', '002 7 0 20'],
    ['%F %T %D %R', '2022-01-02 03:04:05 01/02/22 03:04'],
    ['%s', String(Math.floor(at('2022-01-02T08:34:05Z') / 1000))],
    ['100%% %Z', '100% -05:30'],
    ['年%Y月%m', '年2022月01'],
  ])('strftime %j', (format, expected) => {
    expect(strftime(date, format)).toBe(expected);
  });

  it('prints the zone name when it has one', () => {
    expect(strftime(date, '%Z', 'Asia/Kolkata')).toBe('Asia/Kolkata');
  });

  it('rejects unknown directives', () => {
    expect(() => strftime(date, '%Q')).toThrow(/Unknown date format directive "%Q"/);
    expect(() => strftime(date, '%:Y')).toThrow(/Unknown/);
  });
});
