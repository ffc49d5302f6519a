// SPDX-License-Identifier: Apache-2.0
// A virtualised grid: only the rows in (and just around) the viewport exist in the DOM, and
// items are fetched page by page as they come into view, so 100,000+ samples scroll smoothly.
import { h } from './dom';

/** Where the grid's items come from: a count and pages fetched on demand. */
export interface GridSource<T> {
  /** Fetches `limit` items from `offset`; the first call also returns the total count. */
  page(offset: number, limit: number, withCount: boolean): Promise<{ count?: number; items: T[] }>;
  /** When given, the count is asked in parallel and the first page is drawn before it arrives. */
  count?(): Promise<number>;
  /** Fills a tile element for an item (the element is reused for other items while scrolling). */
  render(tile: HTMLElement, item: T, index: number): void;
  onOpen(item: T, index: number): void;
  onHover?(tile: HTMLElement, item: T, entering: boolean): void;
}

/** Items per API request; main.ts asks for the first page with the same size. */
export const PAGE = 120;
const GAP = 8;

export class VirtualGrid<T> {
  readonly element: HTMLElement;
  private readonly space: HTMLElement;
  private readonly items = new Map<number, T>();
  private readonly loading = new Set<number>();
  private readonly tiles = new Map<number, HTMLElement>();
  private count = 0;
  private columns = 1;
  private rowHeight = 1;
  private frame = 0;
  private generation = 0;
  /** Resolves when the first page is in the DOM (after a paint). */
  readonly firstPaint: Promise<number>;
  private paintResolve!: (t: number) => void;

  constructor(private readonly source: GridSource<T>, private readonly tileWidth: number,
    private readonly tileHeight: number) {
    this.space = h('div.grid-space');
    this.element = h('div.grid-scroll', { tabIndex: 0 }, this.space);
    this.element.addEventListener('scroll', () => this.schedule(), { passive: true });
    new ResizeObserver(() => this.layout()).observe(this.element);
    this.firstPaint = new Promise((resolve) => (this.paintResolve = resolve));
  }

  /** Loads the first page (with the count) and draws. */
  async start(): Promise<number> {
    const generation = ++this.generation;
    const counting = this.source.count?.();
    const first = await this.source.page(0, PAGE, !counting);
    if (generation !== this.generation) return this.count;
    this.count = first.count ?? first.items.length;
    first.items.forEach((item, i) => this.items.set(i, item));
    this.layout();
    requestAnimationFrame(() => requestAnimationFrame(() => this.paintResolve(performance.now())));
    if (counting) {
      const count = await counting;
      if (generation !== this.generation) return count;
      this.count = count;
      this.layout();
    }
    return this.count;
  }

  get size(): number {
    return this.count;
  }

  itemAt(index: number): T | undefined {
    return this.items.get(index);
  }

  /** The items around `index`, fetching their page when needed (for the modal's prev/next). */
  async fetchAt(index: number): Promise<T | undefined> {
    if (index < 0 || index >= this.count) return undefined;
    if (!this.items.has(index)) await this.load(Math.floor(index / PAGE));
    return this.items.get(index);
  }

  /** Replaces the loaded items `change` gives a new value for, and redraws their tiles. */
  updateItems(change: (item: T) => T | undefined): void {
    for (const [index, item] of this.items) {
      const next = change(item);
      if (next === undefined) continue;
      this.items.set(index, next);
      this.tiles.get(index)?.remove();
      this.tiles.delete(index);
    }
    this.draw();
  }

  scrollToIndex(index: number): void {
    const row = Math.floor(index / this.columns);
    const top = row * this.rowHeight;
    const view = this.element;
    if (top < view.scrollTop || top + this.rowHeight > view.scrollTop + view.clientHeight) {
      view.scrollTop = Math.max(0, top - view.clientHeight / 3);
    }
  }

  private layout(): void {
    const width = this.element.clientWidth - GAP;
    this.columns = Math.max(1, Math.floor(width / (this.tileWidth + GAP)));
    this.rowHeight = this.tileHeight + GAP;
    const rows = Math.ceil(this.count / this.columns);
    this.space.style.height = `${rows * this.rowHeight + GAP}px`;
    for (const tile of this.tiles.values()) tile.remove();
    this.tiles.clear();
    this.draw();
  }

  private schedule(): void {
    if (this.frame) return;
    this.frame = requestAnimationFrame(() => {
      this.frame = 0;
      this.draw();
    });
  }

  private draw(): void {
    const top = this.element.scrollTop;
    const height = this.element.clientHeight || 800;
    const firstRow = Math.max(0, Math.floor(top / this.rowHeight) - 2);
    const lastRow = Math.ceil((top + height) / this.rowHeight) + 2;
    const from = firstRow * this.columns;
    const to = Math.min(this.count, (lastRow + 1) * this.columns);
    for (const [index, tile] of this.tiles) {
      if (index < from || index >= to) {
        tile.remove();
        this.tiles.delete(index);
      }
    }
    for (let page = Math.floor(from / PAGE); page <= Math.floor((to - 1) / PAGE); page++) {
      if (!this.items.has(page * PAGE)) void this.load(page);
    }
    for (let index = from; index < to; index++) {
      if (this.tiles.has(index)) continue;
      const item = this.items.get(index);
      if (item === undefined) continue;
      const tile = this.tile(index, item);
      this.tiles.set(index, tile);
      this.space.appendChild(tile);
    }
  }

  private tile(index: number, item: T): HTMLElement {
    const row = Math.floor(index / this.columns);
    const column = index % this.columns;
    const tile = h('div.tile', {
      style: {
        width: `${this.tileWidth}px`, height: `${this.tileHeight}px`,
        transform: `translate(${GAP + column * (this.tileWidth + GAP)}px, ${GAP + row * this.rowHeight}px)`,
      },
      onclick: () => this.source.onOpen(item, index),
    });
    tile.dataset.index = String(index);
    this.source.render(tile, item, index);
    if (this.source.onHover) {
      const hover = this.source.onHover;
      tile.addEventListener('mouseenter', () => hover(tile, item, true));
      tile.addEventListener('mouseleave', () => hover(tile, item, false));
    }
    return tile;
  }

  private async load(page: number): Promise<void> {
    if (this.loading.has(page)) return;
    this.loading.add(page);
    const generation = this.generation;
    try {
      const result = await this.source.page(page * PAGE, PAGE, false);
      if (generation !== this.generation) return;
      result.items.forEach((item, i) => this.items.set(page * PAGE + i, item));
      this.schedule();
    } finally {
      this.loading.delete(page);
    }
  }
}
