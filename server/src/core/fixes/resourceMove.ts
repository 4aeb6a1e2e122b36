// Moves one `resources:` item of a rule to the entry of another API group, renaming it on the way if
// asked (`deployments` under core -> an `apps` entry; `Deployment` -> `deployments` in `apps`). The
// rule keeps matching what it matched, plus what its author meant:
// - the item was the entry's only resource: the entry's group changes;
// - an entry of that group with the same resourceNames exists: the item joins its list (or is just
//   dropped when that entry already covers the whole group);
// - otherwise a new entry follows, in the style of the old one, with the same resourceNames.
import { isMap, isScalar, isSeq, type Node, type Pair, type YAMLMap, type YAMLSeq } from 'yaml';
import { span, type Span } from '../span.ts';
import { itemSpan, pairText } from './blockSpans.ts';
import { edit, type FixContext, type TextEdit } from './fix.ts';
import { scalarEdit, styledString, yamlString } from './scalarEdit.ts';
import { appendToSeq, quoteOf } from './seqAppend.ts';
import { column, contentEnd, lineBreak, nextLineStart } from './textLines.ts';
import { dashOffset, scalarQuote } from './yamlSource.ts';

type EntryMap = YAMLMap<unknown, unknown>;

/** Where a resource item sits: its rule's `resources` list, the entry, and the entry's own list. */
export interface ResourceItem {
  readonly entries: YAMLSeq<unknown>;
  readonly entryIndex: number;
  readonly entry: EntryMap;
  readonly list: YAMLSeq<Node>;
  readonly itemIndex: number;
  readonly value: string;
  readonly span: Span;
}

export function resourceItemAt(ctx: FixContext, rule: number | null, start: number): ResourceItem | undefined {
  const entries = rule === null ? undefined : ctx.yaml.rule(rule)?.get('resources', true);
  if (!isSeq(entries)) return undefined;
  for (const [entryIndex, entry] of entries.items.entries()) {
    if (!isMap(entry)) continue;
    const list = entry.get('resources', true);
    if (!isSeq(list)) continue;
    const itemIndex = list.items.findIndex((n) => isScalar(n) && n.range?.[0] === start);
    const item = list.items[itemIndex];
    if (isScalar(item) && item.range && typeof item.value === 'string') {
      return { entries, entryIndex, entry: entry as EntryMap, list: list as YAMLSeq<Node>, itemIndex, value: item.value, span: span(item.range[0], item.range[1]) };
    }
  }
  return undefined;
}

const stringsOf = (n: unknown): string[] => (isSeq(n) ? n.items.map((i) => (isScalar(i) ? String(i.value) : '')) : []);
const sameSet = (a: readonly string[], b: readonly string[]): boolean => a.length === b.length && a.every((x) => b.includes(x));
/** The entry's group; a missing or null `group` is the core group. */
export const entryGroup = (m: EntryMap): string => {
  const g = m.get('group');
  return g === undefined || g === null ? '' : String(g);
};

export function moveResource(ctx: FixContext, item: ResourceItem, group: string, resource: string): TextEdit[] | undefined {
  const { text } = ctx;
  const renamed = resource === item.value ? [] : [scalarEdit(text, item.span, resource)];
  if (item.list.items.length === 1) return [...setGroup(text, item.entry, group), ...renamed];
  const remove = itemSpan(text, item.list, item.itemIndex);
  if (!remove) return undefined;
  const names = stringsOf(item.entry.get('resourceNames', true));
  const target = item.entries.items.find(
    (e): e is EntryMap => isMap(e) && e !== item.entry && entryGroup(e as EntryMap) === group && sameSet(stringsOf((e as EntryMap).get('resourceNames', true)), names),
  );
  const drop = edit(remove.start, remove.end, '');
  if (target) {
    const list = target.get('resources', true);
    if (!isSeq(list) || list.items.length === 0) return [drop];
    const add = appendToSeq(text, list, resource);
    return add ? [drop, add] : undefined;
  }
  const add = newEntryAfter(text, item, group, resource);
  return add ? [drop, add] : undefined;
}

/** The entry's group set to `group`: its value replaced, or a `group:` key added in front. */
function setGroup(text: string, entry: EntryMap, group: string): TextEdit[] {
  const value = entry.get('group', true);
  if (isScalar(value) && value.range) return [scalarEdit(text, span(value.range[0], value.range[1]), group)];
  const first = entry.items[0]?.key as Node | null | undefined;
  if (!first?.range) return [];
  const at = first.range[0];
  const separator = entry.flow ? ', ' : `${lineBreak(text)}${' '.repeat(column(text, at))}`;
  return [edit(at, at, `group: ${yamlString(group)}${separator}`)];
}

/** A new entry right after the item's entry, written like it (flow or block, quotes, indentation). */
function newEntryAfter(text: string, item: ResourceItem, group: string, resource: string): TextEdit | undefined {
  const { entry, entries } = item;
  if (!entry.range) return undefined;
  const groupNode = entry.get('group', true) as Node | undefined;
  // An empty group is always quoted, so only a named group tells how this file quotes groups.
  const groupQuote = groupNode && entryGroup(entry) !== '' ? scalarQuote(text, groupNode) : '';
  const groupText = styledString(group, groupQuote);
  const resourceText = styledString(resource, quoteOf(text, item.list));
  const namesPair = entry.items.find((p: Pair<unknown, unknown>) => isScalar(p.key) && p.key.value === 'resourceNames');
  const namesText = namesPair ? pairText(text, entry, namesPair) : undefined;
  const listText = item.list.flow ? `[${resourceText}]` : undefined;
  if (entries.flow || entry.flow) {
    const body = `{group: ${groupText}, resources: [${resourceText}]${namesText ? `, ${namesText}` : ''}}`;
    if (entries.flow) return edit(entry.range[1], entry.range[1], `, ${body}`);
    const dash = dashOffset(entries, item.entryIndex);
    if (dash === undefined) return undefined;
    const at = nextLineStart(text, contentEnd(text, entry.range[2]));
    return edit(at, at, `${lineEnd(text, at)}${' '.repeat(column(text, dash))}- ${body}${lineBreak(text)}`);
  }
  const dash = dashOffset(entries, item.entryIndex);
  const firstKey = entry.items[0]?.key as Node | null | undefined;
  if (dash === undefined || !firstKey?.range || !item.list.range) return undefined;
  const nl = lineBreak(text);
  const keyIndent = ' '.repeat(column(text, firstKey.range[0]));
  const listDash = dashOffset(item.list, 0);
  const resourcesKey = entry.items.find((p: Pair<unknown, unknown>) => isScalar(p.key) && p.key.value === 'resources')?.key as Node | undefined;
  const nested = listDash !== undefined && resourcesKey?.range ? column(text, listDash) - column(text, resourcesKey.range[0]) : 0;
  const resourcesText = listText !== undefined ? `resources: ${listText}` : `resources:${nl}${keyIndent}${' '.repeat(Math.max(0, nested))}- ${resourceText}`;
  const lines = [`${' '.repeat(column(text, dash))}- group: ${groupText}`, `${keyIndent}${resourcesText}`, ...(namesText ? [`${keyIndent}${namesText}`] : [])];
  const at = nextLineStart(text, contentEnd(text, entry.range[2]));
  return edit(at, at, `${lineEnd(text, at)}${lines.join(nl)}${nl}`);
}

/** A line break when `at` is the end of a file that does not end with one. */
const lineEnd = (text: string, at: number): string => (at > 0 && !text.slice(0, at).endsWith('\n') ? lineBreak(text) : '');
