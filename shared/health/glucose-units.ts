// Glucose units. Kindred stores every reading canonically as an integer mg/dL and keeps what was
// entered beside it, so a unit is never guessed twice.
// 18.0156 g/mol is the molar mass of glucose (mmol/L -> mg/dL); Nightscout uses 18.01559, which
// rounds to the same integer over the whole accepted range.

export const GLUCOSE_UNITS = ['mg/dL', 'mmol/L'] as const;
export type GlucoseUnit = (typeof GLUCOSE_UNITS)[number];

export const GLUCOSE_SOURCES = ['meter', 'cgm', 'manual'] as const;
export type GlucoseSource = (typeof GLUCOSE_SOURCES)[number];

export const MG_PER_DL_PER_MMOL_PER_L = 18.0156;
export const MIN_MG_PER_DL = 20;
export const MAX_MG_PER_DL = 600;

export const toMgPerDl = (value: number, unit: GlucoseUnit): number =>
  Math.round(unit === 'mmol/L' ? value * MG_PER_DL_PER_MMOL_PER_L : value);

export const toMmolPerL = (mgPerDl: number): number => Math.round((mgPerDl / MG_PER_DL_PER_MMOL_PER_L) * 10) / 10;

// 20-600 mg/dL is 1.1-33.3 mmol/L; the check runs on the canonical value so both units agree.
export const isInAcceptedRange = (mgPerDl: number): boolean => mgPerDl >= MIN_MG_PER_DL && mgPerDl <= MAX_MG_PER_DL;
