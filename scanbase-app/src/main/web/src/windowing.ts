// SPDX-License-Identifier: Apache-2.0
// Window/level on the client: real values (HU for CT) to 8-bit grey, as DICOM PS3.3 C.11.2.1.2.1
// (the linear VOI LUT function) defines it.

/** A window: centre (level) and width, in the slice's real units (HU for CT). */
export interface Window {
  center: number;
  width: number;
}

/** Named presets, as radiologists use them (W/L in HU). `own` is the file's window. */
export const CT_PRESETS: Record<string, Window> = {
  soft: { width: 400, center: 40 },
  lung: { width: 1500, center: -600 },
  bone: { width: 2500, center: 480 },
  brain: { width: 80, center: 40 },
  liver: { width: 150, center: 90 },
};

/** The grey level (0..255) of real value `x` under window `w` (DICOM linear function). */
export function greyOf(x: number, w: Window): number {
  const width = Math.max(1, w.width);
  const c = w.center - 0.5;
  const half = (width - 1) / 2;
  if (x <= c - half) return 0;
  if (x > c + half) return 255;
  return Math.round(((x - c) / (width - 1) + 0.5) * 255);
}

/**
 * A 256-entry-per-step lookup is not possible for float data, so this builds the RGBA bytes
 * directly: `values` are real values (already rescaled), one per pixel.
 */
export function windowInto(values: Float32Array, w: Window, out: Uint8ClampedArray): void {
  const width = Math.max(1, w.width);
  const c = w.center - 0.5;
  const half = (width - 1) / 2;
  const lo = c - half;
  const hi = c + half;
  const scale = 255 / (width - 1);
  for (let i = 0, j = 0; i < values.length; i++, j += 4) {
    const x = values[i];
    const g = x <= lo ? 0 : x > hi ? 255 : Math.round((x - c) * scale + 127.5);
    out[j] = g;
    out[j + 1] = g;
    out[j + 2] = g;
    out[j + 3] = 255;
  }
}

/** MR and other uncalibrated images: the window that spans the 0.5th to 99.5th percentile. */
export function autoWindow(values: Float32Array): Window {
  if (values.length === 0) return { center: 0, width: 1 };
  const step = Math.max(1, Math.floor(values.length / 20000));
  const sample: number[] = [];
  for (let i = 0; i < values.length; i += step) sample.push(values[i]);
  sample.sort((a, b) => a - b);
  const lo = sample[Math.floor(sample.length * 0.005)];
  const hi = sample[Math.min(sample.length - 1, Math.floor(sample.length * 0.995))];
  return { center: (lo + hi) / 2, width: Math.max(1, hi - lo) };
}

/** Parses "W400/L40" or "400/40" into a window, or null. */
export function parseWindow(text: string): Window | null {
  const m = /^\s*W?(-?[\d.]+)\s*\/\s*L?(-?[\d.]+)\s*$/i.exec(text);
  if (!m) return null;
  return { width: Number(m[1]), center: Number(m[2]) };
}
