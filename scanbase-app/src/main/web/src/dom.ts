// SPDX-License-Identifier: Apache-2.0
// A tiny element builder: h('div.tile', {title: 'x', onclick: f}, child, 'text').

type Attrs = Record<string, unknown>;
type Child = Node | string | number | null | undefined | false | Child[];

export function h<K extends keyof HTMLElementTagNameMap>(
  tag: K | `${K}.${string}` | `${K}#${string}`,
  attrsOrChild?: Attrs | Child,
  ...children: Child[]
): HTMLElementTagNameMap[K] {
  let attrs: Attrs | null = null;
  if (isAttrs(attrsOrChild)) attrs = attrsOrChild;
  else children.unshift(attrsOrChild as Child);
  const [name, ...classes] = tag.split('.');
  let element: HTMLElement;
  if (name.includes('#')) {
    const [n, id] = name.split('#');
    element = document.createElement(n);
    element.id = id;
  } else {
    element = document.createElement(name);
  }
  if (classes.length) element.className = classes.join(' ');
  for (const [key, value] of Object.entries(attrs ?? {})) {
    if (value === undefined || value === null || value === false) continue;
    if (key.startsWith('on') && typeof value === 'function') {
      element.addEventListener(key.slice(2), value as EventListener);
    } else if (key === 'style' && typeof value === 'object') {
      Object.assign(element.style, value);
    } else if (key === 'class') {
      element.className += (element.className ? ' ' : '') + String(value);
    } else if (key in element && key !== 'list' && key !== 'type') {
      (element as unknown as Record<string, unknown>)[key] = value;
    } else {
      element.setAttribute(key, value === true ? '' : String(value));
    }
  }
  append(element, children);
  return element as HTMLElementTagNameMap[K];
}

function isAttrs(v: unknown): v is Attrs {
  return typeof v === 'object' && v !== null && !(v instanceof Node) && !Array.isArray(v);
}

function append(parent: Node, children: Child[]): void {
  for (const child of children) {
    if (child === null || child === undefined || child === false) continue;
    if (Array.isArray(child)) append(parent, child);
    else parent.appendChild(typeof child === 'object' ? child : document.createTextNode(String(child)));
  }
}

/** Replaces every child of `parent`. */
export function replace(parent: Element, ...children: Child[]): void {
  parent.textContent = '';
  append(parent, children);
}

/** Calls `fn` at most once per `ms`, with the last arguments. */
export function debounce<A extends unknown[]>(fn: (...a: A) => void, ms: number): (...a: A) => void {
  let timer: number | undefined;
  return (...a: A) => {
    window.clearTimeout(timer);
    timer = window.setTimeout(() => fn(...a), ms);
  };
}

/** A short readable form of a field value for tiles and lists. */
export function formatValue(v: unknown): string {
  if (v === null || v === undefined) return '—';
  if (typeof v === 'number') return Number.isInteger(v) ? String(v) : String(Math.round(v * 1000) / 1000);
  if (typeof v === 'string') return v;
  if (typeof v === 'boolean') return v ? 'true' : 'false';
  if (Array.isArray(v)) return v.map(formatValue).join(', ');
  const o = v as Record<string, unknown>;
  if (o._type === 'Segmentation') return `mask · ${o.pixels ?? 0} px`;
  if (o._type) return String(o._type);
  return JSON.stringify(v);
}
