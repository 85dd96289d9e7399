/** Coordinates are stored as integers of 1e-4 degree (about 11 m), the precision GeoNames gives. */
export const COORD_SCALE = 10_000;
