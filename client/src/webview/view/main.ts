// The replay panel's script (bundled to out/webview/main.js, run in the webview). It only renders
// what the host sends and posts what the user asks for; every number comes from the language server.
import { isHostToView, type PanelState, type ViewToHost } from '../messages.ts';
import type { ShapeQuery } from '../../../../server/src/core/replay/queryShapes.ts';
import { mount } from './dom.ts';
import { renderPanel, type PanelModel } from './render.ts';

interface VsCodeApi {
  postMessage(message: ViewToHost): void;
  /** Kept by VS Code with the panel; the serializer revives the panel from it. */
  setState(state: PanelState): void;
}
declare function acquireVsCodeApi(): VsCodeApi;

const vscode = acquireVsCodeApi();
const root = document.getElementById('root') as HTMLElement;
let model: PanelModel = { policy: '', query: {}, view: null, busy: null, explained: null };
let uri = '';
const FILTER_DELAY_MS = 200;
let filterTimer: ReturnType<typeof setTimeout> | undefined;

function render(): void {
  // Keep the keyboard focus (and caret) across re-renders: a filter box keeps working while typing.
  const active = document.activeElement as HTMLElement | null;
  const focusId = active?.dataset['focusId'] ?? (active?.closest('[data-rule]') as HTMLElement | null)?.dataset['rule'];
  const caret = active instanceof HTMLInputElement ? active.selectionStart : null;
  root.replaceChildren(mount(document, renderPanel(model)) as Node);
  if (focusId === undefined) return;
  const again = root.querySelector<HTMLElement>(`[data-focus-id="${CSS.escape(focusId)}"]`) ?? root.querySelector<HTMLElement>(`tr[data-rule="${CSS.escape(focusId)}"]`);
  again?.focus();
  if (again instanceof HTMLInputElement && caret !== null) again.setSelectionRange(caret, caret);
}

function query(next: ShapeQuery): void {
  model = { ...model, query: next };
  vscode.setState({ uri, query: next });
  vscode.postMessage({ type: 'query', query: next });
}

function readFilters(): ShapeQuery {
  const q: Record<string, string | number> = {};
  for (const el of root.querySelectorAll<HTMLInputElement | HTMLSelectElement>('[data-filter]')) {
    const name = el.dataset['filter'] as string;
    const value = el.value;
    if (value === '' || (name === 'changed' && value === 'any') || (name === 'sort' && value === 'events')) continue;
    q[name] = name === 'rule' && value !== 'none' ? Number(value) : value;
  }
  return q as ShapeQuery;
}

function act(target: HTMLElement): boolean {
  const el = target.closest<HTMLElement>('[data-action]');
  if (!el || (el instanceof HTMLButtonElement && el.disabled)) return false;
  const action = el.dataset['action'];
  if (action === 'reveal') vscode.postMessage({ type: 'reveal', rule: Number(el.dataset['rule']) });
  else if (action === 'explain') vscode.postMessage({ type: 'explain', key: Number(el.dataset['key']) });
  else if (action === 'pickLogs') vscode.postMessage({ type: 'pickLogs' });
  else if (action === 'page') query({ ...model.query, offset: Number(el.dataset['offset']) });
  else return false;
  return true;
}

root.addEventListener('click', (e) => {
  if (act(e.target as HTMLElement)) e.preventDefault();
});
root.addEventListener('keydown', (e) => {
  const target = e.target as HTMLElement;
  // Rows are focusable (tabindex 0); buttons handle Enter/Space themselves.
  if ((e.key === 'Enter' || e.key === ' ') && target instanceof HTMLTableRowElement && act(target)) e.preventDefault();
});
root.addEventListener('input', (e) => {
  if (!(e.target instanceof HTMLInputElement)) return;
  clearTimeout(filterTimer);
  filterTimer = setTimeout(() => query(readFilters()), FILTER_DELAY_MS);
});
root.addEventListener('change', (e) => {
  if (e.target instanceof HTMLSelectElement) query(readFilters());
});

window.addEventListener('message', (e: MessageEvent<unknown>) => {
  const m = e.data;
  if (!isHostToView(m)) return;
  if (m.type === 'view') {
    const sameDoc = m.view.ok && model.view?.ok === true && model.view.uri === m.view.uri;
    if (m.view.ok) uri = m.view.uri;
    model = { ...model, policy: m.policy, query: m.query, view: m.view, busy: null, explained: sameDoc ? model.explained : null };
    if (uri !== '') vscode.setState({ uri, query: m.query });
  } else if (m.type === 'explained') {
    model = { ...model, explained: { key: m.key, result: m.result } };
  } else {
    model = { ...model, busy: m.message };
  }
  render();
  if (m.type === 'explained') root.querySelector('.explain')?.scrollIntoView({ block: 'nearest' });
});

render();
vscode.postMessage({ type: 'ready' });
