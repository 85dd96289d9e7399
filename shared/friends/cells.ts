import ngeohash from 'ngeohash';

import type { LatLng } from './distance.ts';

/**
 * Discovery reads one GSI per geohash precision. Precision 4 cells are ~39 x 20 km, so a radius up to
 * 15 miles touches at most a handful; above that precision 3 (~156 x 156 km) keeps the cell count low.
 */
export const FINE_PRECISION = 4;
export const COARSE_PRECISION = 3;
export const FINE_MAX_RADIUS_MILES = 15;

const MILES_PER_DEGREE_LAT = 69.09;

export function precisionFor(radiusMiles: number): number {
  return radiusMiles <= FINE_MAX_RADIUS_MILES ? FINE_PRECISION : COARSE_PRECISION;
}

export function cellOf(point: LatLng, precision: number): string {
  return ngeohash.encode(point.lat, point.lng, precision);
}

/**
 * Every cell that can hold a point within radiusMiles of center: the cells of the circle's bounding
 * box. US zips never straddle the antimeridian, so no wrap-around is handled.
 */
export function cellsWithin(center: LatLng, radiusMiles: number, precision = precisionFor(radiusMiles)): string[] {
  const dLat = radiusMiles / MILES_PER_DEGREE_LAT;
  const cosLat = Math.max(Math.cos((center.lat * Math.PI) / 180), 0.01);
  const dLng = radiusMiles / (MILES_PER_DEGREE_LAT * cosLat);
  const minLat = Math.max(center.lat - dLat, -90);
  const maxLat = Math.min(center.lat + dLat, 90);
  return ngeohash.bboxes(minLat, center.lng - dLng, maxLat, center.lng + dLng, precision);
}
