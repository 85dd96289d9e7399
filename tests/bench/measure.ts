/** Small measuring tools shared by the benchmark sections. Nothing here asserts on time. */

export interface Figure {
  readonly section: string;
  readonly name: string;
  readonly value: number | string;
  readonly unit: string;
  readonly note?: string;
}

export const percentile = (sorted: readonly number[], p: number): number =>
  sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? NaN;

export const round = (value: number, digits = 1): number => Math.round(value * 10 ** digits) / 10 ** digits;

export const median = (values: readonly number[]): number => percentile([...values].sort((a, b) => a - b), 50);

export interface Run {
  /** Each request's latency in ms, sorted. */
  readonly latencies: number[];
  readonly seconds: number;
  /** CPU this process used (all threads, argon2's included), in ms. */
  readonly cpuMs: number;
}

/** Runs `count` requests over `concurrency` workers, timing each one and the CPU used overall. */
export async function timed(count: number, concurrency: number, run: (index: number) => Promise<void>): Promise<Run> {
  const latencies: number[] = [];
  let next = 0;
  const cpuStart = process.cpuUsage();
  const started = performance.now();
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < count) {
        const index = next++;
        const t0 = performance.now();
        await run(index);
        latencies.push(performance.now() - t0);
      }
    }),
  );
  const cpu = process.cpuUsage(cpuStart);
  return { latencies: latencies.sort((a, b) => a - b), seconds: (performance.now() - started) / 1000, cpuMs: (cpu.user + cpu.system) / 1000 };
}

/** Throughput, p50/p99 and requests per CPU-second (what one core sustains) of a run, as figures. */
export function throughputFigures(section: string, label: string, count: number, run: Run): Figure[] {
  return [
    { section, name: `${label}: throughput`, value: round(count / run.seconds), unit: 'req/s', note: `${round(count / (run.cpuMs / 1000))} req per CPU-second` },
    { section, name: `${label}: p50`, value: round(percentile(run.latencies, 50)), unit: 'ms', note: `p99 ${round(percentile(run.latencies, 99))} ms` },
  ];
}

export const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
