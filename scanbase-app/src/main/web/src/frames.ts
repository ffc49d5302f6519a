// SPDX-License-Identifier: Apache-2.0
// Loads and decodes the frames a viewer shows (a slice's real values plus its masks), ahead of
// time, so playback at 30 fps never waits on the network.
import { media } from './api';
import { decodeGreyPng } from './png';
import { autoWindow, type Window } from './windowing';

/** One frame to show: a slice of a sample and the masks that go with it. */
export interface FrameRef {
  sampleId: string;
  frame: number;
  /** label fields with a mask on this frame (empty masks are known from `pixels: 0` and not fetched) */
  masks: string[];
}

/** A decoded frame: real values (HU for CT) and label values (up to 16 bits) per mask field. */
export interface FrameData {
  width: number;
  height: number;
  values: Float32Array;
  modality: string;
  ownWindow: Window | null;
  autoWindow: Window;
  frames: number;
  masks: Map<string, Uint16Array>;
}

export async function loadFrame(ds: string, ref: FrameRef, signal?: AbortSignal): Promise<FrameData> {
  const rawPromise = fetch(media.raw(ds, ref.sampleId, ref.frame), { signal });
  const maskPromises = ref.masks.map(async (field) => {
    const response = await fetch(media.mask(ds, ref.sampleId, field, ref.frame), { signal });
    if (response.status === 204 || response.status === 404) return [field, null] as const;
    if (!response.ok) throw new Error(`mask ${field}: HTTP ${response.status}`);
    return [field, await decodeMask(new Uint8Array(await response.arrayBuffer()))] as const;
  });
  const masksLoaded = Promise.all(maskPromises);
  masksLoaded.catch(() => undefined); // a failed slice fails the frame; its masks need no handler of their own
  const raw = await rawPromise;
  if (!raw.ok) throw new Error(`slice: HTTP ${raw.status}`);
  const width = Number(raw.headers.get('X-Width'));
  const height = Number(raw.headers.get('X-Height'));
  const dtype = raw.headers.get('X-Dtype') ?? 'int16';
  const slope = Number(raw.headers.get('X-Rescale-Slope') ?? 1) || 1;
  const intercept = Number(raw.headers.get('X-Rescale-Intercept') ?? 0) || 0;
  const buffer = await raw.arrayBuffer();
  const values = realValues(buffer, dtype, width * height, slope, intercept);
  const wc = raw.headers.get('X-Window-Center');
  const ww = raw.headers.get('X-Window-Width');
  const ownWindow = wc !== null && ww !== null && wc !== '' && ww !== '' ? { center: Number(wc), width: Number(ww) } : null;
  const masks = new Map<string, Uint16Array>();
  for (const [field, labels] of await masksLoaded) {
    if (labels && labels.width === width && labels.height === height) masks.set(field, labels.data);
  }
  return {
    width, height, values, modality: raw.headers.get('X-Modality') ?? '', ownWindow,
    autoWindow: autoWindow(values), frames: Number(raw.headers.get('X-Frames') ?? 1), masks,
  };
}

function realValues(buffer: ArrayBuffer, dtype: string, n: number, slope: number, intercept: number): Float32Array {
  const view = new DataView(buffer);
  const out = new Float32Array(n);
  if (dtype === 'float32') {
    for (let i = 0; i < n; i++) out[i] = view.getFloat32(i * 4, true) * slope + intercept;
  } else if (dtype === 'uint16') {
    for (let i = 0; i < n; i++) out[i] = view.getUint16(i * 2, true) * slope + intercept;
  } else {
    for (let i = 0; i < n; i++) out[i] = view.getInt16(i * 2, true) * slope + intercept;
  }
  return out;
}

let scratch: OffscreenCanvas | null = null;

/**
 * The label values of a mask PNG: greyscale PNGs (8- or 16-bit, as the server writes them) are
 * decoded exactly; anything else goes through a canvas (its red channel, colour management off).
 */
async function decodeMask(png: Uint8Array): Promise<{ width: number; height: number; data: Uint16Array }> {
  const grey = await decodeGreyPng(png);
  if (grey) return grey;
  const bitmap = await createImageBitmap(new Blob([png as unknown as BlobPart]),
    { colorSpaceConversion: 'none', premultiplyAlpha: 'none' });
  const { width, height } = bitmap;
  if (!scratch) scratch = new OffscreenCanvas(width, height);
  scratch.width = width;
  scratch.height = height;
  const context = scratch.getContext('2d', { willReadFrequently: true })!;
  context.clearRect(0, 0, width, height);
  context.drawImage(bitmap, 0, 0);
  bitmap.close();
  const rgba = context.getImageData(0, 0, width, height).data;
  const data = new Uint16Array(width * height);
  for (let i = 0, j = 0; i < data.length; i++, j += 4) data[i] = rgba[j];
  return { width, height, data };
}

/**
 * A cache of decoded frames that loads the ones ahead of the current frame a few at a time
 * and forgets the oldest when it holds more than `maxBytes`.
 */
export class FrameCache {
  private readonly done = new Map<number, FrameData>();
  private readonly pending = new Map<number, Promise<FrameData>>();
  private readonly queue: number[] = [];
  private active = 0;
  private bytes = 0;
  private readonly controller = new AbortController();
  onLoaded: (index: number) => void = () => {};

  constructor(private readonly ds: string, private readonly refs: FrameRef[], private readonly concurrency = 6,
    private readonly maxBytes = 400 * 1024 * 1024) {}

  get length(): number {
    return this.refs.length;
  }

  ref(index: number): FrameRef {
    return this.refs[index];
  }

  get(index: number): FrameData | undefined {
    const data = this.done.get(index);
    if (data) {
      // most recently used last
      this.done.delete(index);
      this.done.set(index, data);
    }
    return data;
  }

  /** Loads `index` now (ahead of the queue). */
  load(index: number): Promise<FrameData> {
    const ready = this.done.get(index);
    if (ready) return Promise.resolve(ready);
    let p = this.pending.get(index);
    if (!p) {
      p = loadFrame(this.ds, this.refs[index], this.controller.signal).then((data) => {
        this.pending.delete(index);
        this.store(index, data);
        return data;
      }, (e) => {
        this.pending.delete(index);
        throw e;
      });
      this.pending.set(index, p);
    }
    return p;
  }

  /** Queues `count` frames from `index` on (wrapping) for loading in the background. */
  prefetch(index: number, count: number): void {
    this.queue.length = 0;
    for (let k = 0; k < Math.min(count, this.refs.length); k++) {
      const i = (index + k) % this.refs.length;
      if (!this.done.has(i) && !this.pending.has(i)) this.queue.push(i);
    }
    this.pump();
  }

  /** True when the `count` frames from `index` on are decoded. */
  readyAhead(index: number, count: number): boolean {
    for (let k = 0; k < Math.min(count, this.refs.length); k++) {
      if (!this.done.has((index + k) % this.refs.length)) return false;
    }
    return true;
  }

  close(): void {
    this.controller.abort();
    this.done.clear();
  }

  private pump(): void {
    while (this.active < this.concurrency && this.queue.length) {
      const index = this.queue.shift()!;
      if (this.done.has(index) || this.pending.has(index)) continue;
      this.active++;
      this.load(index).catch(() => undefined).finally(() => {
        this.active--;
        this.pump();
      });
    }
  }

  private store(index: number, data: FrameData): void {
    this.done.set(index, data);
    this.bytes += data.values.byteLength + [...data.masks.values()].reduce((n, m) => n + m.byteLength, 0);
    this.onLoaded(index);
    for (const [key, old] of this.done) {
      if (this.bytes <= this.maxBytes || this.done.size <= 2) break;
      this.done.delete(key);
      this.bytes -= old.values.byteLength + [...old.masks.values()].reduce((n, m) => n + m.byteLength, 0);
    }
  }
}
