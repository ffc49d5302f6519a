// SPDX-License-Identifier: Apache-2.0
// Decodes greyscale PNGs (8- or 16-bit, not interlaced) to their exact sample values. Masks
// with labels above 255 are 16-bit PNGs, and a canvas would give only their top 8 bits.
// Inflation is the browser's own DecompressionStream; PNG spec: https://www.w3.org/TR/png/

/** The sample values of a greyscale PNG, row-major, `width x height`. */
export interface GreyImage {
  width: number;
  height: number;
  bitDepth: number;
  data: Uint16Array;
}

const SIGNATURE = [137, 80, 78, 71, 13, 10, 26, 10];

/**
 * The values of a greyscale (colour type 0) PNG of bit depth 8 or 16 without interlacing, or
 * null when the PNG is of another kind (the caller then decodes it some other way). Throws
 * on a damaged PNG, naming the chunk or byte offset.
 */
export async function decodeGreyPng(bytes: Uint8Array): Promise<GreyImage | null> {
  if (bytes.length < 33 || SIGNATURE.some((b, i) => bytes[i] !== b)) throw new Error('not a PNG (bad signature)');
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  let offset = 8;
  let width = 0, height = 0, bitDepth = 0;
  const idat: Uint8Array[] = [];
  while (offset + 12 <= bytes.length) {
    const length = view.getUint32(offset);
    const type = String.fromCharCode(...bytes.subarray(offset + 4, offset + 8));
    const start = offset + 8;
    if (start + length + 4 > bytes.length) throw new Error(`PNG chunk ${type} at byte ${offset}: length ${length} past the end`);
    if (type === 'IHDR') {
      width = view.getUint32(start);
      height = view.getUint32(start + 4);
      bitDepth = bytes[start + 8];
      const colourType = bytes[start + 9];
      const interlace = bytes[start + 12];
      if (colourType !== 0 || (bitDepth !== 8 && bitDepth !== 16) || interlace !== 0) return null;
      if (width === 0 || height === 0 || width * height > 1 << 28) throw new Error(`PNG IHDR: bad size ${width}x${height}`);
    } else if (type === 'IDAT') {
      idat.push(bytes.subarray(start, start + length));
    } else if (type === 'IEND') {
      break;
    }
    offset = start + length + 4;
  }
  if (!width) throw new Error('PNG without IHDR');
  const bpp = bitDepth / 8;
  const stride = width * bpp;
  const raw = await inflate(idat);
  if (raw.length < (stride + 1) * height) {
    throw new Error(`PNG IDAT: ${raw.length} bytes, ${(stride + 1) * height} needed for ${width}x${height}x${bitDepth} bits`);
  }
  const data = new Uint16Array(width * height);
  let previous = new Uint8Array(stride);
  let line = new Uint8Array(stride);
  for (let y = 0; y < height; y++) {
    const at = y * (stride + 1);
    unfilter(raw[at], raw.subarray(at + 1, at + 1 + stride), previous, line, bpp, y);
    const row = y * width;
    if (bpp === 1) for (let x = 0; x < width; x++) data[row + x] = line[x];
    else for (let x = 0; x < width; x++) data[row + x] = (line[2 * x] << 8) | line[2 * x + 1];
    [previous, line] = [line, previous];
  }
  return { width, height, bitDepth, data };
}

async function inflate(parts: Uint8Array[]): Promise<Uint8Array> {
  // 'deflate' is the zlib format (RFC 1950) that PNG's IDAT holds
  const stream = new Blob(parts as unknown as BlobPart[]).stream().pipeThrough(new DecompressionStream('deflate'));
  return new Uint8Array(await new Response(stream).arrayBuffer());
}

/** Reverses the PNG filter of one scanline into `out` (PNG spec section 7.3 and 9). */
function unfilter(filter: number, line: Uint8Array, up: Uint8Array, out: Uint8Array, bpp: number, y: number): void {
  const n = line.length;
  switch (filter) {
    case 0:
      out.set(line);
      return;
    case 1:
      for (let i = 0; i < n; i++) out[i] = line[i] + (i >= bpp ? out[i - bpp] : 0);
      return;
    case 2:
      for (let i = 0; i < n; i++) out[i] = line[i] + up[i];
      return;
    case 3:
      for (let i = 0; i < n; i++) out[i] = line[i] + (((i >= bpp ? out[i - bpp] : 0) + up[i]) >> 1);
      return;
    case 4:
      for (let i = 0; i < n; i++) {
        const a = i >= bpp ? out[i - bpp] : 0;
        const b = up[i];
        const c = i >= bpp ? up[i - bpp] : 0;
        const p = a + b - c;
        const pa = Math.abs(p - a), pb = Math.abs(p - b), pc = Math.abs(p - c);
        out[i] = line[i] + (pa <= pb && pa <= pc ? a : pb <= pc ? b : c);
      }
      return;
    default:
      throw new Error(`PNG scanline ${y}: unknown filter ${filter}`);
  }
}
