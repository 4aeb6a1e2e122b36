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
let model: PanelModel = { policy: '', query: {}, view: null, busy: null, explained: null, selectedRule: null, baseline: null };
let uri = '';
const FILTER_DELAY_MS = 200;
/** Set while typed filter text waits for its query: a view arriving meanwhile must not wipe it. */
let filterTimer: ReturnType<typeof setTimeout> | undefined;

function render(): void {
  // Keep the keyboard focus (and caret) across re-renders: a filter box keeps working while typing.
  // Only while the panel has the keyboard: its document remembers the row a reveal left, and
  // focusing that again would pull the keyboard out of the editor the row revealed.
  const hasKeyboard = document.hasFocus();
  const active = document.activeElement as HTMLElement | null;
  const focusId = active?.dataset['focusId'] ?? (active?.closest('[data-rule]') as HTMLElement | null)?.dataset['rule'];
  const caret = active instanceof HTMLInputElement ? active.selectionStart : null;
  const typed = active instanceof HTMLInputElement && filterTimer !== undefined ? active.value : null;
  root.replaceChildren(mount(document, renderPanel(model)) as Node);
  fitTables();
  if (focusId === undefined) return;
  const again = root.querySelector<HTMLElement>(`[data-focus-id="${CSS.escape(focusId)}"]`) ?? root.querySelector<HTMLElement>(`tr[data-rule="${CSS.escape(focusId)}"]`);
  if (hasKeyboard) again?.focus();
  if (!(again instanceof HTMLInputElement)) return;
  if (typed !== null) again.value = typed;
  if (hasKeyboard && caret !== null) again.setSelectionRange(caret, caret);
}

/** Below this width a table's columns get too narrow to read (a rule summary of five lines). */
const STACK_BELOW_PX = 800;

/**
 * Responsive columns: a table in a narrow panel (a split editor), or whose columns do not fit its
 * width (long names), shows one labelled block per row instead (class `stacked`, styles.ts).
 */
function fitTables(): void {
  for (const table of root.querySelectorAll<HTMLTableElement>('table.cards')) {
    const box = table.parentElement;
    if (!box) continue;
    table.classList.remove('stacked');
    if (box.clientWidth < STACK_BELOW_PX || box.scrollWidth > box.clientWidth + 1) table.classList.add('stacked');
  }
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
  if (action === 'reveal') {
    const rule = Number(el.dataset['rule']);
    vscode.postMessage({ type: 'reveal', rule });
    model = { ...model, selectedRule: rule };
    render();
  } else if (action === 'explain') vscode.postMessage({ type: 'explain', key: Number(el.dataset['key']) });
  else if (action === 'addTestCase') vscode.postMessage({ type: 'addTestCase', key: Number(el.dataset['key']) });
  else if (action === 'pickLogs') vscode.postMessage({ type: 'pickLogs' });
  else if (action === 'removeLog') vscode.postMessage({ type: 'removeLog', file: el.dataset['file'] ?? '' });
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
  filterTimer = setTimeout(() => {
    filterTimer = undefined;
    query(readFilters());
  }, FILTER_DELAY_MS);
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
    const selectedRule = m.focusRule ?? (sameDoc ? model.selectedRule : null);
    model = { ...model, policy: m.policy, query: m.query, view: m.view, busy: null, explained: sameDoc ? model.explained : null, selectedRule };
    if (uri !== '') vscode.setState({ uri, query: m.query });
  } else if (m.type === 'explained') {
    model = { ...model, explained: { key: m.key, result: m.result } };
  } else if (m.type === 'baseline') {
    model = { ...model, baseline: m.baseline };
  } else {
    model = { ...model, busy: m.message };
  }
  render();
  if (m.type === 'explained') root.querySelector('.explain')?.scrollIntoView({ block: 'nearest' });
  if (m.type === 'view' && m.focusRule !== undefined) root.querySelector(`tr.rule[data-rule="${m.focusRule}"]`)?.scrollIntoView({ block: 'center' });
});

window.addEventListener('resize', fitTables);
render();
vscode.postMessage({ type: 'ready' });
