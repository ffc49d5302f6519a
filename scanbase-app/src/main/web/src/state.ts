// SPDX-License-Identifier: Apache-2.0
// Everything the user chose lives in the URL (share it, reload it): dataset, filters, expression,
// sort, grouping, the open sample or group, playback speed, tile fields and shown masks.
import type { Json, Stage, ViewQuery } from './api';

/** One sidebar filter on one field (key = the dotted field path). */
export type Filter =
  | { kind: 'values'; values: Json[] } // categorical, booleans: the value is one of these (null = missing)
  | { kind: 'range'; min: number | null; max: number | null } // numbers, inclusive
  | { kind: 'dates'; min: string | null; max: string | null } // dates "YYYY-MM-DD", inclusive
  | { kind: 'mask'; present: boolean } // label field: the mask has pixels (or is empty)
  | { kind: 'tags'; values: string[] }; // sample tags: any of these

export interface AppState {
  ds: string | null;
  /** A saved view of the dataset (its stages come first; the filters below narrow it). */
  view: string | null;
  filters: Record<string, Filter>;
  expr: string;
  sort: string | null;
  reverse: boolean;
  groupBy: string | null;
  orderBy: string | null;
  sample: string | null;
  group: Json | undefined;
  fps: number;
  tileFields: string[];
  hiddenMasks: string[];
}

export function emptyState(): AppState {
  return {
    ds: null, view: null, filters: {}, expr: '', sort: null, reverse: false, groupBy: null, orderBy: null,
    sample: null, group: undefined, fps: 30, tileFields: [], hiddenMasks: [],
  };
}

export function readUrl(search: string = location.search): AppState {
  const p = new URLSearchParams(search);
  const s = emptyState();
  s.ds = p.get('ds');
  s.view = p.get('view');
  s.filters = parseJson(p.get('f'), {}) as Record<string, Filter>;
  s.expr = p.get('q') ?? '';
  s.sort = p.get('sort');
  s.reverse = p.get('rev') === '1';
  s.groupBy = p.get('group');
  s.orderBy = p.get('order');
  s.sample = p.get('sample');
  s.group = p.has('gkey') ? (parseJson(p.get('gkey'), null) as Json) : undefined;
  s.fps = clampFps(Number(p.get('fps') ?? 30));
  s.tileFields = (p.get('tf') ?? '').split(',').filter(Boolean);
  s.hiddenMasks = (p.get('hide') ?? '').split(',').filter(Boolean);
  return s;
}

export function toSearch(s: AppState): string {
  const p = new URLSearchParams();
  if (s.ds) p.set('ds', s.ds);
  if (s.view) p.set('view', s.view);
  if (Object.keys(s.filters).length) p.set('f', JSON.stringify(s.filters));
  if (s.expr) p.set('q', s.expr);
  if (s.sort) p.set('sort', s.sort);
  if (s.reverse) p.set('rev', '1');
  if (s.groupBy) p.set('group', s.groupBy);
  if (s.orderBy) p.set('order', s.orderBy);
  if (s.sample) p.set('sample', s.sample);
  if (s.group !== undefined) p.set('gkey', JSON.stringify(s.group));
  if (s.fps !== 30) p.set('fps', String(s.fps));
  if (s.tileFields.length) p.set('tf', s.tileFields.join(','));
  if (s.hiddenMasks.length) p.set('hide', s.hiddenMasks.join(','));
  const text = p.toString();
  return text ? `?${text}` : '';
}

export function clampFps(fps: number): number {
  return Number.isFinite(fps) ? Math.min(120, Math.max(1, Math.round(fps))) : 30;
}

function parseJson(text: string | null, fallback: unknown): unknown {
  if (!text) return fallback;
  try {
    return JSON.parse(text);
  } catch {
    return fallback;
  }
}

/** A field path in the text expression language: dotted, odd names in backticks. */
export function fieldText(path: string): string {
  return path.split('.').map((part) => (/^[A-Za-z_][A-Za-z0-9_]*$/.test(part) ? part : '`' + part.replace(/`/g, '') + '`'))
    .join('.');
}

/** A literal in the text expression language. */
export function literalText(v: Json): string {
  if (v === null) return 'null';
  if (typeof v === 'string') return JSON.stringify(v);
  if (typeof v === 'number') return Number.isFinite(v) ? String(v) : 'null';
  if (typeof v === 'boolean') return String(v);
  if (Array.isArray(v)) return `[${v.map(literalText).join(', ')}]`;
  return 'null';
}

/** The text expression of one filter, or '' when it selects everything. */
export function filterText(path: string, f: Filter): string {
  const name = fieldText(path);
  switch (f.kind) {
    case 'values': {
      const present = f.values.filter((v) => v !== null);
      const parts: string[] = [];
      if (present.length === 1) parts.push(`${name} == ${literalText(present[0])}`);
      else if (present.length > 1) parts.push(`${name} in ${literalText(present)}`);
      if (f.values.includes(null)) parts.push(`${name} == null`);
      if (parts.length === 0) return 'false';
      return parts.length === 1 ? parts[0] : `(${parts.join(' or ')})`;
    }
    case 'range':
    case 'dates': {
      const parts: string[] = [];
      if (f.min !== null && f.min !== '') parts.push(`${name} >= ${literalText(f.min)}`);
      if (f.max !== null && f.max !== '') parts.push(`${name} <= ${literalText(f.max)}`);
      return parts.join(' and ');
    }
    case 'mask':
      return f.present ? `${name}.pixels > 0` : `not (${name}.pixels > 0)`;
    case 'tags':
      if (f.values.length === 0) return '';
      return `(${f.values.map((t) => `${literalText(t)} in tags`).join(' or ')})`;
  }
}

/** All filters (but `except`) and the typed expression as one text expression. */
export function matchText(s: AppState, except?: string): string {
  const parts = Object.entries(s.filters)
    .filter(([path]) => path !== except)
    .map(([path, f]) => filterText(path, f))
    .filter(Boolean);
  if (s.expr.trim()) parts.push(`(${s.expr.trim()})`);
  return parts.join(' and ');
}

export function pathJson(path: string): string | string[] {
  const parts = path.split('.');
  return parts.length === 1 ? path : parts;
}

/** The stages of the dataset's saved views by name (filled by the App from the API). */
export const savedStages = new Map<string, Stage[]>();

/** The view of the grid: the saved view's stages, the filters as one match, then the sort. */
export function viewQuery(s: AppState, except?: string): ViewQuery {
  const view: Stage[] = s.view ? [...(savedStages.get(s.view) ?? [])] : [];
  if (s.sort) view.push({ stage: 'sortBy', key: { field: pathJson(s.sort) }, reverse: s.reverse });
  const match = matchText(s, except);
  return match ? { view, match } : { view };
}

/** A one-line label for an active filter chip. */
export function chipText(path: string, f: Filter): string {
  switch (f.kind) {
    case 'values':
      return `${path}: ${f.values.map((v) => (v === null ? 'none' : String(v))).join(', ')}`;
    case 'range':
    case 'dates':
      return `${path}: ${f.min ?? '…'} – ${f.max ?? '…'}`;
    case 'mask':
      return `${path}: ${f.present ? 'has mask' : 'empty'}`;
    case 'tags':
      return `tags: ${f.values.join(', ')}`;
  }
}
