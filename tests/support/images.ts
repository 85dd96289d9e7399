import sharp from 'sharp';
import { crc32 } from 'node:zlib';

/** A real camera-like JPEG: 1600 × 1200, with make, model and GPS position in its EXIF. */
export async function jpegWithGps(): Promise<Buffer> {
  return sharp({ create: { width: 1600, height: 1200, channels: 3, background: { r: 200, g: 120, b: 40 } } })
    .composite([{ input: Buffer.from('<svg width="400" height="300"><circle cx="200" cy="150" r="120" fill="#235"/></svg>'), left: 100, top: 100 }])
    .jpeg({ quality: 90 })
    .withExif({
      IFD0: { Make: 'KindredCam', Model: 'Test 1', Copyright: 'Ada' },
      IFD3: { GPSLatitudeRef: 'N', GPSLatitude: '51/1 30/1 0/1', GPSLongitudeRef: 'W', GPSLongitude: '0/1 7/1 0/1' },
    })
    .toBuffer();
}

/** A small valid PNG whose header claims 20000 × 20000 pixels: a decompression bomb's calling card. */
export async function pngClaiming20000Squared(): Promise<Buffer> {
  const png = Buffer.from(await sharp({ create: { width: 8, height: 8, channels: 3, background: '#888' } }).png().toBuffer());
  // IHDR data starts at byte 16: width (4 bytes), height (4 bytes); its CRC follows the 13 data bytes.
  png.writeUInt32BE(20_000, 16);
  png.writeUInt32BE(20_000, 20);
  png.writeUInt32BE(crc32(png.subarray(12, 29)) >>> 0, 29);
  return png;
}

export async function truncatedJpeg(): Promise<Buffer> {
  const whole = await jpegWithGps();
  return whole.subarray(0, Math.floor(whole.length / 2));
}
