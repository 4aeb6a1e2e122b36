// The messages between the replay panel's webview and the extension host, and the guards that
// check them on arrival: the webview is a separate page, so nothing it posts is trusted unchecked.
// No `vscode` import: the webview bundle uses these types too.
import { LEVELS, type Level } from '../../../server/src/core/model.ts';
import type { LevelChange, ShapeQuery, ShapeSort } from '../../../server/src/core/replay/queryShapes.ts';
import type { ExplainRequestResult, ReplayBaselineResult, ReplayView } from '../../../server/src/protocol.ts';
import { isJsonObject } from '../../../server/src/core/jsonObject.ts';

/** Webview -> host. */
export type ViewToHost =
  /** The page has loaded (or reloaded) and wants data. */
  | { readonly type: 'ready' }
  /** Sort, filters or page changed. */
  | { readonly type: 'query'; readonly query: ShapeQuery }
  /** Reveal this rule in the policy editor. */
  | { readonly type: 'reveal'; readonly rule: number }
  /** Explain one request shape (its ShapeRow.key). */
  | { readonly type: 'explain'; readonly key: number }
  /** Run "Replay Audit Logs…": pick logs to add. */
  | { readonly type: 'pickLogs' }
  /** Stop replaying this log (as the view's totals.files lists it). */
  | { readonly type: 'removeLog'; readonly file: string }
  /** Add this request shape (its ShapeRow.key) to the policy's test file with its current outcome. */
  | { readonly type: 'addTestCase'; readonly key: number };

/** Host -> webview. */
export type HostToView =
  /** `focusRule`: scroll to this rule's rows and highlight them (a rule's "hits" code lens). */
  | { readonly type: 'view'; readonly policy: string; readonly query: ShapeQuery; readonly view: ReplayView; readonly focusRule?: number }
  | { readonly type: 'explained'; readonly key: number; readonly result: ExplainRequestResult }
  | { readonly type: 'busy'; readonly message: string }
  /** The policy's Compare with… baseline for the shapes on screen ("vs baseline" column); null: none. */
  | { readonly type: 'baseline'; readonly baseline: BaselineView | null };

export interface BaselineView {
  /** "the saved version", "git HEAD", a file. */
  readonly label: string;
  readonly result: ReplayBaselineResult;
}

/** What the webview persists (vscode.setState) and the serializer revives the panel from. */
export interface PanelState {
  readonly uri: string;
  readonly query: ShapeQuery;
}

const SORTS: readonly ShapeSort[] = ['events', 'bytesBefore', 'bytesAfter'];
const CHANGES: readonly LevelChange[] = ['any', 'up', 'down', 'same'];
const TEXT_FILTERS = ['user', 'verb', 'resource', 'namespace'] as const;
const MAX_FILTER_LENGTH = 1000;
/** Longer than any path a log is read from. */
const MAX_FILE_LENGTH = 4096;

const isIndex = (v: unknown): v is number => typeof v === 'number' && Number.isSafeInteger(v) && v >= 0;
const isOneOf = <T extends string>(values: readonly T[], v: unknown): v is T => typeof v === 'string' && (values as readonly string[]).includes(v);

export function isShapeQuery(v: unknown): v is ShapeQuery {
  if (!isJsonObject(v)) return false;
  for (const k of TEXT_FILTERS) {
    const f = v[k];
    if (f !== undefined && (typeof f !== 'string' || f.length > MAX_FILTER_LENGTH)) return false;
  }
  if (v['level'] !== undefined && !isOneOf<Level>(LEVELS, v['level'])) return false;
  if (v['rule'] !== undefined && v['rule'] !== 'none' && !isIndex(v['rule'])) return false;
  if (v['changed'] !== undefined && !isOneOf(CHANGES, v['changed'])) return false;
  if (v['sort'] !== undefined && !isOneOf(SORTS, v['sort'])) return false;
  return (v['offset'] === undefined || isIndex(v['offset'])) && (v['limit'] === undefined || isIndex(v['limit']));
}

export function isViewToHost(v: unknown): v is ViewToHost {
  if (!isJsonObject(v)) return false;
  switch (v['type']) {
    case 'ready':
    case 'pickLogs':
      return true;
    case 'query':
      return isShapeQuery(v['query']);
    case 'reveal':
      return isIndex(v['rule']);
    case 'explain':
    case 'addTestCase':
      return isIndex(v['key']);
    case 'removeLog':
      return typeof v['file'] === 'string' && v['file'] !== '' && v['file'].length <= MAX_FILE_LENGTH;
    default:
      return false;
  }
}

export function isHostToView(v: unknown): v is HostToView {
  if (!isJsonObject(v)) return false;
  switch (v['type']) {
    case 'view':
      return typeof v['policy'] === 'string' && isShapeQuery(v['query']) && isJsonObject(v['view']) && typeof v['view']['ok'] === 'boolean' && (v['focusRule'] === undefined || isIndex(v['focusRule']));
    case 'explained':
      return isIndex(v['key']) && isJsonObject(v['result']) && typeof v['result']['ok'] === 'boolean';
    case 'busy':
      return typeof v['message'] === 'string';
    case 'baseline': {
      const b = v['baseline'];
      return b === null || (isJsonObject(b) && typeof b['label'] === 'string' && isJsonObject(b['result']) && typeof b['result']['ok'] === 'boolean');
    }
    default:
      return false;
  }
}

export function isPanelState(v: unknown): v is PanelState {
  return isJsonObject(v) && typeof v['uri'] === 'string' && isShapeQuery(v['query']);
}
