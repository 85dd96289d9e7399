import fc from 'fast-check';
import { describe, expect, it } from 'vitest';

import { cellOf, cellsWithin, precisionFor } from '../../shared/friends/cells.ts';
import { distanceMiles } from '../../shared/friends/distance.ts';
import { friendProfileInputSchema } from '../../shared/friends/friend-profile-input.ts';

const valid = { hobbies: ['Chess'], interests: ['Jazz'], zip: '10001', radiusMiles: 10 };

describe('friend profile input', () => {
  it('accepts a valid profile, trims and de-duplicates tags case-insensitively in the first spelling', () => {
    const parsed = friendProfileInputSchema.parse({ ...valid, hobbies: [' Chess ', 'chess', 'Go', 'CHESS'] });
    expect(parsed.hobbies).toEqual(['Chess', 'Go']);
    expect(parsed.discoverable).toBe(true);
  });

  it.each([
    ['radius 4', { radiusMiles: 4 }],
    ['radius 101', { radiusMiles: 101 }],
    ['radius 10.5', { radiusMiles: 10.5 }],
    ['21 hobbies', { hobbies: Array.from({ length: 21 }, (_, i) => `h${i}`) }],
    ['no interests', { interests: [] }],
    ['a 41-character interest', { interests: ['x'.repeat(41)] }],
    ['an empty hobby', { hobbies: ['   '] }],
    ['a bidi override', { hobbies: ['chess\u202E'] }],
    ['a control character', { interests: ['a\u0007b'] }],
    ['a 4-digit zip', { zip: '1000' }],
    ['a 501-character bio', { bio: 'b'.repeat(501) }],
    ['an unknown field', { admin: true }],
  ])('refuses %s', (_label, change) => {
    expect(friendProfileInputSchema.safeParse({ ...valid, ...change }).success).toBe(false);
  });

  it('allows 40 characters counted as Unicode characters, not UTF-16 units', () => {
    expect(friendProfileInputSchema.safeParse({ ...valid, interests: ['😀'.repeat(40)] }).success).toBe(true);
  });
});

describe('geohash cells', () => {
  it('uses fine cells up to 15 miles and coarse cells above', () => {
    expect(precisionFor(15)).toBe(4);
    expect(precisionFor(16)).toBe(3);
  });

  it('covers every point within the radius (property)', () => {
    const us = fc.record({
      lat: fc.double({ min: 19, max: 64, noNaN: true }),
      lng: fc.double({ min: -160, max: -67, noNaN: true }),
    });
    fc.assert(
      fc.property(us, fc.integer({ min: 1, max: 100 }), fc.double({ min: 0, max: 2 * Math.PI, noNaN: true }), fc.double({ min: 0, max: 1, noNaN: true }), (center, radius, bearing, fraction) => {
        // A point at fraction*radius miles in direction `bearing`, placed by a small-offset approximation
        // and kept only if it is really inside the circle.
        const miles = fraction * radius * 0.98;
        const point = {
          lat: center.lat + (miles * Math.cos(bearing)) / 69.09,
          lng: center.lng + (miles * Math.sin(bearing)) / (69.09 * Math.cos((center.lat * Math.PI) / 180)),
        };
        if (distanceMiles(center, point) > radius) return;
        const precision = precisionFor(radius);
        expect(cellsWithin(center, radius)).toContain(cellOf(point, precision));
      }),
      { numRuns: 500 },
    );
  });

  it('keeps the number of cells small for the largest radii', () => {
    const manhattan = { lat: 40.7484, lng: -73.9967 };
    expect(cellsWithin(manhattan, 15).length).toBeLessThanOrEqual(12);
    expect(cellsWithin(manhattan, 100).length).toBeLessThanOrEqual(12);
  });
});
