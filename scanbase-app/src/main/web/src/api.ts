// SPDX-License-Identifier: Apache-2.0
// The JSON API of scanbase-app/API.md. Every call throws ApiError with the server's one-line message.

export type Json = null | boolean | number | string | Json[] | { [k: string]: Json };
export type Stage = Record<string, Json>;
export type Sample = Record<string, Json> & { id: string; filepath: string; media_type: string; tags: string[] };
export type FieldPath = string | string[];

export interface DatasetSummary {
  name: string;
  media_type: string;
  samples: number;
}

export interface DatasetInfo extends DatasetSummary {
  fields: Record<string, string>;
  label_fields: Record<string, string>;
  frame_fields: Record<string, string>;
  mask_targets: Record<string, Record<string, string>>;
  app_config: Record<string, Json>;
  saved_views: string[];
}

/** What selects samples: stages plus a text expression (added as one more match stage). */
export interface ViewQuery {
  view: Stage[];
  match?: string;
}

export interface Page {
  count?: number;
  offset: number;
  samples: Sample[];
}

export interface Group {
  key: Json;
  count: number;
  samples: Sample[];
}

export interface GroupPage {
  count: number;
  offset: number;
  groups: Group[];
}

export interface CountValues {
  values: { value: Json; count: number }[];
  others: number;
  missing: number;
}

export interface Histogram {
  edges: number[];
  counts: number[];
  other: number;
}

export class ApiError extends Error {
  constructor(message: string, readonly status: number, readonly column?: number) {
    super(message);
  }
}

const enc = encodeURIComponent;

async function call<T>(method: string, path: string, body?: unknown): Promise<T> {
  const response = await fetch(path, {
    method,
    headers: body === undefined ? {} : { 'Content-Type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  if (!response.ok) {
    let message = `${method} ${path}: HTTP ${response.status}`;
    let column: number | undefined;
    try {
      const e = await response.json();
      message = e.error ?? message;
      column = e.column;
    } catch {
      // not JSON: keep the status line
    }
    throw new ApiError(message, response.status, column);
  }
  return (await response.json()) as T;
}

function query(q: ViewQuery): Record<string, unknown> {
  return q.match ? { view: q.view, match: q.match } : { view: q.view };
}

export const api = {
  config: () => call<{ version: string; dataset: string | null; token_required: boolean }>('GET', '/api/config'),
  datasets: () => call<DatasetSummary[]>('GET', '/api/datasets'),
  dataset: (name: string) => call<DatasetInfo>('GET', `/api/datasets/${enc(name)}`),

  samples: (ds: string, q: ViewQuery, offset: number, limit: number, count: boolean, fields?: string[]) =>
    call<Page>('POST', `/api/datasets/${enc(ds)}/samples`, { ...query(q), offset, limit, count, fields }),

  count: (ds: string, q: ViewQuery) => call<{ count: number }>('POST', `/api/datasets/${enc(ds)}/count`, query(q)),

  aggregate: (ds: string, q: ViewQuery, aggregations: Json[]) =>
    call<{ results: Json[] }>('POST', `/api/datasets/${enc(ds)}/aggregate`, { ...query(q), aggregations }),

  parse: (ds: string, expr: string) => call<{ expr: Json }>('POST', `/api/datasets/${enc(ds)}/parse`, { expr }),

  groups: (ds: string, q: ViewQuery, groupBy: FieldPath, orderBy: FieldPath | null, reverse: boolean,
    offset: number, limit: number) =>
    call<GroupPage>('POST', `/api/datasets/${enc(ds)}/groups`,
      { ...query(q), groupBy, orderBy, reverse, offset, limit, members: 1 }),

  group: (ds: string, q: ViewQuery, groupBy: FieldPath, orderBy: FieldPath | null, reverse: boolean, key: Json,
    fields?: string[]) =>
    call<{ key: Json; count: number; samples: Sample[] }>('POST', `/api/datasets/${enc(ds)}/group`,
      { ...query(q), groupBy, orderBy, reverse, key, offset: 0, limit: 10000, fields }),

  sample: (ds: string, id: string) =>
    call<Sample & { frame_count: number }>('GET', `/api/datasets/${enc(ds)}/samples/${enc(id)}`),

  frames: (ds: string, id: string, offset: number, limit: number) =>
    call<{ count: number; frames: Record<string, Json>[] }>('GET',
      `/api/datasets/${enc(ds)}/samples/${enc(id)}/frames?offset=${offset}&limit=${limit}`),

  tag: (ds: string, ids: string[], add: string[], remove: string[]) =>
    call<{ samples: number }>('POST', `/api/datasets/${enc(ds)}/tags`, { ids, add, remove, label_field: null }),

  savedViews: (ds: string) => call<{ name: string; view: Stage[] }[]>('GET', `/api/datasets/${enc(ds)}/views`),
  saveView: (ds: string, name: string, view: Stage[]) =>
    call<{ name: string }>('PUT', `/api/datasets/${enc(ds)}/views/${enc(name)}`, { view }),
  deleteView: (ds: string, name: string) =>
    call<{ deleted: boolean }>('DELETE', `/api/datasets/${enc(ds)}/views/${enc(name)}`),
};

/** URLs of media, looked up by dataset + sample id (+ field) on the server. */
export const media = {
  thumbnail: (ds: string, id: string, size: number, masks: string[]) =>
    `/api/datasets/${enc(ds)}/samples/${enc(id)}/thumbnail?size=${size}` +
    (masks.length ? `&masks=${masks.map(enc).join(',')}` : ''),
  raw: (ds: string, id: string, frame: number) => `/api/datasets/${enc(ds)}/samples/${enc(id)}/raw?frame=${frame}`,
  mask: (ds: string, id: string, field: string, frame: number) =>
    `/api/datasets/${enc(ds)}/samples/${enc(id)}/mask/${enc(field)}?frame=${frame}`,
  volume: (ds: string, id: string) => `/api/datasets/${enc(ds)}/samples/${enc(id)}/volume`,
  labelVolume: (ds: string, id: string, field: string) =>
    `/api/datasets/${enc(ds)}/samples/${enc(id)}/volume/${enc(field)}`,
};
