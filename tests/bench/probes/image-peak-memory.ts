/**
 * Child process of the image-memory bench: processes one file the way the
 * image worker does (one at a time, no sharp cache) and prints the process's
 * peak resident memory in MB. A fresh process per image, so peaks don't mix.
 */
import { readFileSync } from 'node:fs';
import sharp from 'sharp';
import { processImage } from '../../../shared/photos/image-processing.ts';

sharp.concurrency(1);
sharp.cache(false);
const file = process.argv[2];
if (file) await processImage(readFileSync(file)).catch((error: { reason?: string }) => console.error(`rejected: ${error.reason}`));
// VmHWM, not resourceUsage().maxRSS: Linux carries ru_maxrss over from the forking parent across exec.
const peakKb = Number(/VmHWM:\s+(\d+)/.exec(readFileSync('/proc/self/status', 'utf8'))?.[1]);
console.log(peakKb / 1024);
