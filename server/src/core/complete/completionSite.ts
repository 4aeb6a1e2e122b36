// Where the cursor is in a policy that may be half-typed (so it may not parse): typing a key of the
// policy, of a rule or of a `resources` entry, or a value of some field. Read from the text by
// indentation and open flow brackets, the way a person reads YAML, because completion is needed
// exactly when the document is incomplete.
import type { KeyContext } from '../describe/schemaDocs.ts';
import type { Span } from '../span.ts';

/** `C`: where a key sits (a policy's contexts by default; a policy test file has its own). */
export type CompletionSite<C extends string = KeyContext> =
  | {
      readonly kind: 'key';
      readonly context: C;
      /** Keys already present in the same mapping. */
      readonly present: readonly string[];
      readonly word: Span;
    }
  | {
      readonly kind: 'value';
      readonly context: C;
      /** The field the value belongs to (for list items: the list's key). */
      readonly key: string;
      /** Scalar values of the other keys of the same mapping (e.g. `group` next to `resources`). */
      readonly siblings: Readonly<Record<string, string>>;
      /** The partial value being typed, without an opening quote. */
      readonly word: Span;
      /** An opening quote precedes the word. */
      readonly quoted: boolean;
    };

interface LineInfo {
  readonly indent: number;
  readonly dash: number | undefined;
  readonly keyCol: number;
  readonly key: string | undefined;
  readonly value: string;
}

const KEY = /^(["']?)([A-Za-z_][\w-]*)\1[ \t]*:(?=[ \t]|$)[ \t]*(.*)$/;

function lineInfo(line: string): LineInfo | undefined {
  const indent = line.length - line.trimStart().length;
  let rest = line.slice(indent);
  if (rest === '' || rest.startsWith('#')) return undefined;
  let dash: number | undefined;
  let keyCol = indent;
  const item = /^-(?:[ \t]+|$)/.exec(rest);
  if (item) {
    dash = indent;
    keyCol = indent + item[0].length;
    rest = rest.slice(item[0].length);
  }
  const m = KEY.exec(rest);
  return { indent, dash, keyCol, key: m?.[2], value: scalar(m?.[3] ?? '') };
}

/** A plain or quoted scalar without its comment. */
function scalar(text: string): string {
  const quoted = /^(["'])(.*?)\1/.exec(text.trim());
  return quoted ? (quoted[2] ?? '') : text.replace(/(^|\s)#.*$/, '').trim();
}

/** Key paths ("rules/resources", "" for the top level) and the context of the mappings found there. */
export type SiteContexts<C extends string> = readonly (readonly [string, C])[];

const POLICY_CONTEXTS: SiteContexts<KeyContext> = [
  ['', 'policy'],
  ['rules', 'rule'],
  ['rules/resources', 'groupResources'],
];

/** Longer lines are not typed by hand; the line scans below stay cheap whatever the input. */
const MAX_LINE = 4000;
const WORD_STOP = /[\s,[\]{}"']/;

export function completionSite(text: string, offset: number): CompletionSite | undefined {
  return completionSiteIn(text, offset, POLICY_CONTEXTS);
}

/** The site in any YAML file whose mappings `contexts` names; a list named by a context holds mappings. */
export function completionSiteIn<C extends string>(text: string, offset: number, contexts: SiteContexts<C>): CompletionSite<C> | undefined {
  const contextOf = (keys: readonly string[]): C | undefined => contexts.find(([path]) => path === keys.join('/'))?.[1];
  // `rules` and a rule's `resources` hold mappings: an item of them starts a mapping, not a value.
  const holdsMappings = (path: readonly string[]): boolean => path.length > 0 && contextOf(path) !== undefined;
  const lineStart = text.lastIndexOf('\n', offset - 1) + 1;
  const prefix = text.slice(lineStart, offset);
  if (prefix.length > MAX_LINE || /(^|\s)#/.test(prefix)) return undefined;
  let typedStart = prefix.length;
  while (typedStart > 0 && !WORD_STOP.test(prefix.charAt(typedStart - 1))) typedStart--;
  const typed = prefix.slice(typedStart);
  const word = { start: offset - typed.length, end: offset };
  const quoted = /["']$/.test(prefix.slice(0, prefix.length - typed.length));
  const before = prefix.slice(0, prefix.length - typed.length - (quoted ? 1 : 0));
  const lines = text.slice(0, lineStart).split(/\r?\n/);
  lines.pop();
  const below = text.slice(lineStart).split(/\r?\n/).slice(1);

  const flow = openBrackets(before);
  const blockPart = flow.length > 0 ? before.slice(0, (flow[0] as Bracket).at) : before;
  const block = /^([ \t]*)(-[ \t]+)?(?:(["']?)([A-Za-z_][\w-]*)\3[ \t]*:[ \t]*)?$/.exec(blockPart);
  if (!block) return undefined;
  const indent = (block[1] ?? '').length;
  const dashed = block[2] !== undefined;
  const lineKey = block[4];

  // Keys of the block mappings around this line, and the siblings of the innermost one. A dash
  // starts a list item: its own mapping begins on this line, so nothing above is a sibling.
  const keyCol = indent + (block[2]?.length ?? 0);
  const around = dashed ? blockPath(lines, indent, false) : blockPath(lines, keyCol, true);
  const keys = around.keys;
  const siblings = { ...around.siblings, ...siblingsBelow(below, keyCol) };

  if (flow.length === 0) {
    if (lineKey !== undefined) {
      const context = contextOf(keys);
      return context && { kind: 'value', context, key: lineKey, siblings, word, quoted };
    }
    if (dashed) {
      // An item of the list named by the enclosing key.
      const listKey = keys.at(-1);
      if (listKey === undefined) return undefined;
      if (holdsMappings(keys)) {
        const context = contextOf(keys);
        return context && !quoted ? { kind: 'key', context, present: Object.keys(siblings), word } : undefined;
      }
      const context = contextOf(keys.slice(0, -1));
      return context && { kind: 'value', context, key: listKey, siblings: listOwnerSiblings(lines, indent), word, quoted };
    }
    const context = contextOf(keys);
    return context && !quoted ? { kind: 'key', context, present: Object.keys(siblings), word } : undefined;
  }

  // Inside flow brackets: walk them from the outermost, each `[` under a key and each `{` a mapping.
  let path = lineKey === undefined ? keys : [...keys, lineKey];
  let flowSiblings: Record<string, string> = siblings;
  for (let i = 0; i < flow.length; i++) {
    const b = flow[i] as Bracket;
    const end = i + 1 < flow.length ? (flow[i + 1] as Bracket).at : before.length;
    const inside = before.slice(b.at + 1, end);
    if (b.open === '{') {
      // A mapping: as an item of a list it stays under the list's key; its own keys follow.
      flowSiblings = flowPairs(inside);
      const last = /(?:^|,)[ \t]*(["']?)([A-Za-z_][\w-]*)\1[ \t]*:[ \t]*$/.exec(inside);
      if (i + 1 < flow.length) {
        if (!last) return undefined;
        path = [...path, last[2] as string];
        continue;
      }
      const context = contextOf(path);
      if (!context) return undefined;
      if (last) return { kind: 'value', context, key: last[2] as string, siblings: flowSiblings, word, quoted };
      return /(^|,)[ \t]*$/.test(inside) && !quoted ? { kind: 'key', context, present: Object.keys(flowSiblings), word } : undefined;
    }
    if (i + 1 < flow.length) continue;
    // A flow sequence: the word is one of its items.
    const listKey = path.at(-1);
    const context = contextOf(path.slice(0, -1));
    if (listKey === undefined || holdsMappings(path) || !context) return undefined;
    return { kind: 'value', context, key: listKey, siblings: flowSiblings, word, quoted };
  }
  return undefined;
}

interface Bracket {
  readonly open: '[' | '{';
  readonly at: number;
}

/** The flow brackets still open at the end of `text`, outermost first (quoted text skipped). */
function openBrackets(text: string): Bracket[] {
  const stack: Bracket[] = [];
  let quote: string | undefined;
  for (let i = 0; i < text.length; i++) {
    const c = text.charAt(i);
    if (quote) {
      if (c === quote) quote = undefined;
    } else if (c === '"' || c === "'") quote = c;
    else if (c === '[' || c === '{') stack.push({ open: c, at: i });
    else if (c === ']' || c === '}') stack.pop();
    else if (c === '#' && (i === 0 || /\s/.test(text.charAt(i - 1)))) break;
  }
  return stack;
}

/** `key: value` pairs of a flow mapping's text so far. */
function flowPairs(text: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const m of text.matchAll(/(["']?)([A-Za-z_][\w-]*)\1[ \t]*:[ \t]*("[^"]*"|'[^']*'|[^,{}[\]]*)/g)) out[m[2] as string] = scalar(m[3] ?? '');
  return out;
}

/**
 * Walks up from a node at column `col` (a key of a mapping, or with `siblings` false a list item's
 * dash): every key at a smaller column is an ancestor, every dash at a smaller column an enclosing
 * list item. A list's own key may sit at the column of its dashes (`resources:` / `- group: x`).
 * With `siblings`, keys at `col` before leaving the node's mapping are its siblings.
 */
function blockPath(lines: readonly string[], col: number, siblings: boolean): { keys: string[]; siblings: Record<string, string> } {
  const keys: string[] = [];
  const found: Record<string, string> = {};
  let limit = col;
  let inMapping = siblings;
  let inItem = !siblings;
  for (let n = lines.length - 1; n >= 0; n--) {
    const line = lines[n] as string;
    if (/^(---|\.\.\.)([ \t]|$)/.test(line)) break;
    const info = lineInfo(line);
    if (!info) continue;
    if (info.key !== undefined && info.keyCol === limit && inMapping) found[info.key] = info.value;
    if (info.key !== undefined && (info.keyCol < limit || (inItem && info.keyCol === limit && info.dash === undefined))) {
      keys.unshift(info.key);
      limit = info.keyCol;
      inMapping = false;
      inItem = false;
    }
    if (info.dash !== undefined && info.dash < limit) {
      limit = info.dash;
      inMapping = false;
      inItem = true;
    }
    if (limit === 0 && !inMapping && !inItem) break;
  }
  return { keys, siblings: found };
}

/** For an item at column `col` of a block list: the siblings of the key that holds the list. */
function listOwnerSiblings(lines: readonly string[], col: number): Record<string, string> {
  for (let n = lines.length - 1; n >= 0; n--) {
    const info = lineInfo(lines[n] as string);
    if (!info || info.key === undefined || info.keyCol > col || (info.keyCol === col && info.dash !== undefined)) continue;
    const own = info.dash === undefined ? blockPath(lines.slice(0, n), info.keyCol, true).siblings : {};
    return { ...own, [info.key]: info.value };
  }
  return {};
}

/** Keys at column `col` on the lines after the cursor's, until the mapping ends. */
function siblingsBelow(lines: readonly string[], col: number): Record<string, string> {
  const found: Record<string, string> = {};
  for (const line of lines) {
    if (/^(---|\.\.\.)([ \t]|$)/.test(line)) break;
    const info = lineInfo(line);
    if (!info) continue;
    if (info.indent < col) break;
    if (info.key !== undefined && info.keyCol === col && info.dash === undefined) found[info.key] = info.value;
  }
  return found;
}
