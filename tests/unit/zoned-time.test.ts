import { describe, expect, it } from 'vitest';
import {
  LocalTimeError, localFieldsAt, offsetAgrees, offsetAt, parseLocalDateTime, resolveLocalDateTime, resolveZone, type Disambiguation,
} from '../../shared/time/zoned-time.ts';

const zone = (name: string) => {
  const resolved = resolveZone(name);
  expect(resolved, name).toBeDefined();
  return resolved!;
};

/** The instant and what the writer's clock showed, for a wall time resolved in a zone. */
const resolved = (local: string, name: string, disambiguation: Disambiguation) => {
  const instant = resolveLocalDateTime(local, zone(name), disambiguation);
  const { localDateTime, utcOffset } = localFieldsAt(instant, zone(name));
  return { occurredAt: new Date(instant).toISOString(), localDateTime, utcOffset };
};

const codeOf = (run: () => unknown) => {
  try {
    run();
  } catch (error) {
    if (error instanceof LocalTimeError) return error.code;
    throw error;
  }
  return undefined;
};

describe('zone names', () => {
  it.each([
    ['America/New_York', 'America/New_York'],
    ['america/new_york', 'America/New_York'],
    ['US/Eastern', 'America/New_York'],
    ['UTC', 'UTC'],
    ['utc', 'UTC'],
    ['Etc/UTC', 'UTC'],
    ['Etc/GMT+5', 'Etc/GMT+5'],
  ])('knows %s as %s', (name, canonical) => {
    expect(resolveZone(name)).toBe(canonical);
  });

  it('knows Asia/Kolkata and its old name Asia/Calcutta as the same zone, and Europe/Kyiv', () => {
    expect(resolveZone('Asia/Kolkata')).toBeDefined();
    expect(resolveZone('Asia/Kolkata')).toBe(resolveZone('Asia/Calcutta'));
    expect(resolveZone('Europe/Kyiv')).toBe(resolveZone('Europe/Kiev'));
    expect(offsetAt(Date.parse('2026-06-01T00:00:00Z'), zone('Asia/Kolkata'))).toBe(5.5 * 3_600_000);
  });

  it('does not rely on Intl.supportedValuesOf, which leaves out UTC and Asia/Kolkata', () => {
    const listed = Intl.supportedValuesOf('timeZone');
    for (const name of ['UTC', 'Asia/Kolkata']) if (!listed.includes(name)) expect(resolveZone(name)).toBeDefined();
  });

  it.each(['+05:30', '-03:00', '+0530', 'GMT+5', 'Mars/Olympus_Mons', '', ' America/New_York', 'America/New_York\n', 'a'.repeat(65), '../etc/passwd'])(
    'refuses %j',
    (name) => {
      expect(resolveZone(name)).toBeUndefined();
    },
  );
});

describe('wall times in a spring-forward gap', () => {
  it.each<[string, string, Disambiguation, string, string, string]>([
    ['New York', 'America/New_York', 'compatible', '2026-03-08T07:30:00.000Z', '2026-03-08T03:30:00', '-04:00'],
    ['New York', 'America/New_York', 'later', '2026-03-08T07:30:00.000Z', '2026-03-08T03:30:00', '-04:00'],
    ['New York', 'America/New_York', 'earlier', '2026-03-08T06:30:00.000Z', '2026-03-08T01:30:00', '-05:00'],
  ])('%s 2026-03-08 02:30 with %s (%s) is %s', (_, name, disambiguation, occurredAt, localDateTime, utcOffset) => {
    expect(resolved('2026-03-08T02:30:00', name, disambiguation)).toEqual({ occurredAt, localDateTime, utcOffset });
  });

  it('Lord Howe skips half an hour: 02:15 moves by 30 minutes, not an hour', () => {
    expect(resolved('2026-10-04T02:15:00', 'Australia/Lord_Howe', 'compatible')).toEqual({ occurredAt: '2026-10-03T15:45:00.000Z', localDateTime: '2026-10-04T02:45:00', utcOffset: '+11:00' });
    expect(resolved('2026-10-04T02:15:00', 'Australia/Lord_Howe', 'earlier')).toEqual({ occurredAt: '2026-10-03T15:15:00.000Z', localDateTime: '2026-10-04T01:45:00', utcOffset: '+10:30' });
  });

  it('Santiago and Havana skip the hour after midnight, so earlier lands on the day before', () => {
    expect(resolved('2026-09-06T00:30:00', 'America/Santiago', 'compatible')).toEqual({ occurredAt: '2026-09-06T04:30:00.000Z', localDateTime: '2026-09-06T01:30:00', utcOffset: '-03:00' });
    expect(resolved('2026-09-06T00:30:00', 'America/Santiago', 'earlier')).toEqual({ occurredAt: '2026-09-06T03:30:00.000Z', localDateTime: '2026-09-05T23:30:00', utcOffset: '-04:00' });
    expect(resolved('2026-03-08T00:30:00', 'America/Havana', 'compatible')).toEqual({ occurredAt: '2026-03-08T05:30:00.000Z', localDateTime: '2026-03-08T01:30:00', utcOffset: '-04:00' });
    expect(resolved('2026-03-08T00:30:00', 'America/Havana', 'earlier')).toEqual({ occurredAt: '2026-03-08T04:30:00.000Z', localDateTime: '2026-03-07T23:30:00', utcOffset: '-05:00' });
  });

  it('Apia skipped the whole of 2011-12-30: a time that day moves a day either way', () => {
    expect(resolved('2011-12-30T12:00:00', 'Pacific/Apia', 'compatible')).toEqual({ occurredAt: '2011-12-30T22:00:00.000Z', localDateTime: '2011-12-31T12:00:00', utcOffset: '+14:00' });
    expect(resolved('2011-12-30T12:00:00', 'Pacific/Apia', 'earlier')).toEqual({ occurredAt: '2011-12-29T22:00:00.000Z', localDateTime: '2011-12-29T12:00:00', utcOffset: '-10:00' });
    expect(localFieldsAt(Date.parse('2011-12-30T09:59:59Z'), zone('Pacific/Apia')).localDateTime).toBe('2011-12-29T23:59:59');
    expect(localFieldsAt(Date.parse('2011-12-30T10:00:00Z'), zone('Pacific/Apia')).localDateTime).toBe('2011-12-31T00:00:00');
  });

  it.each([
    ['2026-03-08T02:30:00', 'America/New_York'],
    ['2026-10-04T02:15:00', 'Australia/Lord_Howe'],
    ['2026-09-06T00:30:00', 'America/Santiago'],
    ['2026-03-08T00:30:00', 'America/Havana'],
    ['2011-12-30T12:00:00', 'Pacific/Apia'],
  ])('reject refuses %s in %s as nonexistent', (local, name) => {
    expect(codeOf(() => resolveLocalDateTime(local, zone(name), 'reject'))).toBe('nonexistent_local_time');
  });
});

describe('wall times in a fall-back overlap', () => {
  it.each<[Disambiguation, string, string]>([
    ['compatible', '2026-11-01T05:30:00.000Z', '-04:00'],
    ['earlier', '2026-11-01T05:30:00.000Z', '-04:00'],
    ['later', '2026-11-01T06:30:00.000Z', '-05:00'],
  ])('New York 2026-11-01 01:30 with %s is %s (%s)', (disambiguation, occurredAt, utcOffset) => {
    expect(resolved('2026-11-01T01:30:00', 'America/New_York', disambiguation)).toEqual({ occurredAt, localDateTime: '2026-11-01T01:30:00', utcOffset });
  });

  it('Lord Howe repeats half an hour', () => {
    expect(resolved('2026-04-05T01:45:00', 'Australia/Lord_Howe', 'earlier').utcOffset).toBe('+11:00');
    expect(resolved('2026-04-05T01:45:00', 'Australia/Lord_Howe', 'later')).toEqual({ occurredAt: '2026-04-04T15:15:00.000Z', localDateTime: '2026-04-05T01:45:00', utcOffset: '+10:30' });
  });

  it('Santiago and Havana repeat the hour before midnight and the hour after it', () => {
    expect(resolved('2026-04-04T23:30:00', 'America/Santiago', 'earlier').occurredAt).toBe('2026-04-05T02:30:00.000Z');
    expect(resolved('2026-04-04T23:30:00', 'America/Santiago', 'later').occurredAt).toBe('2026-04-05T03:30:00.000Z');
    expect(resolved('2026-11-01T00:30:00', 'America/Havana', 'earlier').utcOffset).toBe('-04:00');
    expect(resolved('2026-11-01T00:30:00', 'America/Havana', 'later').utcOffset).toBe('-05:00');
  });

  it.each([
    ['2026-11-01T01:30:00', 'America/New_York'],
    ['2026-04-05T01:45:00', 'Australia/Lord_Howe'],
    ['2026-04-04T23:30:00', 'America/Santiago'],
    ['2026-11-01T00:30:00', 'America/Havana'],
  ])('reject refuses %s in %s as ambiguous', (local, name) => {
    expect(codeOf(() => resolveLocalDateTime(local, zone(name), 'reject'))).toBe('ambiguous_local_time');
  });
});

describe('unusual offsets', () => {
  it.each([
    ['Asia/Kathmandu', '2026-01-15T12:00:00', '2026-01-15T06:15:00.000Z', '+05:45'],
    ['Pacific/Chatham', '2026-01-15T12:00:00', '2026-01-14T22:15:00.000Z', '+13:45'],
    ['Pacific/Chatham', '2026-07-15T12:00:00', '2026-07-14T23:15:00.000Z', '+12:45'],
    ['Pacific/Kiritimati', '2026-01-15T12:00:00', '2026-01-14T22:00:00.000Z', '+14:00'],
    ['Asia/Kolkata', '2026-01-15T12:00:00', '2026-01-15T06:30:00.000Z', '+05:30'],
    ['Asia/Calcutta', '2026-01-15T12:00:00', '2026-01-15T06:30:00.000Z', '+05:30'],
    ['Asia/Tokyo', '2026-03-08T23:30:00', '2026-03-08T14:30:00.000Z', '+09:00'],
    ['UTC', '2026-03-08T02:30:00', '2026-03-08T02:30:00.000Z', '+00:00'],
  ])('%s %s is %s (%s), and reads back the same', (name, local, occurredAt, utcOffset) => {
    for (const disambiguation of ['compatible', 'earlier', 'later', 'reject'] as const) {
      expect(resolved(local, name, disambiguation)).toEqual({ occurredAt, localDateTime: local, utcOffset });
    }
  });

  it('shows the seconds of a historical local mean time', () => {
    expect(localFieldsAt(Date.parse('1880-01-01T12:00:00Z'), zone('America/New_York'))).toEqual({ localDate: '1880-01-01', localDateTime: '1880-01-01T07:03:58', utcOffset: '-04:56:02' });
  });
});

describe('local date-times as written', () => {
  it.each(['2026-03-08T02:30', '2026-03-08T02:30:15', '2026-03-08T02:30:15.5', '2024-02-29T00:00:00'])('reads %s', (text) => {
    expect(parseLocalDateTime(text)).toBeDefined();
  });

  it.each(['2026-02-30T10:00:00', '2026-03-08T24:00:00', '2026-03-08T02:60:00', '2026-03-08 02:30:00', '2026-03-08T02:30:00Z', '2026-03-08T02:30:00+01:00', '26-03-08T02:30'])(
    'refuses %s',
    (text) => {
      expect(parseLocalDateTime(text)).toBeUndefined();
      expect(codeOf(() => resolveLocalDateTime(text, 'UTC'))).toBe('invalid_local_date_time');
    },
  );

  it('keeps milliseconds', () => {
    expect(resolved('2026-01-15T12:00:00.250', 'Asia/Tokyo', 'compatible')).toEqual({ occurredAt: '2026-01-15T03:00:00.250Z', localDateTime: '2026-01-15T12:00:00.250', utcOffset: '+09:00' });
  });
});

describe('an instant with an offset, checked against the zone', () => {
  it.each([
    ['2026-03-08T09:15:00-04:00', 'America/New_York', true],
    ['2026-03-08T09:15:00-05:00', 'America/New_York', false],
    ['2026-03-08T01:15:00-05:00', 'America/New_York', true],
    ['2026-11-01T01:30:00-04:00', 'America/New_York', true],
    ['2026-11-01T01:30:00-05:00', 'America/New_York', true],
    ['2026-01-15T12:00:00+05:30', 'Asia/Kolkata', true],
    ['2026-01-15T12:00:00+05:45', 'Asia/Kolkata', false],
    ['2026-01-15T12:00:00+05:45', 'Asia/Kathmandu', true],
    ['2026-01-15T12:00:00+09:00', 'Asia/Tokyo', true],
    ['2026-01-15T12:00:00Z', 'Asia/Tokyo', true],
    ['2026-01-15T12:00:00+00:00', 'Asia/Tokyo', false],
    ['2026-01-15T12:00:00+00:00', 'UTC', true],
  ])('%s in %s agrees: %s', (text, name, agrees) => {
    expect(offsetAgrees(text, Date.parse(text), zone(name))).toBe(agrees);
  });
});
