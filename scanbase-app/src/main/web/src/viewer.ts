// SPDX-License-Identifier: Apache-2.0
// The 2D slice viewer of the modal: windowing on the client from the raw slice (HU under the
// cursor), mask overlays frame by frame, and a player that steps through a stack of frames
// (a group's samples or a volume's slices) at a chosen fps.
import { h, replace } from './dom';
import { css, labelTable, type Rgb } from './colors';
import { FrameCache, type FrameData, type FrameRef } from './frames';
import { CT_PRESETS, parseWindow, windowInto, type Window } from './windowing';

export interface ViewerOptions {
  ds: string;
  refs: FrameRef[];
  start: number;
  fps: number;
  labelFields: string[];
  colors: Map<string, Rgb>;
  maskTargets: Record<string, Record<string, string>>;
  hiddenMasks: Set<string>;
  onFrame?: (index: number) => void;
  onFps?: (fps: number) => void;
  onMasks?: (hidden: Set<string>) => void;
}

/** Playback statistics, read by the browser benchmark. */
export interface PlayStats {
  playing: boolean;
  shown: number;
  startedAt: number;
  lastAt: number;
  stalls: number;
  /** frames shown more than 1.5 frame intervals after the one before */
  late: number;
  /** sample id and frame of each frame shown while playing, in order (first 2,000) */
  order: string[];
}

type WindowMode = { kind: 'default' } | { kind: 'own' } | { kind: 'auto' } | { kind: 'preset'; name: string } | { kind: 'custom'; w: Window };

const AHEAD = 48;

export class SliceViewer {
  readonly element: HTMLElement;
  readonly stats: PlayStats = { playing: false, shown: 0, startedAt: 0, lastAt: 0, stalls: 0, late: 0, order: [] };
  private readonly canvas = h('canvas.slice');
  private readonly info = h('div.pixel-info');
  private readonly status = h('div.viewer-status');
  private readonly scrub = h('input.scrub', { type: 'range', min: 0, step: 1, value: 0 });
  private readonly frameLabel = h('span.frame-label');
  private readonly playButton = h('button.play', { title: 'Play / pause (space)' }, '▶');
  private readonly fpsInput = h('input.fps', { type: 'number', min: 1, max: 120, step: 1 });
  private readonly windowLabel = h('span.window-label');
  private readonly controls = h('div.viewer-controls');
  private readonly maskPanel = h('div.mask-panel');
  private readonly cache: FrameCache;
  private index: number;
  private fps: number;
  private playing = false;
  private raf = 0;
  private shownData: FrameData | null = null;
  private mode: WindowMode = { kind: 'default' };
  private opacity = 0.5;
  private byValue = false;
  private image: ImageData | null = null;
  private readonly tables = new Map<string, Uint8Array>();

  constructor(private readonly o: ViewerOptions) {
    this.cache = new FrameCache(o.ds, o.refs);
    this.index = Math.min(Math.max(0, o.start), o.refs.length - 1);
    this.fps = o.fps;
    this.fpsInput.value = String(this.fps);
    this.scrub.max = String(o.refs.length - 1);
    this.cache.onLoaded = (i) => {
      if (i === this.index && !this.playing) this.show(i);
    };
    this.buildControls();
    this.element = h('div.viewer',
      h('div.canvas-wrap', this.canvas, this.info),
      this.controls,
      this.maskPanel,
      this.status);
    this.bindCanvas();
    this.buildMaskPanel();
    new ResizeObserver(() => this.fit()).observe(this.element);
    void this.goTo(this.index);
  }

  get frameIndex(): number {
    return this.index;
  }

  get frameCount(): number {
    return this.o.refs.length;
  }

  get currentWindow(): Window | null {
    return this.shownData ? this.windowFor(this.shownData) : null;
  }

  /** The canvas (tests read its size to map image pixels to screen pixels). */
  get canvasElement(): HTMLCanvasElement {
    return this.canvas;
  }

  close(): void {
    this.pause();
    cancelAnimationFrame(this.raf);
    this.cache.close();
  }

  /** Shows frame `index` (loading it first when needed) and prefetches what follows. */
  async goTo(index: number): Promise<void> {
    const n = this.o.refs.length;
    this.index = ((index % n) + n) % n;
    this.cache.prefetch(this.index, AHEAD);
    const ready = this.cache.get(this.index);
    if (ready) {
      this.show(this.index);
      return;
    }
    this.status.textContent = 'loading…';
    try {
      await this.cache.load(this.index);
      this.show(this.index);
    } catch (e) {
      this.status.textContent = `cannot load frame ${this.index + 1}: ${(e as Error).message}`;
    }
  }

  step(delta: number): void {
    this.pause();
    void this.goTo(this.index + delta);
  }

  toggle(): void {
    if (this.playing) this.pause();
    else this.play();
  }

  play(): void {
    if (this.o.refs.length < 2 || this.playing) return;
    this.playing = true;
    this.playButton.textContent = '❚❚';
    Object.assign(this.stats, { playing: true, shown: 0, startedAt: performance.now(), stalls: 0, late: 0, order: [] });
    // frame n of the run is due at clock + n / fps; one frame per animation frame at most,
    // and the clock moves on while waiting for data, so a stall never turns into a burst
    let clock = performance.now();
    let steps = 0;
    let previous = clock;
    const tick = (now: number) => {
      if (!this.playing) return;
      this.raf = requestAnimationFrame(tick);
      const elapsed = now - previous;
      previous = now;
      const due = ((now - clock) * this.fps) / 1000;
      if (due < steps + 0.75) return; // a quarter frame of slack for vsync jitter
      const next = (this.index + 1) % this.o.refs.length;
      if (!this.cache.get(next)) {
        this.stats.stalls++;
        clock += elapsed;
        this.cache.prefetch(next, AHEAD);
        return;
      }
      // a short hiccup is caught up at the display's rate; half a second behind (a hidden tab) is not
      if (due > steps + this.fps / 2) clock = now - (steps * 1000) / this.fps;
      if (this.stats.shown > 0 && now - this.stats.lastAt > 1500 / this.fps) this.stats.late++;
      steps++;
      this.index = next;
      this.show(next);
      this.stats.shown++;
      this.stats.lastAt = now;
      if (this.stats.order.length < 2000) this.stats.order.push(`${this.o.refs[next].sampleId}#${this.o.refs[next].frame}`);
      if (next % 8 === 0) this.cache.prefetch(next, AHEAD);
    };
    this.raf = requestAnimationFrame(tick);
  }

  pause(): void {
    this.playing = false;
    this.stats.playing = false;
    this.playButton.textContent = '▶';
    cancelAnimationFrame(this.raf);
  }

  setFps(fps: number): void {
    this.fps = Math.min(120, Math.max(1, Math.round(fps)));
    this.fpsInput.value = String(this.fps);
    this.o.onFps?.(this.fps);
  }

  setPreset(name: string): void {
    this.mode = name === 'default' || name === 'own' || name === 'auto' ? { kind: name } : { kind: 'preset', name };
    this.redraw();
  }

  setWindow(w: Window): void {
    this.mode = { kind: 'custom', w };
    this.redraw();
  }

  /** Keyboard in the modal: space, arrows (frames), [ ] (fps), digits (presets). */
  key(e: KeyboardEvent): boolean {
    if (e.key === ' ') this.toggle();
    else if (e.key === 'ArrowRight' && this.o.refs.length > 1) this.step(e.shiftKey ? 10 : 1);
    else if (e.key === 'ArrowLeft' && this.o.refs.length > 1) this.step(e.shiftKey ? -10 : -1);
    else if (e.key === 'Home' && this.o.refs.length > 1) this.step(-this.index);
    else if (e.key === 'End' && this.o.refs.length > 1) this.step(this.o.refs.length - 1 - this.index);
    else if (e.key === ']') this.setFps(this.fps + 5);
    else if (e.key === '[') this.setFps(this.fps - 5);
    else if (e.key >= '1' && e.key <= '8') this.setPreset(['default', 'own', 'auto', ...Object.keys(CT_PRESETS)][Number(e.key) - 1]);
    else return false;
    return true;
  }

  private show(index: number): void {
    const data = this.cache.get(index);
    if (!data) return;
    this.shownData = data;
    this.draw(data);
    this.scrub.value = String(index);
    this.frameLabel.textContent = `${index + 1} / ${this.o.refs.length}`;
    this.canvas.dataset.frame = String(index);
    this.canvas.dataset.sample = this.o.refs[index].sampleId;
    this.status.textContent = '';
    this.o.onFrame?.(index);
  }

  private redraw(): void {
    if (this.shownData) this.draw(this.shownData);
  }

  private windowFor(data: FrameData): Window {
    switch (this.mode.kind) {
      case 'custom':
        return this.mode.w;
      case 'preset':
        return CT_PRESETS[this.mode.name];
      case 'auto':
        return data.autoWindow;
      case 'own':
        return data.ownWindow ?? data.autoWindow;
      case 'default':
        // MR has no calibrated units: its own percentiles per slice; the rest the file's window
        return data.modality === 'MR' || !data.ownWindow ? data.autoWindow : data.ownWindow;
    }
  }

  /** Scales the canvas to fit its box, keeping square pixels (the element box is the image). */
  private fit(): void {
    const wrap = this.canvas.parentElement;
    if (!wrap || !this.canvas.width) return;
    const scale = Math.max(0.1, Math.min(wrap.clientWidth / this.canvas.width, wrap.clientHeight / this.canvas.height));
    this.canvas.style.width = `${Math.floor(this.canvas.width * scale)}px`;
    this.canvas.style.height = `${Math.floor(this.canvas.height * scale)}px`;
  }

  private draw(data: FrameData): void {
    if (this.canvas.width !== data.width || this.canvas.height !== data.height) {
      this.canvas.width = data.width;
      this.canvas.height = data.height;
      this.image = null;
      this.fit();
    }
    const context = this.canvas.getContext('2d')!;
    if (!this.image) this.image = context.createImageData(data.width, data.height);
    const w = this.windowFor(data);
    const rgba = this.image.data;
    windowInto(data.values, w, rgba);
    const a = this.opacity;
    for (const field of this.o.labelFields) {
      const labels = data.masks.get(field);
      if (!labels || this.o.hiddenMasks.has(field)) continue;
      const table = this.table(field);
      for (let i = 0, j = 0; i < labels.length; i++, j += 4) {
        const v = labels[i];
        if (v === 0) continue;
        const t = v * 3;
        rgba[j] = rgba[j] * (1 - a) + table[t] * a;
        rgba[j + 1] = rgba[j + 1] * (1 - a) + table[t + 1] * a;
        rgba[j + 2] = rgba[j + 2] * (1 - a) + table[t + 2] * a;
      }
    }
    context.putImageData(this.image, 0, 0);
    this.canvas.dataset.wc = String(w.center);
    this.canvas.dataset.ww = String(w.width);
    this.windowLabel.textContent = `W ${round(w.width)} / L ${round(w.center)}`;
  }

  private table(field: string): Uint8Array {
    const key = `${field}|${this.byValue}`;
    let table = this.tables.get(key);
    if (!table) {
      table = labelTable(this.byValue, this.o.colors.get(field) ?? [255, 0, 0]);
      this.tables.set(key, table);
    }
    return table;
  }

  private buildControls(): void {
    this.playButton.addEventListener('click', () => this.toggle());
    this.scrub.addEventListener('input', () => {
      this.pause();
      void this.goTo(Number(this.scrub.value));
    });
    this.fpsInput.addEventListener('change', () => this.setFps(Number(this.fpsInput.value)));
    const presets = h('select.presets', { title: 'Window presets (keys 1-8)' },
      h('option', { value: 'default' }, 'default window'),
      h('option', { value: 'own' }, "file's own"),
      h('option', { value: 'auto' }, 'auto (percentiles)'),
      Object.entries(CT_PRESETS).map(([name, w]) => h('option', { value: name }, `${name} W${w.width}/L${w.center}`)));
    presets.addEventListener('change', () => this.setPreset(presets.value));
    const custom = h('input.custom-window', { placeholder: 'W/L e.g. 400/40', size: 10 });
    custom.addEventListener('change', () => {
      const w = parseWindow(custom.value);
      if (w) this.setWindow(w);
    });
    const several = this.o.refs.length > 1;
    replace(this.controls,
      several && [
        h('button', { title: 'Previous frame (←)', onclick: () => this.step(-1) }, '‹'),
        this.playButton,
        h('button', { title: 'Next frame (→)', onclick: () => this.step(1) }, '›'),
        this.scrub, this.frameLabel,
        h('label', { title: 'Frames per second ([ and ])' }, this.fpsInput, ' fps'),
      ],
      presets, custom, this.windowLabel);
  }

  private buildMaskPanel(): void {
    if (this.o.labelFields.length === 0) return;
    const opacity = h('input', { type: 'range', min: 0, max: 1, step: 0.05, value: this.opacity });
    opacity.addEventListener('input', () => {
      this.opacity = Number(opacity.value);
      this.redraw();
    });
    const colorBy = h('select.color-by', null, h('option', { value: 'field' }, 'colour by field'),
      h('option', { value: 'value' }, 'colour by value'));
    colorBy.addEventListener('change', () => {
      this.byValue = colorBy.value === 'value';
      this.redraw();
    });
    const toggles = this.o.labelFields.map((field) => {
      const box = h('input', { type: 'checkbox', checked: !this.o.hiddenMasks.has(field) });
      box.dataset.field = field;
      box.addEventListener('change', () => {
        if (box.checked) this.o.hiddenMasks.delete(field);
        else this.o.hiddenMasks.add(field);
        this.o.onMasks?.(this.o.hiddenMasks);
        this.redraw();
      });
      return h('label.mask-toggle', null, box,
        h('span.swatch', { style: { background: css(this.o.colors.get(field) ?? [255, 0, 0]) } }), field);
    });
    replace(this.maskPanel, toggles, h('label', null, 'opacity ', opacity), colorBy);
  }

  private bindCanvas(): void {
    let drag: { x: number; y: number; w: Window } | null = null;
    this.canvas.addEventListener('mousedown', (e) => {
      if (!this.shownData) return;
      drag = { x: e.clientX, y: e.clientY, w: this.windowFor(this.shownData) };
      e.preventDefault();
    });
    window.addEventListener('mouseup', () => (drag = null));
    this.canvas.addEventListener('mousemove', (e) => {
      const data = this.shownData;
      if (!data) return;
      if (drag) {
        // right: wider window; down: higher level (as on most workstations)
        const scale = Math.max(1, drag.w.width) / 200;
        this.setWindow({ width: Math.max(1, drag.w.width + (e.clientX - drag.x) * scale),
          center: drag.w.center + (e.clientY - drag.y) * scale });
      }
      const rect = this.canvas.getBoundingClientRect();
      const x = Math.floor(((e.clientX - rect.left) / rect.width) * data.width);
      const y = Math.floor(((e.clientY - rect.top) / rect.height) * data.height);
      if (x < 0 || y < 0 || x >= data.width || y >= data.height) return;
      const i = y * data.width + x;
      const unit = data.modality === 'CT' ? ' HU' : '';
      const names: string[] = [];
      for (const [field, labels] of data.masks) {
        const v = labels[i];
        if (v) names.push(this.o.maskTargets[field]?.[String(v)] ?? `${field} ${v}`);
      }
      this.info.textContent = `(${x}, ${y})  ${round(data.values[i])}${unit}${names.length ? '  ' + names.join(', ') : ''}`;
      this.info.dataset.value = String(data.values[i]);
      this.info.dataset.masks = names.join('|');
    });
    this.canvas.addEventListener('mouseleave', () => (this.info.textContent = ''));
  }
}

function round(v: number): string {
  return String(Math.round(v * 100) / 100);
}
