// SPDX-License-Identifier: Apache-2.0
// The App: dataset picker, toolbar (expression, sort, group), chips, sidebar, virtualised grid
// of samples or dynamic groups, and the modal. All state is in the URL.
import './style.css';
import { api, ApiError, media, type DatasetInfo, type DatasetSummary, type Group, type Json, type Page, type Sample } from './api';
import { fieldColors, type Rgb } from './colors';
import { formatValue, h, replace } from './dom';
import { PAGE, VirtualGrid, type GridSource } from './grid';
import { maskFields, Modal } from './modal';
import { Sidebar, kindOf } from './sidebar';
import { chipText, clampFps, pathJson, readUrl, savedStages, toSearch, viewQuery, type AppState } from './state';
import { SavedViews } from './views';

const TILE_W = 176;
const THUMB = 160;
const PAGE_SIZE = PAGE;

/** What the browser tests and benchmarks read. */
interface Probe {
  firstGridPaint?: number;
  gridCount?: number;
  gridReady?: boolean;
  app?: App;
}
declare global {
  interface Window {
    __scanbase: Probe;
  }
}
window.__scanbase = {};

function valueAt(sample: Sample, path: string): Json | undefined {
  let v: Json | undefined = sample;
  for (const part of path.split('.')) {
    if (v === null || typeof v !== 'object' || Array.isArray(v)) return undefined;
    v = (v as Record<string, Json>)[part];
  }
  return v;
}

class App {
  state: AppState = readUrl();
  info: DatasetInfo | null = null;
  colors = new Map<string, Rgb>();
  grid: VirtualGrid<Sample> | VirtualGrid<Group> | null = null;
  modal: Modal | null = null;
  private datasets: DatasetSummary[] = [];
  private sidebar: Sidebar | null = null;
  private views: SavedViews | null = null;
  private readonly root = document.getElementById('app')!;
  private readonly main = h('main.content');
  private readonly chips = h('div.chips');
  private readonly count = h('span#count.count');
  private readonly error = h('div.error-bar');
  private firstPage: Promise<Page> | null = null;
  private hoverTimer = 0;
  private hoverGeneration = 0;

  async boot(): Promise<void> {
    window.addEventListener('popstate', () => {
      const previous = this.state;
      this.state = readUrl();
      if (previous.ds !== this.state.ds) void this.openDataset();
      else this.reload(true);
    });
    try {
      // the first page of the grid does not wait for the dataset list and schema
      if (this.state.ds && !this.state.groupBy && !this.state.view) {
        this.firstPage = api.samples(this.state.ds, viewQuery(this.state), 0, PAGE_SIZE, false);
        this.firstPage.catch(() => undefined);
      }
      const [config, datasets] = await Promise.all([api.config(), api.datasets()]);
      this.datasets = datasets;
      if (!this.state.ds) this.state.ds = config.dataset ?? datasets[0]?.name ?? null;
      await this.openDataset();
    } catch (e) {
      replace(this.root, h('div.error', null, (e as Error).message));
    }
  }

  /** Changes the state, records it in the URL and reloads what depends on it. */
  update(change: (s: AppState) => void, history: 'push' | 'replace' = 'push'): void {
    const before = JSON.stringify(this.viewKeys(this.state));
    change(this.state);
    const url = location.pathname + toSearch(this.state);
    if (history === 'push') window.history.pushState(null, '', url);
    else window.history.replaceState(null, '', url);
    this.reload(before !== JSON.stringify(this.viewKeys(this.state)));
  }

  private viewKeys(s: AppState) {
    return [s.view, s.filters, s.expr, s.sort, s.reverse, s.groupBy, s.orderBy, s.tileFields, s.hiddenMasks];
  }

  private async openDataset(): Promise<void> {
    const ds = this.state.ds;
    if (!ds) {
      replace(this.root, h('div.empty', null, 'No datasets yet: import one with `scanbase import` or run `scanbase quickstart`.'));
      return;
    }
    // the saved views come with the schema, in parallel (the grid's first paint waits for both)
    const views = api.savedViews(ds);
    views.catch(() => undefined);
    try {
      this.info = await api.dataset(ds);
    } catch (e) {
      replace(this.root, this.header(), h('div.error', null, (e as Error).message));
      return;
    }
    this.colors = fieldColors(maskFields(this.info), this.info.app_config ?? {});
    savedStages.clear();
    try {
      for (const v of await views) savedStages.set(v.name, v.view);
    } catch (e) {
      this.error.textContent = (e as Error).message;
    }
    if (this.state.view && !savedStages.has(this.state.view)) {
      this.error.textContent = `no saved view "${this.state.view}" in ${ds}: showing the whole dataset`;
      this.state.view = null;
      window.history.replaceState(null, '', location.pathname + toSearch(this.state));
    }
    this.views = new SavedViews({ ds, get state() { return app.state; }, update: (change) => this.update(change),
      error: (message) => (this.error.textContent = message) });
    const info = this.info;
    this.sidebar = new Sidebar({
      get state() { return app.state; }, info, colors: this.colors, update: (change) => this.update(change),
    });
    replace(this.root, this.header(), this.error, h('div.layout', this.sidebar.element, h('section.center', this.chips, this.main)));
    this.reload(true);
  }

  private reload(viewChanged: boolean): void {
    if (!this.info) return;
    this.drawChips();
    if (viewChanged) {
      // the grid first: the sidebar's aggregations wait for its first page
      const grid = this.drawGrid();
      const sidebar = this.sidebar;
      void grid.finally(() => sidebar?.refresh());
    }
    this.syncModal();
  }

  private header(): HTMLElement {
    const s = this.state;
    const picker = h('select#dataset', { title: 'Dataset' },
      this.datasets.map((d) => h('option', { value: d.name, selected: d.name === s.ds },
        `${d.name} (${d.samples.toLocaleString()} ${d.media_type})`)));
    picker.addEventListener('change', () => {
      this.state = { ...readUrl(''), ds: picker.value };
      window.__scanbase.gridReady = false; // the old grid is not the new dataset's (probes wait for this)
      window.history.pushState(null, '', location.pathname + toSearch(this.state));
      void this.openDataset();
    });
    const fields = Object.keys(this.info?.fields ?? {}).filter((f) => kindOf(f, this.info!.fields[f]) !== 'none'
      && kindOf(f, this.info!.fields[f]) !== 'mask' && f !== 'tags').sort();
    const options = (selected: string | null, none: string) => [h('option', { value: '' }, none),
      fields.map((f) => h('option', { value: f, selected: f === selected }, f))];
    const sort = h('select#sort-by', { title: 'Sort by' }, options(s.sort, 'sort: view order'));
    sort.addEventListener('change', () => this.update((st) => (st.sort = sort.value || null)));
    const reverse = h('label', { title: 'Descending' }, h('input#reverse', { type: 'checkbox', checked: s.reverse,
      onchange: (e: Event) => this.update((st) => (st.reverse = (e.target as HTMLInputElement).checked)) }), '↓');
    const group = h('select#group-by', { title: 'Group by' }, options(s.groupBy, 'no grouping'));
    group.addEventListener('change', () => this.update((st) => (st.groupBy = group.value || null)));
    const order = h('select#order-by', { title: 'Order groups by' }, options(s.orderBy, 'order: view order'));
    order.addEventListener('change', () => this.update((st) => (st.orderBy = order.value || null)));
    const expr = h('input#expr', { value: s.expr, spellcheck: false,
      placeholder: 'expression, e.g. SliceLocation > 10 and Modality == "MR"  (Enter)' });
    expr.addEventListener('keydown', async (e) => {
      if (e.key !== 'Enter') return;
      const text = expr.value.trim();
      try {
        if (text && this.info) await api.parse(this.info.name, text);
        this.error.textContent = '';
        this.update((st) => (st.expr = text));
      } catch (err) {
        const column = err instanceof ApiError ? err.column : undefined;
        this.error.textContent = err instanceof Error ? err.message : String(err);
        if (column) expr.setSelectionRange(column - 1, column);
      }
    });
    return h('header.toolbar', h('span.brand', null, 'scanbase'), picker, this.views?.element, expr, sort, reverse, group,
      order, this.count);
  }

  private drawChips(): void {
    const s = this.state;
    this.views?.draw();
    const chips = s.view ? [h('span.chip.view-chip', { title: 'saved view' }, `view: ${s.view}`,
      h('button', { onclick: () => this.update((st) => (st.view = null)) }, '×'))] : [];
    chips.push(...Object.entries(s.filters).map(([path, f]) => h('span.chip', { title: 'remove filter' }, chipText(path, f),
      h('button', { onclick: () => this.update((st) => {
        const filters = { ...st.filters };
        delete filters[path];
        st.filters = filters;
      }) }, '×'))));
    if (s.expr) chips.push(h('span.chip', null, `expr: ${s.expr}`, h('button', { onclick: () => this.update((st) => (st.expr = '')) }, '×')));
    if (s.groupBy) {
      chips.push(h('span.chip', null, `group: ${s.groupBy}${s.orderBy ? ` by ${s.orderBy}` : ''}`,
        h('button', { onclick: () => this.update((st) => (st.groupBy = null)) }, '×')));
    }
    replace(this.chips, chips, chips.length > 1 ? h('button.clear', { onclick: () => this.update((st) => {
      st.view = null;
      st.filters = {};
      st.expr = '';
      st.groupBy = null;
    }) }, 'clear all') : null);
  }

  private shownMasks(): string[] {
    return this.info ? maskFields(this.info).filter((f) => !this.state.hiddenMasks.includes(f)) : [];
  }

  private tileLines(tile: HTMLElement, sample: Sample): HTMLElement {
    return h('div.tile-fields', null, this.state.tileFields.map((f) =>
      h('div.tile-field', { title: f }, h('span.k', null, f.split('.').pop()), h('span.v', null, formatValue(valueAt(sample, f))))));
  }

  private drawGrid(): Promise<unknown> {
    const info = this.info!;
    const ds = info.name;
    const s = this.state;
    const q = viewQuery(s);
    const masks = this.shownMasks();
    const lines = s.tileFields.length;
    const tileH = THUMB + 26 + lines * 16;
    window.__scanbase.gridReady = false;
    const done = (count: number) => {
      this.count.textContent = `${count.toLocaleString()} ${s.groupBy ? 'groups' : 'samples'}`;
      this.count.dataset.count = String(count);
      window.__scanbase.gridCount = count;
      window.__scanbase.gridReady = true;
    };
    const fail = (e: unknown) => {
      this.error.textContent = (e as Error).message;
      this.count.textContent = '';
    };
    if (s.groupBy) {
      const groupBy = pathJson(s.groupBy);
      const orderBy = s.orderBy ? pathJson(s.orderBy) : null;
      const source: GridSource<Group> = {
        page: async (offset, limit, withCount) => {
          const page = await api.groups(ds, q, groupBy, orderBy, s.reverse, offset, limit);
          return { count: withCount ? page.count : undefined, items: page.groups };
        },
        render: (tile, group) => {
          tile.classList.add('group-tile');
          tile.dataset.key = JSON.stringify(group.key);
          const first = group.samples[0];
          replace(tile,
            h('div.thumb', null, first ? h('img', { src: media.thumbnail(ds, first.id, THUMB, masks), alt: '', draggable: false }) : null,
              h('span.badge', null, `${group.count}`)),
            h('div.tile-title', null, formatValue(group.key)),
            first ? this.tileLines(tile, first) : null);
        },
        onOpen: (group) => this.update((st) => {
          st.group = group.key;
          st.sample = null;
        }),
        onHover: (tile, group, entering) => this.hoverGroup(tile, group, entering, masks),
      };
      return this.mountGrid(new VirtualGrid(source, TILE_W, tileH), done, fail);
    } else {
      const source: GridSource<Sample> = {
        page: async (offset, limit, withCount) => {
          const prefetched = offset === 0 && limit === PAGE_SIZE && !withCount ? this.firstPage : null;
          this.firstPage = null;
          const page = await (prefetched ?? api.samples(ds, q, offset, limit, withCount));
          return { count: page.count, items: page.samples };
        },
        // counting a filtered view can cost more than the page: ask in parallel (API.md)
        count: async () => (await api.count(ds, q)).count,
        render: (tile, sample) => {
          tile.dataset.id = sample.id;
          replace(tile,
            h('div.thumb', null, h('img', { src: media.thumbnail(ds, sample.id, THUMB, masks), alt: '', draggable: false }),
              (sample.tags ?? []).length ? h('span.badge.tags', null, sample.tags.join(', ')) : null),
            h('div.tile-title', { title: sample.filepath }, sample.filepath.split('/').pop()),
            this.tileLines(tile, sample));
        },
        onOpen: (sample) => this.update((st) => {
          st.sample = sample.id;
          st.group = undefined;
        }),
      };
      return this.mountGrid(new VirtualGrid(source, TILE_W, tileH), done, fail);
    }
  }

  private mountGrid<T>(grid: VirtualGrid<T>, done: (n: number) => void, fail: (e: unknown) => void): Promise<unknown> {
    this.grid = grid as VirtualGrid<Sample> | VirtualGrid<Group>;
    replace(this.main, grid.element);
    if (window.__scanbase.firstGridPaint === undefined) {
      void grid.firstPaint.then((t) => (window.__scanbase.firstGridPaint ??= t));
    }
    return grid.start().then(done, fail);
  }

  /** A group tile plays its slices (thumbnails with masks) while the mouse is over it. */
  private hoverGroup(tile: HTMLElement, group: Group, entering: boolean, masks: string[]): void {
    window.clearInterval(this.hoverTimer);
    const generation = ++this.hoverGeneration;
    const img = tile.querySelector('img');
    if (!img || !this.info) return;
    const first = img.dataset.first ?? img.src;
    img.dataset.first = first;
    if (!entering) {
      img.src = first;
      delete tile.dataset.playing;
      return;
    }
    const ds = this.info.name;
    const s = this.state;
    void api.group(ds, viewQuery(s), pathJson(s.groupBy!), s.orderBy ? pathJson(s.orderBy) : null, s.reverse, group.key, ['id'])
      .then(({ samples }) => {
        if (generation !== this.hoverGeneration) return;
        const urls = samples.map((m) => media.thumbnail(ds, m.id, THUMB, masks));
        const loaded = urls.map((u) => Object.assign(new Image(), { src: u }));
        let k = 0;
        tile.dataset.playing = '1';
        this.hoverTimer = window.setInterval(() => {
          const next = loaded[(k + 1) % loaded.length];
          if (!next.complete) return;
          k = (k + 1) % loaded.length;
          img.src = next.src;
          tile.dataset.frame = String(k);
        }, 1000 / 12);
      });
  }

  /** Opens, switches or closes the modal to match the state. */
  private syncModal(): void {
    const s = this.state;
    const wanted = s.sample ? `s:${s.sample}` : s.group !== undefined ? `g:${JSON.stringify(s.group)}` : '';
    if (this.modal && this.modal.element.dataset.key === wanted) return;
    this.modal?.dispose();
    this.modal = null;
    if (!wanted || !this.info) return;
    const modal = new Modal({
      info: this.info, colors: this.colors, hiddenMasks: new Set(s.hiddenMasks), fps: s.fps,
      neighbour: (delta) => this.neighbour(delta),
      close: () => this.update((st) => {
        st.sample = null;
        st.group = undefined;
      }),
      setFps: (fps) => this.update((st) => (st.fps = clampFps(fps)), 'replace'),
      setHiddenMasks: (hidden) => this.update((st) => (st.hiddenMasks = [...hidden]), 'replace'),
      edited: (samples) => {
        this.sidebar?.refresh();
        this.refreshTiles(samples);
      },
    });
    modal.element.dataset.key = wanted;
    this.modal = modal;
    document.body.appendChild(modal.element);
    const opened = s.sample ? modal.openSample(s.sample) : this.openGroup(modal, s.group as Json);
    opened.catch((e) => (this.error.textContent = (e as Error).message));
  }

  /** Redraws the tiles of edited samples (their tag badges) without reloading the view. */
  private refreshTiles(samples: Sample[]): void {
    const fresh = new Map(samples.map((x) => [x.id, x]));
    const grid = this.grid as VirtualGrid<Sample | Group> | null;
    grid?.updateItems((item) => {
      if ('id' in item) return fresh.has(item.id) ? { ...item, tags: fresh.get(item.id)!.tags } : undefined;
      const first = item.samples[0];
      if (!first || !fresh.has(first.id)) return undefined;
      return { ...item, samples: [{ ...first, tags: fresh.get(first.id)!.tags }, ...item.samples.slice(1)] };
    });
  }

  private async openGroup(modal: Modal, key: Json): Promise<void> {
    const s = this.state;
    const { samples } = await api.group(this.info!.name, viewQuery(s), pathJson(s.groupBy!),
      s.orderBy ? pathJson(s.orderBy) : null, s.reverse, key);
    await modal.openGroup(samples, key);
  }

  private async neighbour(delta: number): Promise<boolean> {
    const grid = this.grid;
    const s = this.state;
    if (!grid) return false;
    const key = s.sample ?? JSON.stringify(s.group);
    let index = -1;
    for (let i = 0; i < grid.size && index < 0; i++) {
      const item = grid.itemAt(i) as Sample | Group | undefined;
      if (!item) break;
      if (('id' in item && item.id === key) || ('key' in item && JSON.stringify(item.key) === key)) index = i;
    }
    if (index < 0) return false;
    const next = (await grid.fetchAt(index + delta)) as Sample | Group | undefined;
    if (!next) return false;
    grid.scrollToIndex(index + delta);
    this.update((st) => {
      if ('id' in next) st.sample = next.id;
      else st.group = next.key;
    }, 'replace');
    return true;
  }
}

const app = new App();
window.__scanbase.app = app;
void app.boot();
