// SPDX-License-Identifier: Apache-2.0
// The sample modal (one sample: its slices, masks, fields, tags; volumes also in NiiVue) and the
// group modal (a dynamic group played as a video, masks following frame by frame).
import { api, type DatasetInfo, type Json, type Sample } from './api';
import type { Rgb } from './colors';
import { formatValue, h, replace } from './dom';
import type { FrameRef } from './frames';
import { SliceViewer } from './viewer';
import { VolumeViewer } from './volume';

export interface ModalHost {
  info: DatasetInfo;
  colors: Map<string, Rgb>;
  hiddenMasks: Set<string>;
  fps: number;
  /** The neighbour `delta` away from the open item (sample or group) in the grid, if any. */
  neighbour(delta: number): Promise<boolean>;
  close(): void;
  setFps(fps: number): void;
  setHiddenMasks(hidden: Set<string>): void;
  /** Samples were edited (tags): here they are as stored now; tiles and counts elsewhere are stale. */
  edited(samples: Sample[]): void;
}

/** The segmentation fields of the dataset (sample level for images, frame level for volumes). */
export function maskFields(info: DatasetInfo): string[] {
  const fromSamples = Object.entries(info.label_fields).filter(([, t]) => t === 'Segmentation').map(([f]) => f);
  const fromFrames = Object.entries(info.frame_fields ?? {}).filter(([, t]) => t === 'Segmentation').map(([f]) => f);
  return [...new Set([...fromSamples, ...fromFrames])];
}

function hasPixels(label: Json | undefined): boolean {
  if (!label || typeof label !== 'object' || Array.isArray(label)) return false;
  const pixels = (label as Record<string, Json>).pixels;
  return typeof pixels !== 'number' || pixels > 0;
}

export class Modal {
  readonly element: HTMLElement;
  private readonly body = h('div.modal-main');
  private readonly side = h('div.modal-side');
  private readonly title = h('div.modal-title');
  private viewer: SliceViewer | null = null;
  private volume: VolumeViewer | null = null;
  private members: Sample[] = [];
  private current: Sample | null = null;
  private readonly keys = (e: KeyboardEvent) => this.key(e);

  constructor(private readonly host: ModalHost) {
    this.element = h('div.modal', { role: 'dialog' },
      h('div.modal-box',
        h('div.modal-head', this.title,
          h('button.close', { title: 'Close (Esc)', onclick: () => host.close() }, '✕')),
        h('div.modal-content', this.body, this.side)));
    this.element.addEventListener('click', (e) => {
      if (e.target === this.element) host.close();
    });
    window.addEventListener('keydown', this.keys);
  }

  get sliceViewer(): SliceViewer | null {
    return this.viewer;
  }

  get volumeViewer(): VolumeViewer | null {
    return this.volume;
  }

  dispose(): void {
    window.removeEventListener('keydown', this.keys);
    this.viewer?.close();
    this.element.remove();
  }

  /** One sample: image samples show their slice, volume samples their slices and the 3D viewer. */
  async openSample(id: string): Promise<void> {
    const ds = this.host.info.name;
    const sample = await api.sample(ds, id);
    this.current = sample;
    this.title.textContent = sample.filepath.split('/').pop() ?? id;
    const fields = maskFields(this.host.info);
    let refs: FrameRef[];
    if (sample.frame_count > 0) {
      refs = Array.from({ length: sample.frame_count }, (_, k) => ({ sampleId: id, frame: k + 1, masks: fields }));
    } else {
      refs = [{ sampleId: id, frame: 1, masks: fields.filter((f) => hasPixels(sample[f])) }];
    }
    const start = sample.frame_count > 0 ? Math.floor(sample.frame_count / 2) : 0;
    this.showViewer(refs, start, fields);
    if (sample.media_type === 'volume') {
      const threeD = h('button.open-3d', { onclick: () => this.openVolume(id, fields) }, 'Open in 3 planes (NiiVue)');
      this.body.prepend(h('div.tabs', null, threeD));
    }
    this.drawSide(sample);
  }

  /**
   * A dynamic group, played as a video in group order. Members that are volumes (or videos)
   * play through all their frames, one member after the other: a patient's series in order.
   */
  async openGroup(members: Sample[], key: Json): Promise<void> {
    this.members = members;
    const ds = this.host.info.name;
    const fields = maskFields(this.host.info);
    const frameCounts = await Promise.all(members.map(async (m) =>
      m.media_type === 'image' ? 0 : (await api.sample(ds, m.id)).frame_count));
    const refs: FrameRef[] = [];
    const memberOf: number[] = [];
    members.forEach((m, i) => {
      if (frameCounts[i] > 0) {
        // the frame fields' masks: an empty slice is a 204, no need to know which beforehand
        for (let f = 1; f <= frameCounts[i]; f++) refs.push({ sampleId: m.id, frame: f, masks: fields });
        for (let f = 1; f <= frameCounts[i]; f++) memberOf.push(i);
      } else {
        refs.push({ sampleId: m.id, frame: 1, masks: fields.filter((f) => hasPixels(m[f])) });
        memberOf.push(i);
      }
    });
    const frames = refs.length === members.length ? '' : `, ${refs.length} frames`;
    this.title.textContent = `group ${formatValue(key)} · ${members.length} ${frames ? 'samples' : 'slices'}${frames}`;
    this.showViewer(refs, 0, fields, (i) => {
      // the fields panel follows the frame when paused (not 30 times a second)
      if (this.viewer && !this.viewer.stats.playing) this.drawSide(this.members[memberOf[i]]);
    });
    if (members.length) this.drawSide(members[0]);
  }

  private showViewer(refs: FrameRef[], start: number, fields: string[], onFrame?: (i: number) => void): void {
    this.viewer?.close();
    this.viewer = new SliceViewer({
      ds: this.host.info.name, refs, start, fps: this.host.fps, labelFields: fields, colors: this.host.colors,
      maskTargets: this.host.info.mask_targets, hiddenMasks: this.host.hiddenMasks,
      onFps: (fps) => this.host.setFps(fps), onMasks: (hidden) => this.host.setHiddenMasks(hidden),
      onFrame,
    });
    replace(this.body, this.viewer.element);
  }

  private openVolume(id: string, fields: string[]): void {
    const sample = this.current;
    const labelFields = Object.entries(this.host.info.label_fields)
      .filter(([f, t]) => t === 'Segmentation' && sample && hasPixels(sample[f])).map(([f]) => f);
    const use = labelFields.length ? labelFields : fields.filter((f) => sample?.[f]);
    this.viewer?.close();
    this.viewer = null;
    this.volume = new VolumeViewer(this.host.info.name, id, use.map((field) => ({
      field, color: this.host.colors.get(field) ?? [255, 0, 0], targets: this.host.info.mask_targets[field] ?? {},
    })));
    replace(this.body, h('div.tabs', null, h('button', { onclick: () => void this.openSample(id) }, 'Slices')),
      this.volume.element);
    void this.volume.start();
  }

  private drawSide(sample: Sample): void {
    this.current = sample;
    const tags = h('div.tags', null, (sample.tags ?? []).map((t) => h('span.chip', null, t,
      h('button', { title: `remove tag ${t}`, onclick: () => void this.retag(sample, [], [t]) }, '×'))));
    const input = h('input.tag-input', { placeholder: 'add a tag, Enter' });
    input.addEventListener('keydown', (e) => {
      e.stopPropagation();
      if (e.key === 'Enter' && input.value.trim()) void this.retag(sample, [input.value.trim()], []);
    });
    const rows = Object.entries(sample).filter(([k]) => k !== 'tags').sort(([a], [b]) => a.localeCompare(b))
      .map(([k, v]) => h('tr', null, h('th', { title: k }, k), h('td', null, formatValue(v))));
    replace(this.side, h('h3', null, 'Tags'), tags, input, h('h3', null, 'Fields'), h('table.fields-table', null, rows));
  }

  private async retag(sample: Sample, add: string[], remove: string[]): Promise<void> {
    await api.tag(this.host.info.name, [sample.id], add, remove);
    const fresh = await api.sample(this.host.info.name, sample.id);
    this.host.edited([fresh]);
    const i = this.members.findIndex((m) => m.id === sample.id);
    if (i >= 0) this.members[i] = fresh;
    this.drawSide(fresh);
  }

  private key(e: KeyboardEvent): void {
    if ((e.target as HTMLElement).tagName === 'INPUT' && (e.target as HTMLInputElement).type !== 'range') return;
    if (e.key === 'Escape') this.host.close();
    else if (e.key === 'ArrowDown' || e.key === 'j') void this.host.neighbour(1);
    else if (e.key === 'ArrowUp' || e.key === 'k') void this.host.neighbour(-1);
    else if (this.viewer?.frameCount === 1 && (e.key === 'ArrowRight' || e.key === 'ArrowLeft')) {
      void this.host.neighbour(e.key === 'ArrowRight' ? 1 : -1);
    } else if (!this.viewer?.key(e)) return;
    e.preventDefault();
  }
}
