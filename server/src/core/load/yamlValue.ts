// The first YAML document as Go's decoder sees it (sigs.k8s.io/yaml turns YAML into JSON, then
// encoding/json fills the Go structs), with the source span of every key and value kept.
import type { Span } from '../span.ts';

export type YValue =
  | { readonly kind: 'null'; readonly span: Span }
  | { readonly kind: 'bool'; readonly value: boolean; readonly span: Span }
  | { readonly kind: 'number'; readonly value: number; readonly span: Span }
  | { readonly kind: 'string'; readonly value: string; readonly span: Span }
  | { readonly kind: 'array'; readonly items: readonly YValue[]; readonly span: Span }
  | { readonly kind: 'object'; readonly entries: readonly YEntry[]; readonly span: Span };

export interface YEntry {
  readonly key: string;
  readonly keySpan: Span;
  readonly value: YValue;
}

export type YObject = Extract<YValue, { kind: 'object' }>;
export type YArray = Extract<YValue, { kind: 'array' }>;

/** JSON type names as Go's encoding/json reports them in "cannot unmarshal X into ..." errors. */
export const goJsonKind = (v: YValue): string => (v.kind === 'bool' ? 'bool' : v.kind === 'null' ? 'null' : v.kind);

/** Mappings with more entries than this are looked up through an index (built once per mapping). */
const SCAN_LIMIT = 16;
const indexes = new WeakMap<YObject, ReadonlyMap<string, YEntry>>();

/** The entry a Go decoder keeps for `key`: with duplicate keys the last one wins (lenient decoding). */
export function entryOf(obj: YObject, key: string): YEntry | undefined {
  if (obj.entries.length > SCAN_LIMIT) {
    // A mapping of 100,000 keys is read once per key it is asked about: a scan each time is quadratic.
    let index = indexes.get(obj);
    if (!index) {
      index = new Map(obj.entries.map((e) => [e.key, e]));
      indexes.set(obj, index);
    }
    return index.get(key);
  }
  for (let i = obj.entries.length - 1; i >= 0; i--) {
    const e = obj.entries[i] as YEntry;
    if (e.key === key) return e;
  }
  return undefined;
}

/** The plain JSON value (what YAMLToJSON produces), for schema validation. */
export function toJson(v: YValue): unknown {
  switch (v.kind) {
    case 'null':
      return null;
    case 'array':
      return v.items.map(toJson);
    case 'object': {
      const out: Record<string, unknown> = {};
      for (const e of v.entries) {
        // defineProperty: a YAML key "__proto__" must stay an ordinary key.
        Object.defineProperty(out, e.key, { value: toJson(e.value), enumerable: true, writable: true, configurable: true });
      }
      return out;
    }
    default:
      return v.value;
  }
}

/** The value at a path of keys and array indices (as strings), or undefined. */
export function valueAt(root: YValue, path: readonly string[]): YValue | undefined {
  let cur: YValue | undefined = root;
  for (const seg of path) {
    if (cur?.kind === 'object') cur = entryOf(cur, seg)?.value;
    else if (cur?.kind === 'array') cur = cur.items[Number(seg)];
    else return undefined;
  }
  return cur;
}
