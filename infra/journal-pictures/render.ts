/**
 * `npm run journal:pictures`: renders the journal's default pictures to WebP, into
 * infra/journal-pictures/webp/. The output is committed; run this again after changing the drawing.
 */
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import sharp from 'sharp';
import { DEFAULT_PICTURE_COUNT, defaultPictureName } from '../../shared/journal/default-pictures.ts';
import { teacupSvg } from './teacup.ts';

export const PICTURES_DIRECTORY = new URL('./webp/', import.meta.url);

async function main(): Promise<void> {
  rmSync(PICTURES_DIRECTORY, { recursive: true, force: true });
  mkdirSync(PICTURES_DIRECTORY, { recursive: true });
  for (let index = 0; index < DEFAULT_PICTURE_COUNT; index += 1) {
    const webp = await sharp(Buffer.from(teacupSvg(index))).webp({ quality: 80, effort: 6 }).toBuffer();
    writeFileSync(new URL(defaultPictureName(index), PICTURES_DIRECTORY), webp);
  }
  console.log(`${DEFAULT_PICTURE_COUNT} pictures in ${PICTURES_DIRECTORY.pathname}`);
}

await main();
