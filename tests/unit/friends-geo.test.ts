import { describe, expect, it } from 'vitest';

import { distanceMiles } from '../../shared/friends/distance.ts';
import { lookupZip } from '../../shared/friends/zips/zip-lookup.ts';

describe('zip lookup', () => {
  it('finds a zip with its place, state and coordinates', () => {
    expect(lookupZip('10001')).toEqual({ zip: '10001', lat: 40.7484, lng: -73.9967, place: 'New York', state: 'NY' });
    expect(lookupZip('67601')).toEqual({ zip: '67601', lat: 38.8782, lng: -99.3348, place: 'Hays', state: 'KS' });
  });

  it('finds the first and last zips of the table (leading zeros kept)', () => {
    expect(lookupZip('00501')?.place).toBe('Holtsville');
    expect(lookupZip('99950')?.state).toBe('AK');
  });

  it('knows nothing of military APO/FPO zips, unknown zips or malformed input', () => {
    for (const zip of ['09001', '00000', '1000', '100011', 'abcde', ' 10001', '']) {
      expect(lookupZip(zip)).toBeUndefined();
    }
  });
});

describe('distance', () => {
  it('is zero for the same point and symmetric', () => {
    const a = { lat: 40.7484, lng: -73.9967 };
    const b = { lat: 34.0901, lng: -118.4065 };
    expect(distanceMiles(a, a)).toBe(0);
    expect(distanceMiles(a, b)).toBeCloseTo(distanceMiles(b, a), 9);
  });

  it('matches known distances', () => {
    // One degree of latitude is ~69.1 miles.
    expect(distanceMiles({ lat: 0, lng: 0 }, { lat: 1, lng: 0 })).toBeCloseTo(69.09, 1);
    // Midtown Manhattan to Beverly Hills: ~2,450 miles great-circle.
    const d = distanceMiles(lookupZip('10001')!, lookupZip('90210')!);
    expect(d).toBeGreaterThan(2420);
    expect(d).toBeLessThan(2480);
    // Antipodes: half the Earth's circumference.
    expect(distanceMiles({ lat: 0, lng: 0 }, { lat: 0, lng: 180 })).toBeCloseTo(Math.PI * 3958.8, 3);
  });
});
