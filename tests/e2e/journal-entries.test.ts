import { beforeAll, describe, expect, it } from 'vitest';
import { apiClient } from '../support/api-client.ts';
import { fromDayOne, type DayOneEntry } from '../../shared/journal/day-one.ts';
import { allTableItems, leftoversOf } from '../support/leftovers.ts';
import { signedInPerson, type SignedInPerson } from '../support/people.ts';
import { useTwin } from '../support/twin.ts';

const twin = useTwin('journal-entries', { environment: { RATE_LIMIT_SCALE: '1000' } });
const api = () => apiClient(twin().url);
let ada: SignedInPerson;
let bob: SignedInPerson;

beforeAll(async () => {
  [ada, bob] = await Promise.all([signedInPerson(twin(), 'journal@example.com'), signedInPerson(twin(), 'reader@example.com')]);
}, 90_000);

interface Entry {
  id: string; title?: string; body: string; tags: string[]; occurredAt: string; timeZone: string;
  utcOffset: string; localDateTime: string; localDate: string; createdAt: string; updatedAt: string;
  image: { kind: string; picture: string; urls: { medium: string } };
}
interface Page { entries: Entry[]; nextCursor?: string }

const ENTRIES = '/api/v1/journal/entries';

// Picture URLs are re-signed every hour: compare entries by which picture they show.
const comparable = ({ image, ...entry }: Entry) => ({ ...entry, picture: image.picture });

const write = async (person: SignedInPerson, body: Record<string, unknown>) => {
  const response = await api().post<Entry>(ENTRIES, { body: 'A cup of tea.', ...body }, person.accessToken);
  expect(response.status, JSON.stringify(response.body)).toBe(201);
  return response;
};

const list = async (person: SignedInPerson, query = '') => {
  const response = await api().get<Page>(`${ENTRIES}${query}`, person.accessToken);
  expect(response.status, JSON.stringify(response.body)).toBe(200);
  return response.body;
};

/** Every entry of a person, following cursors. */
const everything = async (person: SignedInPerson): Promise<Entry[]> => {
  const all: Entry[] = [];
  let cursor: string | undefined;
  do {
    const page = await list(person, `?limit=100${cursor ? `&cursor=${cursor}` : ''}`);
    all.push(...page.entries);
    cursor = page.nextCursor;
  } while (cursor);
  return all;
};

describe('entries keep the wall time their writer saw', () => {
  it('resolves New York, Tokyo and Kolkata times into the right instant, offset and local fields', async () => {
    const cases = [
      [{ timeZone: 'America/New_York', occurredAt: '2026-03-08T09:15:00-04:00' }, '2026-03-08T13:15:00.000Z', '-04:00', '2026-03-08T09:15:00'],
      [{ timeZone: 'US/Eastern', localDateTime: '2026-01-10T18:00:00' }, '2026-01-10T23:00:00.000Z', '-05:00', '2026-01-10T18:00:00'],
      // 23:30 in Tokyo on the 8th is the 8th, though it is still the 8th at 14:30 in UTC.
      [{ timeZone: 'Asia/Tokyo', localDateTime: '2026-03-08T23:30:00' }, '2026-03-08T14:30:00.000Z', '+09:00', '2026-03-08T23:30:00'],
      [{ timeZone: 'Asia/Tokyo', occurredAt: '2026-03-09T00:30:00+09:00' }, '2026-03-08T15:30:00.000Z', '+09:00', '2026-03-09T00:30:00'],
      [{ timeZone: 'Asia/Kolkata', localDateTime: '2026-03-08T05:00:00' }, '2026-03-07T23:30:00.000Z', '+05:30', '2026-03-08T05:00:00'],
      [{ timeZone: 'Asia/Calcutta', occurredAt: '2026-03-20T10:00:00.123Z' }, '2026-03-20T10:00:00.123Z', '+05:30', '2026-03-20T15:30:00.123'],
    ] as const;
    for (const [input, occurredAt, utcOffset, localDateTime] of cases) {
      const { body, headers } = await write(ada, input);
      expect(body).toMatchObject({ occurredAt, utcOffset, localDateTime, localDate: localDateTime.slice(0, 10), timeZone: input.timeZone, tags: [] });
      expect(headers.get('location')).toBe(`${ENTRIES}/${body.id}`);
      expect(comparable((await api().get<Entry>(headers.get('location')!, ada.accessToken)).body)).toEqual(comparable(body));
    }
  }, 60_000);

  it.each([
    ['2026-03-08T02:30:00', 'compatible', '2026-03-08T07:30:00.000Z', '-04:00', '2026-03-08T03:30:00'],
    ['2026-03-08T02:30:00', 'later', '2026-03-08T07:30:00.000Z', '-04:00', '2026-03-08T03:30:00'],
    ['2026-03-08T02:30:00', 'earlier', '2026-03-08T06:30:00.000Z', '-05:00', '2026-03-08T01:30:00'],
    ['2026-11-01T01:30:00', 'compatible', '2026-11-01T05:30:00.000Z', '-04:00', '2026-11-01T01:30:00'],
    ['2026-11-01T01:30:00', 'earlier', '2026-11-01T05:30:00.000Z', '-04:00', '2026-11-01T01:30:00'],
    ['2026-11-01T01:30:00', 'later', '2026-11-01T06:30:00.000Z', '-05:00', '2026-11-01T01:30:00'],
  ])('New York %s with %s is %s (%s)', async (localDateTime, disambiguation, occurredAt, utcOffset, shown) => {
    const { body } = await write(ada, { timeZone: 'America/New_York', localDateTime, disambiguation, tags: ['clock change'] });
    expect(body).toMatchObject({ occurredAt, utcOffset, localDateTime: shown });
  }, 30_000);

  it.each([
    ['2026-03-08T02:30:00', 'nonexistent_local_time'],
    ['2026-11-01T01:30:00', 'ambiguous_local_time'],
  ])('refuses New York %s with reject as %s', async (localDateTime, code) => {
    const response = await api().post(ENTRIES, { body: 'x', timeZone: 'America/New_York', localDateTime, disambiguation: 'reject' }, ada.accessToken);
    expect(response.status).toBe(422);
    expect(response.body).toMatchObject({ code });
  }, 30_000);

  it('writes now when no time is given', async () => {
    const before = Date.now();
    const { body } = await write(ada, { timeZone: 'UTC', title: 'Now', tags: ['now', 'now'] });
    expect(Date.parse(body.occurredAt)).toBeGreaterThanOrEqual(before - 1000);
    expect(body).toMatchObject({ utcOffset: '+00:00', title: 'Now', tags: ['now'] });
  }, 30_000);
});

describe('listing by local date', () => {
  it('returns exactly the entries of a local day, newest first', async () => {
    const day = await list(ada, '?from=2026-03-08&to=2026-03-08');
    expect(day.entries.map((e) => e.localDateTime)).toEqual([
      '2026-03-08T23:30:00', // Tokyo
      '2026-03-08T09:15:00', // New York
      '2026-03-08T03:30:00', // the gap, compatible and later
      '2026-03-08T03:30:00',
      '2026-03-08T01:30:00', // the gap, earlier (06:30Z)
      '2026-03-08T05:00:00', // Kolkata: its instant (23:30Z on the 7th) is the earliest of the day
    ]);
    expect(day.entries.every((e) => e.localDate === '2026-03-08')).toBe(true);
    const instants = day.entries.map((e) => e.occurredAt);
    expect(instants).toEqual([...instants].sort().reverse());
  }, 30_000);

  it('returns exactly the entries of a local month, across pages, and filters by tag', async () => {
    const march = await list(ada, '?from=2026-03-01&to=2026-03-31');
    expect(march.entries.map((e) => e.localDate).sort()).toEqual(['2026-03-08', '2026-03-08', '2026-03-08', '2026-03-08', '2026-03-08', '2026-03-08', '2026-03-09', '2026-03-20']);
    const firstPage = await list(ada, '?from=2026-03-01&to=2026-03-31&limit=5');
    expect(firstPage.entries.map(comparable)).toEqual(march.entries.slice(0, 5).map(comparable));
    const rest = await list(ada, `?from=2026-03-01&to=2026-03-31&limit=5&cursor=${firstPage.nextCursor}`);
    expect(rest.entries.map(comparable)).toEqual(march.entries.slice(5).map(comparable));
    const tagged = await list(ada, `?tag=${encodeURIComponent('clock change')}`);
    expect(tagged.entries).toHaveLength(6);
    expect((await list(ada, '?from=2026-02-01&to=2026-02-28')).entries).toEqual([]);
  }, 30_000);

  it('refuses a range backwards and a cursor of another range', async () => {
    expect((await api().get(`${ENTRIES}?from=2026-03-31&to=2026-03-01`, ada.accessToken)).status).toBe(400);
    const page = await list(ada, '?from=2026-03-01&to=2026-03-31&limit=1');
    expect((await api().get(`${ENTRIES}?from=2026-11-01&to=2026-11-30&cursor=${page.nextCursor}`, ada.accessToken)).body).toMatchObject({ code: 'invalid_cursor' });
  }, 30_000);
});

describe('default pictures', () => {
  it('shows an entry without a photo the same default picture on every read, downloadable from the media bucket', async () => {
    const { body: entry } = await write(ada, { timeZone: 'Asia/Tokyo', localDateTime: '2026-05-01T07:00:00' });
    expect(entry.image).toMatchObject({ kind: 'default', picture: expect.stringMatching(/^teacup-\d{2}$/) });
    const again = await api().get<Entry>(`${ENTRIES}/${entry.id}`, ada.accessToken);
    const listed = (await list(ada, '?from=2026-05-01&to=2026-05-01')).entries[0]!;
    for (const read of [again.body, listed]) {
      expect(read.image.picture).toBe(entry.image.picture);
      expect(new URL(read.image.urls.medium).pathname).toBe(new URL(entry.image.urls.medium).pathname);
    }
    const picture = await fetch(entry.image.urls.medium);
    expect(picture.status).toBe(200);
    expect(picture.headers.get('content-type')).toBe('image/webp');
    expect(picture.headers.get('cache-control')).toContain('max-age=31536000');
    expect((await picture.arrayBuffer()).byteLength).toBeGreaterThan(1000);
  }, 30_000);

  it('spreads entries over the pictures', async () => {
    const pictures = new Set((await everything(ada)).map((entry) => entry.image.picture));
    expect(pictures.size).toBeGreaterThan(5);
  }, 30_000);
});

describe('changing and deleting', () => {
  it('changes the text and keeps the moment; removes a title with null', async () => {
    const { body: entry } = await write(ada, { timeZone: 'Asia/Tokyo', localDateTime: '2026-04-01T08:00:00', title: 'Morning' });
    const changed = await api().patch<Entry>(`${ENTRIES}/${entry.id}`, { body: 'Sencha, second steep.', tags: ['tea'], title: null }, ada.accessToken);
    expect(changed.status).toBe(200);
    const { title: _title, updatedAt: _updatedAt, ...unchanged } = comparable(entry);
    expect(comparable(changed.body)).toMatchObject({ ...unchanged, body: 'Sencha, second steep.', tags: ['tea'] });
    expect(changed.body.title).toBeUndefined();
    expect(changed.body.updatedAt >= entry.updatedAt).toBe(true);
    expect((await api().delete(`${ENTRIES}/${entry.id}`, undefined, ada.accessToken)).status).toBe(204);
    expect((await api().get(`${ENTRIES}/${entry.id}`, ada.accessToken)).status).toBe(404);
    expect((await api().delete(`${ENTRIES}/${entry.id}`, undefined, ada.accessToken)).status).toBe(404);
    expect((await api().patch(`${ENTRIES}/${entry.id}`, { body: 'again' }, ada.accessToken)).status).toBe(404);
  }, 30_000);

  it('answers 404 to anyone else, and changes nothing for them', async () => {
    const [entry] = (await list(ada, '?from=2026-03-08&to=2026-03-08&limit=1')).entries;
    const path = `${ENTRIES}/${entry!.id}`;
    for (const response of [
      await api().get(path, bob.accessToken),
      await api().patch(path, { body: 'mine now' }, bob.accessToken),
      await api().delete(path, undefined, bob.accessToken),
    ]) {
      expect(response.status).toBe(404);
      expect(response.body).toMatchObject({ code: 'entry_not_found' });
    }
    expect(comparable((await api().get<Entry>(path, ada.accessToken)).body)).toEqual(comparable(entry!));
    expect(await everything(bob)).toEqual([]);
  }, 30_000);
});

describe('bad input', () => {
  const valid = { body: 'Fine.', timeZone: 'America/New_York' };
  it.each([
    ['an unknown zone', { timeZone: 'Mars/Olympus_Mons' }, 400, 'validation_failed'],
    ['a bare offset', { timeZone: '+05:30' }, 400, 'validation_failed'],
    ['an offset that is not the zone\'s', { occurredAt: '2026-03-08T09:15:00-05:00' }, 422, 'offset_mismatch'],
    ['reject on a gap', { localDateTime: '2026-03-08T02:30:00', disambiguation: 'reject' }, 422, 'nonexistent_local_time'],
    ['both instant and wall time', { occurredAt: '2026-03-08T09:15:00-04:00', localDateTime: '2026-03-08T09:15:00' }, 400, 'validation_failed'],
    ['a wall time with an offset', { localDateTime: '2026-03-08T09:15:00-04:00' }, 400, 'validation_failed'],
    ['a day that does not exist', { localDateTime: '2026-02-30T09:15:00' }, 400, 'validation_failed'],
    ['a 20,001-character body', { body: 'a'.repeat(20_001) }, 400, 'validation_failed'],
    ['an empty body', { body: '  ' }, 400, 'validation_failed'],
    ['a bidi override', { body: 'safe \u202Egnp.exe' }, 400, 'validation_failed'],
    ['a control character', { body: 'bell \u0007' }, 400, 'validation_failed'],
    ['21 tags', { tags: Array.from({ length: 21 }, (_, i) => `tag${i}`) }, 400, 'validation_failed'],
    ['a 41-character tag', { tags: ['t'.repeat(41)] }, 400, 'validation_failed'],
    ['a 201-character title', { title: 't'.repeat(201) }, 400, 'validation_failed'],
    ['an unknown field', { mood: 'calm' }, 400, 'validation_failed'],
    ['a year before 1900', { occurredAt: '1899-12-31T12:00:00Z' }, 422, 'out_of_range'],
  ])('refuses %s with %d %s and stores nothing', async (_, change, status, code) => {
    const before = (await allTableItems(twin())).length;
    const response = await api().post(ENTRIES, { ...valid, ...change }, bob.accessToken);
    expect(response.status).toBe(status);
    expect(response.headers.get('content-type')).toContain('application/problem+json');
    expect(response.body).toMatchObject({ code });
    expect((await allTableItems(twin())).length).toBe(before);
  }, 30_000);

  it('keeps 20,000 characters and line breaks', async () => {
    const body = `${'é'.repeat(9_999)}\r\n${'🍵'.repeat(10_000)}`;
    const { body: entry } = await write(bob, { body, timeZone: 'Europe/Kyiv' });
    expect(entry.body).toBe(body.replace('\r\n', '\n'));
    expect((await api().delete(`${ENTRIES}/${entry.id}`, undefined, bob.accessToken)).status).toBe(204);
  }, 30_000);

  it('refuses an id that is not an entry id', async () => {
    expect((await api().get(`${ENTRIES}/not-an-id`, ada.accessToken)).status).toBe(400);
    expect((await api().get(`${ENTRIES}/${'0'.repeat(32)}`, ada.accessToken)).status).toBe(404);
  }, 30_000);
});

describe('export', () => {
  it('downloads every entry as a Day One export that imports back into the same entries', async () => {
    const mine = await everything(ada);
    const response = await api().get<{ metadata: { version: string }; entries: DayOneEntry[] }>('/api/v1/journal/export', ada.accessToken);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-disposition')).toMatch(/^attachment; filename="kindred-journal-\d{4}-\d{2}-\d{2}\.json"$/);
    expect(response.body.metadata).toEqual({ version: '1.0' });
    expect(response.body.entries.map((entry) => entry.uuid).sort()).toEqual(mine.map((entry) => entry.id).sort());
    const creationDates = response.body.entries.map((entry) => Date.parse(entry.creationDate));
    expect(creationDates).toEqual([...creationDates].sort((a, b) => a - b));

    // Into a second journal: each entry comes back with the same moment, local fields, text and tags.
    const reader = await signedInPerson(twin(), 'importer@example.com');
    const shape = (entry: Entry) => ({ title: entry.title, body: entry.body, tags: entry.tags, occurredAt: entry.occurredAt, timeZone: entry.timeZone, utcOffset: entry.utcOffset, localDateTime: entry.localDateTime, localDate: entry.localDate });
    const imported = await Promise.all(response.body.entries.map(async (entry) => (await write(reader, fromDayOne(entry))).body));
    expect(imported.map(shape).sort((a, b) => a.occurredAt.localeCompare(b.occurredAt) || a.localDateTime.localeCompare(b.localDateTime)))
      .toEqual(mine.map(shape).sort((a, b) => a.occurredAt.localeCompare(b.occurredAt) || a.localDateTime.localeCompare(b.localDateTime)));
    expect((await api().get<{ entries: unknown[] }>('/api/v1/journal/export', bob.accessToken)).body.entries).toEqual([]);
  }, 60_000);
});

describe('account deletion', () => {
  it('leaves no entry and nothing else of the writer', async () => {
    expect((await everything(ada)).length).toBeGreaterThan(10);
    expect((await api().delete('/api/v1/me', { password: ada.password }, ada.accessToken)).status).toBe(204);
    expect(await leftoversOf(twin(), [ada.userId, ada.email])).toEqual([]);
  }, 60_000);
});
