// The panel's UI is built as plain data (a tree of element descriptions whose text is only ever
// text) and turned into DOM here with createElement / createTextNode / setAttribute. Strings from
// an audit log are attacker-controlled: they can only become text nodes or values of the harmless
// attributes allowed below, never markup, event handlers, URLs or styles.

export interface VNode {
  readonly tag: Tag;
  readonly attrs: Readonly<Record<string, string>>;
  readonly children: readonly Child[];
  /** A bar's filled fraction (0..1), set through the CSSOM (no style attribute, CSP-safe). */
  readonly fill?: number;
}

export type Child = VNode | string;

const TAGS = [
  'button', 'code', 'details', 'div', 'h1', 'h2', 'input', 'label', 'li', 'ol', 'option', 'p', 'section',
  'select', 'span', 'strong', 'summary', 'table', 'tbody', 'td', 'th', 'thead', 'tr', 'ul', 'wbr',
] as const;
export type Tag = (typeof TAGS)[number];

/** Attribute names that carry no behaviour: no on*, href, src, style, srcdoc, formaction. */
const SAFE_ATTRIBUTE = /^(class|id|role|tabindex|title|type|value|placeholder|for|colspan|scope|selected|disabled|hidden|open|(aria|data)-[a-z-]+)$/;

export const isSafeAttribute = (name: string): boolean => SAFE_ATTRIBUTE.test(name);

/** Builds a node; `attrs` with undefined or false values are left out, true becomes "". */
export function h(tag: Tag, attrs: Readonly<Record<string, string | number | boolean | undefined>> = {}, ...children: readonly (Child | null | undefined | false)[]): VNode {
  const clean: Record<string, string> = {};
  for (const [name, value] of Object.entries(attrs)) {
    if (value === undefined || value === false) continue;
    if (!isSafeAttribute(name)) throw new Error(`attribute not allowed in the replay panel: ${name}`);
    clean[name] = value === true ? '' : String(value);
  }
  return { tag, attrs: clean, children: children.filter((c): c is Child => c !== null && c !== undefined && c !== false) };
}

export const bar = (fraction: number, cls = 'bar'): VNode => ({
  tag: 'span',
  attrs: { class: cls, role: 'presentation' },
  children: [{ tag: 'span', attrs: { class: 'fill' }, children: [], fill: Number.isFinite(fraction) ? Math.min(1, Math.max(0, fraction)) : 0 }],
});

/** Where a long name may wrap: after these separators, never inside a word of it. */
const SEPARATOR = /[:/.\-_@=,]/;

/**
 * A name (user, namespace, resource, path, file) as text with line-break opportunities after its
 * separators: `system:serviceaccount:kube-system:x` wraps at the colons, not mid-word, in a narrow
 * panel. The text itself is unchanged (a <wbr> adds no character when copied).
 */
export function breakable(name: string): Child[] {
  const out: Child[] = [];
  let start = 0;
  for (let i = 0; i < name.length - 1; i++) {
    if (!SEPARATOR.test(name.charAt(i))) continue;
    out.push(name.slice(start, i + 1), { tag: 'wbr', attrs: {}, children: [] });
    start = i + 1;
  }
  out.push(name.slice(start));
  return out;
}

/** Checks the shape of a tree that arrives in a message (mount still checks tags and attributes). */
export function isVNode(v: unknown, depth = 0): v is VNode {
  if (depth > 64 || typeof v !== 'object' || v === null) return false;
  const n = v as Record<string, unknown>;
  const attrs = n['attrs'];
  return (
    typeof n['tag'] === 'string' &&
    typeof attrs === 'object' &&
    attrs !== null &&
    Object.values(attrs).every((a) => typeof a === 'string') &&
    (n['fill'] === undefined || typeof n['fill'] === 'number') &&
    Array.isArray(n['children']) &&
    n['children'].every((c: unknown) => typeof c === 'string' || isVNode(c, depth + 1))
  );
}

/** The slice of the DOM that mount uses, so tests can pass a recording fake. */
export interface MountDocument {
  createElement(tag: string): MountElement;
  createTextNode(text: string): unknown;
}
export interface MountElement {
  setAttribute(name: string, value: string): void;
  append(...nodes: unknown[]): void;
  readonly style: { width: string };
}

export function mount(doc: MountDocument, node: Child): unknown {
  if (typeof node === 'string') return doc.createTextNode(node);
  if (!(TAGS as readonly string[]).includes(node.tag)) throw new Error(`element not allowed in the replay panel: ${node.tag}`);
  const el = doc.createElement(node.tag);
  for (const [name, value] of Object.entries(node.attrs)) {
    if (!isSafeAttribute(name)) throw new Error(`attribute not allowed in the replay panel: ${name}`);
    el.setAttribute(name, value);
  }
  if (node.fill !== undefined) el.style.width = `${(node.fill * 100).toFixed(1)}%`;
  el.append(...node.children.map((c) => mount(doc, c)));
  return el;
}
