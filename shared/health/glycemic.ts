// Glycemic index (GI) and glycemic load (GL) arithmetic and bands, as defined in issue #16:
// GL = GI x available carbohydrate (g) / 100; GI low <= 55, medium 56-69, high >= 70;
// GL low <= 10, medium 11-19, high >= 20.
// A food without a GI (negligible available carbohydrate, or a custom food whose GI is unknown)
// has no GL: null, never zero, so an unknown is never shown as "low".

export type Band = 'low' | 'medium' | 'high';

export const glycemicLoad = (gi: number | null, availableCarbsGrams: number): number | null =>
  gi === null ? null : (gi * availableCarbsGrams) / 100;

// Bands are decided on the value rounded to a whole number, because that is what people see
// (a GL of 10.4 is shown as 10 and must read "low").
export const giBand = (gi: number | null): Band | null => {
  if (gi === null) return null;
  const shown = Math.round(gi);
  return shown <= 55 ? 'low' : shown <= 69 ? 'medium' : 'high';
};

export const glBand = (gl: number | null): Band | null => {
  if (gl === null) return null;
  const shown = Math.round(gl);
  return shown <= 10 ? 'low' : shown <= 19 ? 'medium' : 'high';
};

// A day's total GL is not banded like a serving's (any ordinary day would be "high" by the
// serving bands). The usual daily bands (University of Sydney GI research service, glycemicindex.com)
// are low <= 80, medium 81-119, high >= 120, again on the value as shown.
export const dailyGlBand = (totalGl: number | null): Band | null => {
  if (totalGl === null) return null;
  const shown = Math.round(totalGl);
  return shown <= 80 ? 'low' : shown <= 119 ? 'medium' : 'high';
};
