// The messages between a result panel's webview (resultPanel.ts) and the extension host, and the
// guards that check them on arrival. A result panel shows a tree the host rendered; the webview
// posts back which `data-action` element was used, with that element's other `data-*` values.
// No `vscode` import: the webview bundle uses these types too.
import { isVNode, type VNode } from './view/dom.ts';
import { isJsonObject } from '../../../server/src/core/jsonObject.ts';

/** Webview -> host. */
export type ResultToHost =
  /** The page has loaded (or reloaded) and wants its content. */
  | { readonly type: 'ready' }
  /** An element with `data-action` was used; `data` holds its other `data-*` attributes (dataset names). */
  | { readonly type: 'action'; readonly action: string; readonly data: Readonly<Record<string, string>> };

/** Host -> webview: the whole page. */
export type HostToResult = { readonly type: 'render'; readonly body: VNode };

const ACTION = /^[a-zA-Z][\w-]{0,63}$/;
const MAX_DATA_ENTRIES = 16;
const MAX_DATA_LENGTH = 4096;

export function isResultToHost(v: unknown): v is ResultToHost {
  if (!isJsonObject(v)) return false;
  if (v['type'] === 'ready') return true;
  if (v['type'] !== 'action' || typeof v['action'] !== 'string' || !ACTION.test(v['action'])) return false;
  const data = v['data'];
  if (!isJsonObject(data)) return false;
  const entries = Object.entries(data);
  return entries.length <= MAX_DATA_ENTRIES && entries.every(([k, x]) => ACTION.test(k) && typeof x === 'string' && x.length <= MAX_DATA_LENGTH);
}

export const isHostToResult = (v: unknown): v is HostToResult => isJsonObject(v) && v['type'] === 'render' && isVNode(v['body']);
