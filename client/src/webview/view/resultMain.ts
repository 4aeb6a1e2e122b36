// The script of every result panel (bundled to out/webview/result.js, run in the webview): it mounts
// the page the host rendered and tells the host which action a button asked for. No logic of its
// own, so a new result view needs no new script: only a render function and action handlers.
import { isHostToResult, type ResultToHost } from '../resultMessages.ts';
import { mount } from './dom.ts';

interface VsCodeApi {
  postMessage(message: ResultToHost): void;
}
declare function acquireVsCodeApi(): VsCodeApi;

const vscode = acquireVsCodeApi();
const root = document.getElementById('root') as HTMLElement;

window.addEventListener('message', (e: MessageEvent<unknown>) => {
  if (!isHostToResult(e.data)) return;
  root.replaceChildren(mount(document, e.data.body) as Node);
  window.scrollTo(0, 0);
});

root.addEventListener('click', (e) => {
  const el = (e.target as HTMLElement).closest<HTMLElement>('[data-action]');
  if (!el || (el instanceof HTMLButtonElement && el.disabled)) return;
  const { action, ...data } = el.dataset;
  if (action === undefined) return;
  e.preventDefault();
  const values: Record<string, string> = {};
  for (const [k, v] of Object.entries(data)) if (v !== undefined) values[k] = v;
  vscode.postMessage({ type: 'action', action, data: values });
});

vscode.postMessage({ type: 'ready' });
