import { COORD_SCALE } from './zip-format.ts';
import { COLUMNS, PLACES, STATES, ZIP_COUNT } from './zip-table.generated.ts';

export interface ZipPlace {
  zip: string;
  lat: number;
  lng: number;
  place: string;
  state: string;
}

interface Columns {
  zips: Uint32Array;
  lats: Int32Array;
  lngs: Int32Array;
  placeIds: Uint16Array;
  stateIds: Uint8Array;
  places: string[];
  states: string[];
}

let columns: Columns | undefined;

/** Decoded on first use, so Lambdas of other areas that import this module by accident pay nothing. */
function load(): Columns {
  if (columns) return columns;
  const bytes = Buffer.from(COLUMNS, 'base64');
  // Copy into a fresh, aligned buffer: typed-array views need 4-byte aligned offsets.
  const buf = new Uint8Array(bytes).buffer;
  const n = ZIP_COUNT;
  columns = {
    zips: new Uint32Array(buf, 0, n),
    lats: new Int32Array(buf, 4 * n, n),
    lngs: new Int32Array(buf, 8 * n, n),
    placeIds: new Uint16Array(buf, 12 * n, n),
    stateIds: new Uint8Array(buf, 14 * n, n),
    places: PLACES.split('|'),
    states: STATES.split('|'),
  };
  return columns;
}

const ZIP_PATTERN = /^\d{5}$/;

/** The place of a 5-digit US zip code, or undefined when GeoNames does not know it. */
export function lookupZip(zip: string): ZipPlace | undefined {
  if (!ZIP_PATTERN.test(zip)) return undefined;
  const c = load();
  const code = Number(zip);
  let lo = 0;
  let hi = c.zips.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >>> 1;
    const at = c.zips[mid]!;
    if (at === code) {
      return {
        zip,
        lat: c.lats[mid]! / COORD_SCALE,
        lng: c.lngs[mid]! / COORD_SCALE,
        place: c.places[c.placeIds[mid]!]!,
        state: c.states[c.stateIds[mid]!]!,
      };
    }
    if (at < code) lo = mid + 1;
    else hi = mid - 1;
  }
  return undefined;
}

/** Every zip code of the table, in order (seeding and tests; requests use lookupZip). */
export function allZipCodes(): string[] {
  return [...load().zips].map((code) => String(code).padStart(5, '0'));
}
