// SPDX-License-Identifier: Apache-2.0
// Saved views in the toolbar: save what the grid shows under a name, load one (it goes in the
// URL as `view=NAME`), delete one. A saved view is the API's list of stages; the sidebar filters
// and the expression are saved as one `match` stage, the sort as a `sortBy` stage after it.
import { api, type Stage } from './api';
import { h, replace } from './dom';
import { matchText, pathJson, savedStages, type AppState } from './state';

export interface SavedViewsHost {
  ds: string;
  readonly state: AppState;
  update(change: (s: AppState) => void): void;
  error(message: string): void;
}

export class SavedViews {
  readonly element = h('span.saved-views');
  private readonly picker = h('select#saved-view', { title: 'Saved views' });
  private readonly name = h('input#view-name', { placeholder: 'save view as…', size: 14, spellcheck: false });
  private readonly save = h('button#save-view', { title: 'Save the current view under this name' }, 'save');
  private readonly remove = h('button#delete-view', { title: 'Delete the selected saved view' }, 'delete');

  constructor(private readonly host: SavedViewsHost) {
    this.picker.addEventListener('change', () => this.load(this.picker.value || null));
    this.save.addEventListener('click', () => void this.saveCurrent());
    this.name.addEventListener('keydown', (e) => {
      if (e.key === 'Enter') void this.saveCurrent();
    });
    this.remove.addEventListener('click', () => void this.deleteSelected());
    this.element.append(this.picker, this.name, this.save, this.remove);
    this.draw();
  }

  /** Redraws the list (selected: the view in the URL). */
  draw(): void {
    const current = this.host.state.view;
    const names = [...savedStages.keys()].sort();
    replace(this.picker, h('option', { value: '' }, names.length ? 'saved views…' : 'no saved views'),
      names.map((n) => h('option', { value: n, selected: n === current }, n)));
    this.remove.disabled = !current;
  }

  /** The stages of what the grid shows now: the loaded view, the filters as one match, the sort. */
  async currentStages(): Promise<Stage[]> {
    const s = this.host.state;
    const stages: Stage[] = [...(s.view ? savedStages.get(s.view) ?? [] : [])];
    const match = matchText(s);
    if (match) stages.push({ stage: 'match', expr: (await api.parse(this.host.ds, match)).expr });
    if (s.sort) stages.push({ stage: 'sortBy', key: { field: pathJson(s.sort) }, reverse: s.reverse });
    return stages;
  }

  /** Shows a saved view: its stages replace the filters, expression and sort (grouping stays). */
  load(name: string | null): void {
    this.host.update((st) => {
      st.view = name;
      st.filters = {};
      st.expr = '';
      st.sort = null;
      st.reverse = false;
      st.sample = null;
    });
  }

  private async saveCurrent(): Promise<void> {
    const name = this.name.value.trim();
    if (!name) {
      this.host.error('give the view a name first');
      return;
    }
    try {
      const stages = await this.currentStages();
      await api.saveView(this.host.ds, name, stages);
      savedStages.set(name, stages);
      this.name.value = '';
      this.host.error('');
      this.load(name);
    } catch (e) {
      this.host.error(`cannot save view "${name}": ${(e as Error).message}`);
    }
  }

  private async deleteSelected(): Promise<void> {
    const name = this.host.state.view;
    if (!name) return;
    try {
      await api.deleteView(this.host.ds, name);
      savedStages.delete(name);
      this.host.error('');
      this.host.update((st) => (st.view = null));
    } catch (e) {
      this.host.error(`cannot delete view "${name}": ${(e as Error).message}`);
    }
  }
}
