// The consensus CGM metrics (Battelino T et al., "Clinical Targets for Continuous Glucose
// Monitoring Data Interpretation: Recommendations From the International Consensus on Time in
// Range", Diabetes Care 2019;42:1593-1603), computed from canonical mg/dL readings.
//
// Percentages are of readings. The bands nest as the consensus reports them: "below 70" includes
// "below 54", "above 180" includes "above 250"; in range is 70-180 inclusive.
// CV uses the population standard deviation (all readings of the period are the population).

export const EXPECTED_CGM_READINGS_PER_DAY = 288; // one every 5 minutes
export const SUFFICIENT_DAYS = 14;
export const SUFFICIENT_DAY_SHARE = 0.7;

export interface CgmMetrics {
  readonly readings: number;
  readonly inRangePct: number;
  readonly below70Pct: number;
  readonly below54Pct: number;
  readonly above180Pct: number;
  readonly above250Pct: number;
  readonly mean: number;
  readonly gmiPct: number;
  readonly cvPct: number;
}

const pct = (count: number, total: number): number => round1((count / total) * 100);
const round1 = (x: number): number => Math.round(x * 10) / 10;

// Glucose Management Indicator (%), Bergenstal et al. 2018, as adopted by the consensus.
export const glucoseManagementIndicator = (meanMgPerDl: number): number => 3.31 + 0.02392 * meanMgPerDl;

// Accumulated in one pass so a 90-day range (~26,000 readings) needs no second array.
export class CgmAccumulator {
  private count = 0;
  private sum = 0;
  private sumOfSquares = 0;
  private inRange = 0;
  private below70 = 0;
  private below54 = 0;
  private above180 = 0;
  private above250 = 0;

  add(mgPerDl: number): void {
    this.count += 1;
    this.sum += mgPerDl;
    this.sumOfSquares += mgPerDl * mgPerDl;
    if (mgPerDl < 54) this.below54 += 1;
    if (mgPerDl < 70) this.below70 += 1;
    else if (mgPerDl <= 180) this.inRange += 1;
    else {
      this.above180 += 1;
      if (mgPerDl > 250) this.above250 += 1;
    }
  }

  result(): CgmMetrics | null {
    const n = this.count;
    if (n === 0) return null;
    const mean = this.sum / n;
    const variance = Math.max(0, this.sumOfSquares / n - mean * mean);
    return {
      readings: n,
      inRangePct: pct(this.inRange, n),
      below70Pct: pct(this.below70, n),
      below54Pct: pct(this.below54, n),
      above180Pct: pct(this.above180, n),
      above250Pct: pct(this.above250, n),
      mean: round1(mean),
      gmiPct: round1(glucoseManagementIndicator(mean)),
      cvPct: round1((Math.sqrt(variance) / mean) * 100),
    };
  }
}

export const cgmMetrics = (readings: Iterable<number>): CgmMetrics | null => {
  const acc = new CgmAccumulator();
  for (const r of readings) acc.add(r);
  return acc.result();
};

// Enough data to call the percentages "time in range": at least 14 days on which the CGM gave at
// least 70% of its expected readings. Otherwise they are only "of readings".
export const isSufficient = (cgmReadingsPerDay: Iterable<number>): boolean => {
  const needed = Math.ceil(EXPECTED_CGM_READINGS_PER_DAY * SUFFICIENT_DAY_SHARE);
  let days = 0;
  for (const count of cgmReadingsPerDay) if (count >= needed) days += 1;
  return days >= SUFFICIENT_DAYS;
};
