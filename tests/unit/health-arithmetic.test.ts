import { describe, expect, it } from 'vitest';
import { cgmMetrics, glucoseManagementIndicator, isSufficient } from '../../shared/health/cgm-metrics.ts';
import { csvField, toCsv } from '../../shared/health/csv.ts';
import { dailyGlBand, giBand, glBand, glycemicLoad } from '../../shared/health/glycemic.ts';
import { isInAcceptedRange, toMgPerDl, toMmolPerL } from '../../shared/health/glucose-units.ts';
import { localHoursOf } from '../../shared/health/local-time.ts';

describe('glycemic load and bands', () => {
  it('computes GL as GI x available carbohydrate / 100', () => {
    expect(glycemicLoad(73, 63)).toBeCloseTo(45.99, 10); // 1.5 servings of boiled white rice
    expect(glycemicLoad(36, 14)).toBeCloseTo(5.04, 10); // an apple
  });

  it('gives no GL (null, not zero) when the GI is unknown', () => {
    expect(glycemicLoad(null, 40)).toBeNull();
    expect(glBand(null)).toBeNull();
    expect(giBand(null)).toBeNull();
  });

  it.each([
    [55, 'low'], [56, 'medium'], [69, 'medium'], [70, 'high'], [103, 'high'],
  ] as const)('puts GI %d in the %s band', (gi, band) => {
    expect(giBand(gi)).toBe(band);
  });

  it.each([
    [0, 'low'], [10, 'low'], [10.4, 'low'], [10.5, 'medium'], [19, 'medium'], [19.6, 'high'], [20, 'high'],
  ] as const)('puts GL %d in the %s band (as shown, rounded)', (gl, band) => {
    expect(glBand(gl)).toBe(band);
  });
});

describe('glucose units', () => {
  it('converts mmol/L with 18.0156 and rounds to an integer mg/dL', () => {
    expect(toMgPerDl(5.5, 'mmol/L')).toBe(99); // 99.0858
    expect(toMgPerDl(10, 'mmol/L')).toBe(180); // 180.156
    expect(toMgPerDl(3.9, 'mmol/L')).toBe(70); // 70.26
    expect(toMgPerDl(99.4, 'mg/dL')).toBe(99);
    expect(toMmolPerL(100)).toBe(5.6); // 5.5507
  });

  it('accepts 20-600 mg/dL, i.e. 1.1-33.3 mmol/L, and nothing outside', () => {
    expect(isInAcceptedRange(toMgPerDl(1.1, 'mmol/L'))).toBe(true); // 19.82 -> 20
    expect(isInAcceptedRange(toMgPerDl(33.3, 'mmol/L'))).toBe(true); // 599.92 -> 600
    expect(isInAcceptedRange(toMgPerDl(1.0, 'mmol/L'))).toBe(false); // 18
    expect(isInAcceptedRange(toMgPerDl(33.4, 'mmol/L'))).toBe(false); // 601.72 -> 602
    expect(isInAcceptedRange(toMgPerDl(0.5, 'mg/dL'))).toBe(false);
    expect(isInAcceptedRange(toMgPerDl(700, 'mg/dL'))).toBe(false);
  });
});

describe('consensus CGM metrics', () => {
  // Hand-computed: n = 10, sum = 1300, mean = 130; squared deviations sum to 40550,
  // population variance 4055, SD 63.679, CV 48.98%; GMI = 3.31 + 0.02392 x 130 = 6.4196%.
  const fixture = [50, 65, 100, 150, 180, 200, 260, 70, 120, 105];

  it('matches the hand-computed fixture', () => {
    expect(cgmMetrics(fixture)).toEqual({
      readings: 10,
      inRangePct: 60, // 70, 100, 105, 120, 150, 180 (both ends inclusive)
      below70Pct: 20, // 50, 65
      below54Pct: 10, // 50
      above180Pct: 20, // 200, 260
      above250Pct: 10, // 260
      mean: 130,
      gmiPct: 6.4,
      cvPct: 49,
    });
  });

  it('computes GMI from the mean in mg/dL', () => {
    expect(glucoseManagementIndicator(154)).toBeCloseTo(6.99368, 10);
  });

  it('has no metrics without readings', () => {
    expect(cgmMetrics([])).toBeNull();
  });

  it('is sufficient only with 14 days of at least 70% of 288 readings', () => {
    expect(isSufficient(Array(14).fill(202))).toBe(true); // ceil(0.7 x 288) = 202
    expect(isSufficient(Array(14).fill(201))).toBe(false);
    expect(isSufficient(Array(13).fill(288))).toBe(false);
    expect(isSufficient([...Array(14).fill(288), 0, 0])).toBe(true);
  });
});

describe('CSV export fields', () => {
  it('quotes per RFC 4180 and ends rows with CRLF', () => {
    expect(toCsv(['a', 'b'], [['x, y', 'say "hi"'], ['line\nbreak', null]])).toBe(
      'a,b\r\n"x, y","say ""hi"""\r\n"line\nbreak",\r\n',
    );
  });

  it('neutralizes spreadsheet formulas in free text but leaves numbers alone', () => {
    expect(csvField('=HYPERLINK("http://evil")')).toBe('"\'=HYPERLINK(""http://evil"")"');
    expect(csvField('+1')).toBe("'+1");
    expect(csvField('-2')).toBe("'-2");
    expect(csvField('@SUM(A1)')).toBe("'@SUM(A1)");
    expect(csvField(-2)).toBe('-2');
    expect(csvField('porridge')).toBe('porridge');
  });
});

describe('a day\'s total GL', () => {
  it('is banded with the daily bands (low <= 80, medium 81-119, high >= 120) on the value as shown', () => {
    expect([80.4, 80.5, 119.4, 119.5, null].map(dailyGlBand)).toEqual(['low', 'medium', 'medium', 'high', null]);
  });
});

describe('the local hours of a day', () => {
  const labels = (date: string, zone: string) => localHoursOf(date, zone).map((h) => `${h.hour}${h.utcOffset}`);

  it('has 24 hours on an ordinary day, at the zone\'s offset, quarter-hour zones included', () => {
    expect(labels('2026-06-01', 'Europe/Paris')).toHaveLength(24);
    expect(labels('2026-06-01', 'Asia/Kathmandu')[0]).toBe('00+05:45');
    expect(labels('2026-06-01', 'America/New_York').at(-1)).toBe('23-04:00');
  });

  it('has 23 hours on a spring-forward day and 25 on a fall-back day, both 01:00s told apart by offset', () => {
    expect(labels('2026-03-08', 'America/New_York').slice(0, 3)).toEqual(['00-05:00', '01-05:00', '03-04:00']);
    expect(labels('2026-03-08', 'America/New_York')).toHaveLength(23);
    expect(labels('2026-11-01', 'America/New_York').slice(0, 4)).toEqual(['00-04:00', '01-04:00', '01-05:00', '02-05:00']);
    expect(labels('2026-11-01', 'America/New_York')).toHaveLength(25);
  });

  it('starts at 01:00 where the clock skips midnight', () => {
    // Chile springs forward at local midnight: 2026-09-06 has no 00:00.
    expect(labels('2026-09-06', 'America/Santiago')[0]).toBe('01-03:00');
    expect(labels('2026-09-06', 'America/Santiago')).toHaveLength(23);
  });
});
