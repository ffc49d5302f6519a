// SPDX-License-Identifier: Apache-2.0
// The sidebar: every field of the schema with its filter. Counts come from aggregations of the
// current view without the field's own filter, so the other values stay selectable.
import { api, type CountValues, type DatasetInfo, type Histogram, type Json } from './api';
import { css, type Rgb } from './colors';
import { debounce, formatValue, h, replace } from './dom';
import { pathJson, viewQuery, type AppState, type Filter } from './state';

const LABEL_TYPES = new Set(['Segmentation', 'Classification', 'Detections', 'Polylines']);
const BINS = 24;

export type FieldKind = 'values' | 'range' | 'dates' | 'mask' | 'tags' | 'none';

export function kindOf(path: string, type: string): FieldKind {
  if (path === 'tags') return 'tags';
  if (path.startsWith('frames.')) return 'none'; // frame fields filter frames, not samples
  if (LABEL_TYPES.has(type)) return type === 'Segmentation' ? 'mask' : 'none';
  if (type === 'int' || type === 'float') return 'range';
  if (type === 'date' || type === 'datetime') return 'dates';
  if (type === 'string' || type === 'bool' || type === 'mixed') return 'values';
  return 'none';
}

export interface SidebarHost {
  state: AppState;
  info: DatasetInfo;
  colors: Map<string, Rgb>;
  /** Changes the state (and the URL) and reloads what depends on it. */
  update(change: (s: AppState) => void): void;
}

export class Sidebar {
  readonly element: HTMLElement;
  private readonly list = h('div.fields');
  private readonly open = new Set<string>();
  private readonly sections = new Map<string, HTMLDetailsElement>();
  private generation = 0;
  private filterText = '';

  constructor(private readonly host: SidebarHost) {
    const search = h('input.field-search', { type: 'search', placeholder: 'find a field…' });
    search.addEventListener('input', () => {
      this.filterText = search.value.toLowerCase();
      for (const [path, section] of this.sections) {
        section.hidden = !path.toLowerCase().includes(this.filterText);
      }
    });
    this.element = h('aside.sidebar', search, this.list);
    const fields = Object.entries(host.info.fields).filter(([path, type]) => kindOf(path, type) !== 'none'
      || (LABEL_TYPES.has(type) && !path.startsWith('frames.')));
    // tags and labels first, then the rest by name
    const rank = (path: string, type: string) => (path === 'tags' ? 0 : LABEL_TYPES.has(type) ? 1 : 2);
    fields.sort(([a, ta], [b, tb]) => rank(a, ta) - rank(b, tb) || a.localeCompare(b));
    for (const [path, type] of fields) {
      if (rank(path, type) < 2 || host.state.filters[path]) this.open.add(path);
      this.list.appendChild(this.section(path, type));
    }
    this.refresh();
  }

  /** Reloads the counts of the open sections for the current state. */
  refresh(): void {
    const generation = ++this.generation;
    const s = this.host.state;
    const shared: string[] = [];
    for (const path of this.open) {
      if (s.filters[path]) void this.load([path], path, generation);
      else shared.push(path);
    }
    if (shared.length) void this.load(shared, undefined, generation);
  }

  private section(path: string, type: string): HTMLDetailsElement {
    const kind = kindOf(path, type);
    const tile = h('input', { type: 'checkbox', title: 'show on tiles',
      checked: this.host.state.tileFields.includes(path) });
    tile.addEventListener('click', (e) => e.stopPropagation());
    tile.addEventListener('change', () => this.host.update((s) => {
      s.tileFields = tile.checked ? [...s.tileFields, path] : s.tileFields.filter((f) => f !== path);
    }));
    const body = h('div.field-body', null, h('div.muted', null, '…'));
    const section = h('details.field', { open: this.open.has(path) },
      h('summary', null, h('span.field-name', { title: path }, path), h('span.field-type', null, type),
        kind !== 'tags' && h('label.tile-toggle', { title: 'show on tiles' }, tile)),
      body);
    section.dataset.field = path;
    section.dataset.kind = kind;
    section.addEventListener('toggle', () => {
      if (section.open) {
        this.open.add(path);
        void this.load([path], this.host.state.filters[path] ? path : undefined, this.generation);
      } else {
        this.open.delete(path);
      }
    });
    this.sections.set(path, section);
    return section;
  }

  private async load(paths: string[], except: string | undefined, generation: number): Promise<void> {
    const info = this.host.info;
    const aggregations: Json[] = [];
    const slots: { path: string; kind: FieldKind; at: number }[] = [];
    for (const path of paths) {
      const kind = kindOf(path, info.fields[path]);
      const field = pathJson(path);
      slots.push({ path, kind, at: aggregations.length });
      if (kind === 'values' || kind === 'tags') {
        aggregations.push({ aggregation: 'countValues', field, limit: 200 });
      } else if (kind === 'range' || kind === 'dates') {
        aggregations.push({ aggregation: 'bounds', field });
        if (kind === 'range') aggregations.push({ aggregation: 'histogram', field, bins: BINS, range: null });
      } else if (kind === 'mask') {
        aggregations.push({ aggregation: 'count', field: [path, 'mask_path'] });
      }
    }
    if (aggregations.length === 0) {
      for (const slot of slots) this.fill(slot.path, slot.kind, []);
      return;
    }
    try {
      const { results } = await api.aggregate(info.name, viewQuery(this.host.state, except), aggregations);
      if (generation !== this.generation) return;
      for (const slot of slots) this.fill(slot.path, slot.kind, results.slice(slot.at));
    } catch (e) {
      for (const slot of slots) {
        const body = this.sections.get(slot.path)?.querySelector('.field-body');
        if (body) replace(body, h('div.error', null, (e as Error).message));
      }
    }
  }

  private fill(path: string, kind: FieldKind, results: Json[]): void {
    const body = this.sections.get(path)?.querySelector('.field-body') as HTMLElement | null;
    if (!body) return;
    const filter = this.host.state.filters[path];
    switch (kind) {
      case 'values':
      case 'tags':
        replace(body, this.valuesFilter(path, kind, results[0] as unknown as CountValues, filter));
        break;
      case 'range':
        replace(body, this.rangeFilter(path, results[0] as { min: number | null; max: number | null },
          results[1] as unknown as Histogram, filter));
        break;
      case 'dates':
        replace(body, this.datesFilter(path, results[0] as { min: string | null; max: string | null }, filter));
        break;
      case 'mask':
        replace(body, this.maskFilter(path, (results[0] as { count: number }).count, filter));
        break;
      default:
        replace(body, h('div.muted', null, 'no filter for this type'));
    }
  }

  private setFilter(path: string, filter: Filter | null): void {
    this.host.update((s) => {
      const filters = { ...s.filters };
      if (filter) filters[path] = filter;
      else delete filters[path];
      s.filters = filters;
    });
  }

  private valuesFilter(path: string, kind: 'values' | 'tags', result: CountValues, filter: Filter | undefined) {
    const selected: Json[] = filter && (filter.kind === 'values' || filter.kind === 'tags') ? filter.values : [];
    const isSelected = (v: Json) => selected.some((x) => x === v);
    const rows = result.values.map(({ value, count }) => ({ value, count }));
    if (kind === 'values' && result.missing > 0) rows.push({ value: null, count: result.missing });
    for (const v of selected) if (!rows.some((r) => r.value === v)) rows.push({ value: v, count: 0 });
    const search = h('input.value-search', { type: 'search', placeholder: `search ${rows.length} values…` });
    const list = h('div.values');
    const toggle = (value: Json, on: boolean) => {
      const values = on ? [...selected, value] : selected.filter((x) => x !== value);
      if (values.length === 0) this.setFilter(path, null);
      else if (kind === 'tags') this.setFilter(path, { kind: 'tags', values: values as string[] });
      else this.setFilter(path, { kind: 'values', values });
    };
    const draw = () => {
      const q = search.value.toLowerCase();
      replace(list, rows.filter((r) => !q || formatValue(r.value).toLowerCase().includes(q)).slice(0, 200).map((r) => {
        const box = h('input', { type: 'checkbox', checked: isSelected(r.value) });
        box.dataset.value = JSON.stringify(r.value);
        box.addEventListener('change', () => toggle(r.value, box.checked));
        return h('label.value-row', null, box, h('span.value', null, r.value === null ? 'none' : formatValue(r.value)),
          h('span.count', null, r.count.toLocaleString()));
      }));
    };
    search.addEventListener('input', draw);
    draw();
    if (rows.length === 0) return h('div.muted', null, kind === 'tags' ? 'no tags yet (tag samples in the modal)' : 'no values');
    return [rows.length > 8 ? search : null, list,
      result.others > 0 ? h('div.muted', null, `${result.others.toLocaleString()} in other values`) : null];
  }

  private rangeFilter(path: string, bounds: { min: number | null; max: number | null }, histogram: Histogram,
    filter: Filter | undefined) {
    if (bounds.min === null || bounds.max === null) return h('div.muted', null, 'no values');
    const current = filter?.kind === 'range' ? filter : { min: null, max: null };
    const min = h('input.range-min', { type: 'number', step: 'any', placeholder: String(bounds.min),
      value: current.min ?? '' });
    const max = h('input.range-max', { type: 'number', step: 'any', placeholder: String(bounds.max),
      value: current.max ?? '' });
    const apply = debounce(() => {
      const lo = min.value === '' ? null : Number(min.value);
      const hi = max.value === '' ? null : Number(max.value);
      this.setFilter(path, lo === null && hi === null ? null : { kind: 'range', min: lo, max: hi });
    }, 350);
    min.addEventListener('input', apply);
    max.addEventListener('input', apply);
    const bars = h('div.histogram');
    const peak = Math.max(1, ...histogram.counts);
    histogram.counts.forEach((count, i) => {
      const lo = histogram.edges[i];
      const hi = histogram.edges[i + 1];
      const inside = (current.min === null || hi >= current.min) && (current.max === null || lo <= current.max);
      bars.appendChild(h('div.bar', {
        title: `${formatValue(lo)} – ${formatValue(hi)}: ${count}`, class: inside ? '' : 'outside',
        style: { height: `${Math.max(count ? 3 : 0, (count / peak) * 100)}%` },
        onclick: () => this.setFilter(path, { kind: 'range', min: lo, max: hi }),
      }));
    });
    return [bars, h('div.range-inputs', null, min, h('span', null, '–'), max),
      h('div.muted', null, `${formatValue(bounds.min)} to ${formatValue(bounds.max)}`)];
  }

  private datesFilter(path: string, bounds: { min: string | null; max: string | null }, filter: Filter | undefined) {
    if (bounds.min === null) return h('div.muted', null, 'no values');
    const current = filter?.kind === 'dates' ? filter : { min: null, max: null };
    const day = (v: string | null) => (v ? String(v).slice(0, 10) : '');
    const min = h('input.date-min', { type: 'date', value: day(current.min), min: day(bounds.min), max: day(bounds.max) });
    const max = h('input.date-max', { type: 'date', value: day(current.max), min: day(bounds.min), max: day(bounds.max) });
    const apply = () => {
      const lo = min.value || null;
      const hi = max.value || null;
      this.setFilter(path, lo === null && hi === null ? null : { kind: 'dates', min: lo, max: hi });
    };
    min.addEventListener('change', apply);
    max.addEventListener('change', apply);
    return [h('div.range-inputs', null, min, h('span', null, '–'), max),
      h('div.muted', null, `${day(bounds.min)} to ${day(bounds.max)}`)];
  }

  private maskFilter(path: string, withMask: number, filter: Filter | undefined) {
    const targets = this.host.info.mask_targets[path] ?? {};
    const hidden = this.host.state.hiddenMasks.includes(path);
    const show = h('input', { type: 'checkbox', checked: !hidden });
    show.addEventListener('change', () => this.host.update((s) => {
      s.hiddenMasks = show.checked ? s.hiddenMasks.filter((f) => f !== path) : [...s.hiddenMasks, path];
    }));
    const present = filter?.kind === 'mask' ? filter.present : null;
    const choice = h('select.mask-filter', null,
      h('option', { value: '', selected: present === null }, 'any'),
      h('option', { value: 'yes', selected: present === true }, 'has mask pixels'),
      h('option', { value: 'no', selected: present === false }, 'empty'));
    choice.addEventListener('change', () => this.setFilter(path,
      choice.value === '' ? null : { kind: 'mask', present: choice.value === 'yes' }));
    const color = this.host.colors.get(path) ?? [255, 0, 0];
    return [
      h('label.value-row', null, show, h('span.swatch', { style: { background: css(color) } }), 'show overlay'),
      h('div.targets', null, Object.entries(targets).map(([v, name]) => h('div.target', null, `${v} = ${name}`))),
      choice,
      h('div.muted', null, `${withMask.toLocaleString()} with a mask file`),
    ];
  }
}
