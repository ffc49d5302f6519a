// SPDX-License-Identifier: Apache-2.0
// Mask colours: by field (one colour per label field: the App config's ROI colour, else a
// palette) or by value (one colour per label value, the same in every field).
import type { Json } from './api';

export type Rgb = [number, number, number];

const PALETTE: Rgb[] = [
  [255, 64, 64], [64, 160, 255], [255, 200, 0], [0, 210, 120], [200, 90, 255],
  [255, 130, 40], [0, 220, 220], [255, 80, 180], [150, 220, 60], [120, 120, 255],
];

export function paletteColor(i: number): Rgb {
  return PALETTE[((i % PALETTE.length) + PALETTE.length) % PALETTE.length];
}

export function parseHex(text: unknown): Rgb | null {
  if (typeof text !== 'string') return null;
  const m = /^#?([0-9a-f]{2})([0-9a-f]{2})([0-9a-f]{2})$/i.exec(text);
  return m ? [parseInt(m[1], 16), parseInt(m[2], 16), parseInt(m[3], 16)] : null;
}

export function css([r, g, b]: Rgb): string {
  return `rgb(${r}, ${g}, ${b})`;
}

/** The colour of each label field: the dataset's App config `colors`, else the palette in order. */
export function fieldColors(fields: string[], appConfig: Record<string, Json>): Map<string, Rgb> {
  const configured = (appConfig?.colors ?? {}) as Record<string, Json>;
  const colors = new Map<string, Rgb>();
  fields.forEach((field, i) => colors.set(field, parseHex(configured[field]) ?? paletteColor(i)));
  return colors;
}

/** Label values a mask can hold: 16-bit PNGs. */
export const LABEL_VALUES = 65536;

/** An RGB table of every 16-bit label value: every value the field colour, or each value its own. */
export function labelTable(byValue: boolean, fieldColor: Rgb): Uint8Array {
  const table = new Uint8Array(LABEL_VALUES * 3);
  for (let v = 1; v < LABEL_VALUES; v++) {
    const c = byValue ? paletteColor(v - 1) : fieldColor;
    table.set(c, v * 3);
  }
  return table;
}
