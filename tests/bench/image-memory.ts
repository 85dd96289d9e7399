/**
 * Peak memory of processing one image, for the worst input the worker
 * accepts and for an ordinary phone photo, beside a process that only loads
 * the code. Each runs in its own process (tests/bench/probes/).
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import sharp from 'sharp';
import { MAX_ASPECT_RATIO, MAX_INPUT_PIXELS, MAX_INPUT_SIDE } from '../../shared/photos/photo-model.ts';
import { round, type Figure } from './measure.ts';

const PROBE = fileURLToPath(new URL('./probes/image-peak-memory.ts', import.meta.url));

function peakMb(file?: string): number {
  const output = execFileSync(process.execPath, ['--import', 'tsx', PROBE, ...(file ? [file] : [])], { encoding: 'utf8' });
  return Number(output.trim().split('\n').at(-1));
}

const noisy = (width: number, height: number, sigma: number) =>
  sharp({ create: { width, height, channels: 3, background: '#808080', noise: { type: 'gaussian', mean: 128, sigma } } });

export async function imageMemoryFigures(): Promise<Figure[]> {
  const section = 'Images';
  const directory = mkdtempSync(join(tmpdir(), 'kindred-image-memory-'));
  // The largest accepted: the longest side, as many pixels as allowed, within the aspect ratio.
  const width = MAX_INPUT_SIDE;
  const height = Math.min(Math.floor(MAX_INPUT_PIXELS / width), width);
  // Uploads stop at 10 MB, so the worst accepted inputs are large in pixels, not in bytes (a flat PNG, a grainy JPEG).
  const inputs = {
    [`worst accepted PNG (${width} x ${height}, ${round((width * height) / 1e6, 1)} MP)`]: await sharp({ create: { width, height, channels: 3, background: '#808080' } }).png().toBuffer(),
    [`worst accepted JPEG (${width} x ${height})`]: await noisy(width, height, 6).jpeg({ quality: 70 }).toBuffer(),
    '12 MP phone photo (4000 x 3000 JPEG)': await noisy(4000, 3000, 40).jpeg({ quality: 90 }).toBuffer(),
    [`refused strip (1,000,000 x 50 PNG, aspect over ${MAX_ASPECT_RATIO})`]: await sharp({ create: { width: 1_000_000, height: 50, channels: 3, background: '#369' } }).png().toBuffer(),
  };
  const baseline = peakMb();
  const figures: Figure[] = [{ section, name: 'peak memory, code loaded, no image', value: round(baseline, 0), unit: 'MB' }];
  for (const [name, bytes] of Object.entries(inputs)) {
    const file = join(directory, `${figures.length}.img`);
    writeFileSync(file, bytes);
    figures.push({ section, name: `peak memory, ${name}`, value: round(peakMb(file), 0), unit: 'MB', note: `${round(bytes.length / 2 ** 20, 1)} MB file; the worker has 1536 MB` });
  }
  return figures;
}
