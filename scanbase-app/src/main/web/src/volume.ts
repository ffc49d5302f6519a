// SPDX-License-Identifier: Apache-2.0
// Volume samples in three planes (and 3D) with NiiVue: the image volume plus each label volume
// as a coloured overlay, crosshair, orientation letters, and the volume of every label in mL.
import { media } from './api';
import { css, paletteColor, type Rgb } from './colors';
import { h, replace } from './dom';

export interface LabelVolume {
  field: string;
  color: Rgb;
  targets: Record<string, string>;
}

/** What the volume viewer shows once loaded (read by the browser tests). */
export interface VolumeState {
  loaded: boolean;
  sliceType: number;
  /** Patient right on the screen's left, as NiiVue reports it. */
  radiological: boolean;
  volumes: number;
  labels: { field: string; value: number; name: string; voxels: number; ml: number }[];
  error?: string;
}

export class VolumeViewer {
  readonly element: HTMLElement;
  readonly state: VolumeState = { loaded: false, sliceType: -1, radiological: false, volumes: 0, labels: [] };
  private readonly canvas = h('canvas.niivue');
  private readonly table = h('div.label-volumes');
  private readonly location = h('div.pixel-info');
  private readonly shown: HTMLInputElement[] = [];
  private opacity = 0.5;
  private nv: { setSliceType(t: number): unknown; setOpacity(i: number, o: number): void; volumes: unknown[] } | null = null;

  constructor(private readonly ds: string, private readonly sampleId: string, private readonly labels: LabelVolume[]) {
    const planes = h('select.planes', { title: 'Layout' },
      h('option', { value: '3' }, 'axial + coronal + sagittal + 3D'),
      h('option', { value: '0' }, 'axial'), h('option', { value: '1' }, 'coronal'),
      h('option', { value: '2' }, 'sagittal'), h('option', { value: '4' }, '3D'));
    planes.addEventListener('change', () => {
      this.nv?.setSliceType(Number(planes.value));
      this.state.sliceType = Number(planes.value);
    });
    const opacity = h('input', { type: 'range', min: 0, max: 1, step: 0.05, value: 0.5 });
    const toggles = labels.map((label, i) => {
      const box = h('input', { type: 'checkbox', checked: true });
      box.dataset.field = label.field;
      box.addEventListener('change', () => this.applyOpacity());
      this.shown[i] = box;
      return h('label.volume-toggle', { title: `show ${label.field}` }, box, label.field);
    });
    opacity.addEventListener('input', () => {
      this.opacity = Number(opacity.value);
      this.applyOpacity();
    });
    this.element = h('div.volume-viewer',
      h('div.viewer-controls', null, planes, toggles, h('label', null, 'overlay opacity ', opacity)),
      h('div.niivue-wrap', this.canvas, this.location),
      this.table);
  }

  /** Loads NiiVue (a separate chunk: only volume samples need it) and the volumes. */
  async start(): Promise<void> {
    try {
      const { Niivue, SLICE_TYPE, SHOW_RENDER } = await import('@niivue/niivue');
      const nv = new Niivue({
        show3Dcrosshair: true, isOrientCube: false, isOrientationTextVisible: true, crosshairWidth: 1,
        multiplanarShowRender: SHOW_RENDER.ALWAYS, backColor: [0.05, 0.05, 0.07, 1], logLevel: 'error',
        isColorbar: false, dragAndDropEnabled: false,
        // radiological convention (patient right on screen left), as the slice viewer and the MP4 export
        isRadiologicalConvention: true,
      });
      await nv.attachToCanvas(this.canvas);
      nv.onLocationChange = (data: unknown) => {
        this.location.textContent = (data as { string?: string }).string ?? '';
      };
      const volumes = [{ url: media.volume(this.ds, this.sampleId), name: 'image.nii.gz', colormap: 'gray' }];
      for (const label of this.labels) {
        volumes.push({ url: media.labelVolume(this.ds, this.sampleId, label.field), name: `${label.field}.nii.gz`,
          colormap: 'gray' });
      }
      await nv.loadVolumes(volumes);
      // counted before the values are renumbered for the colour maps
      const counts = this.labels.flatMap((label, i) => labelVolumes(nv.volumes[i + 1], label));
      this.labels.forEach((label, i) => {
        const volume = nv.volumes[i + 1];
        volume.setColormapLabel(denseColormap(volume.img as unknown as Writable, label));
        nv.setOpacity(i + 1, 0.5);
      });
      nv.updateGLVolume();
      nv.setSliceType(SLICE_TYPE.MULTIPLANAR);
      this.nv = nv as unknown as VolumeViewer['nv'];
      this.state.sliceType = SLICE_TYPE.MULTIPLANAR;
      this.state.radiological = nv.opts.isRadiologicalConvention === true;
      this.state.volumes = nv.volumes.length;
      this.state.labels = counts;
      this.state.loaded = true;
      this.drawTable();
    } catch (e) {
      this.state.error = (e as Error).message;
      replace(this.table, h('div.error', null, `cannot open the volume: ${(e as Error).message}`));
    }
  }

  /** Label volume i + 1 at the overlay opacity when its field is shown, else hidden. */
  private applyOpacity(): void {
    if (!this.nv) return;
    this.labels.forEach((_, i) => this.nv!.setOpacity(i + 1, this.shown[i].checked ? this.opacity : 0));
  }

  private drawTable(): void {
    replace(this.table, h('table', null,
      h('tr', null, h('th', null, 'field'), h('th', null, 'label'), h('th', null, 'voxels'), h('th', null, 'mL')),
      this.state.labels.map((l) => h('tr', null, h('td', null, l.field),
        h('td', null, h('span.swatch', { style: { background: css(this.colorOf(l.field, l.value)) } }), `${l.value} ${l.name}`),
        h('td.num', null, l.voxels.toLocaleString()), h('td.num', null, l.ml.toFixed(2))))));
  }

  private colorOf(field: string, value: number): Rgb {
    const label = this.labels.find((l) => l.field === field);
    return label && Object.keys(label.targets).length <= 1 ? label.color : paletteColor(value - 1);
  }
}

type Writable = { length: number; [i: number]: number };

/**
 * Renumbers the label values present to 1..n in place and gives the colour map of those
 * (one colour when the field has one target, else one per original value; names of the
 * original values). NiiVue maps a value to its colour through a texture as wide as the
 * largest value and moves anything above the minimum at least 2/256 of the way into it, so
 * with labels such as 300 or 700 label 1 would get the colour of label 5; with the values
 * dense that holds up to ~190 distinct labels.
 */
function denseColormap(img: Writable, label: LabelVolume) {
  const index = new Uint32Array(65536);
  for (let i = 0; i < img.length; i++) {
    const v = img[i];
    if (v > 0 && v < 65536 && Number.isInteger(v)) index[v] = 1;
  }
  const single = Object.keys(label.targets).length <= 1;
  const R = [0], G = [0], B = [0], A = [0], I = [0], labels = [''];
  let n = 0;
  for (let v = 1; v < 65536; v++) {
    if (!index[v]) continue;
    index[v] = ++n;
    const [r, g, b] = single ? label.color : paletteColor(v - 1);
    R.push(r); G.push(g); B.push(b); A.push(255); I.push(n);
    labels.push(label.targets[String(v)] ?? `${label.field} ${v}`);
  }
  for (let i = 0; i < img.length; i++) {
    const v = img[i];
    if (v > 0 && v < 65536 && Number.isInteger(v)) img[i] = index[v];
  }
  return { R, G, B, A, I, labels };
}

/** Voxels and mL of each label value of a loaded label volume (voxel size from the header, mm). */
function labelVolumes(volume: { img?: ArrayLike<number>; hdr: { pixDims: number[] } | null }, label: LabelVolume) {
  const img = volume.img;
  if (!img || !volume.hdr) return [];
  const counts = new Map<number, number>();
  for (let i = 0; i < img.length; i++) {
    const v = img[i];
    if (v !== 0) counts.set(v, (counts.get(v) ?? 0) + 1);
  }
  const d = volume.hdr.pixDims;
  const voxelMl = Math.abs(d[1] * d[2] * d[3]) / 1000;
  return [...counts.entries()].sort((a, b) => a[0] - b[0]).map(([value, voxels]) => ({
    field: label.field, value, name: label.targets[String(value)] ?? '', voxels, ml: voxels * voxelMl,
  }));
}
