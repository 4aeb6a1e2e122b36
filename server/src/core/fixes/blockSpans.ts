// The text that belongs to one list item or one key of a mapping, so it can be deleted, moved or
// copied with its comments and without leaving a stray `-`, comma or blank line behind.
import type { Node, Pair, YAMLMap, YAMLSeq } from 'yaml';
import { span, type Span } from '../span.ts';
import { contentEnd, firstOnLine, lineStart, nextLineStart } from './textLines.ts';
import { dashOffset } from './yamlSource.ts';

const COMMENT_LINE = /^[ \t]*#/;

/** Whole lines of a block list item: comment lines directly above it, its `-` line, up to its last line. */
export function blockItemLines(text: string, seq: YAMLSeq<unknown>, index: number): Span | undefined {
  const dash = dashOffset(seq, index);
  const node = seq.items[index] as Node | undefined;
  if (dash === undefined || !node?.range || !firstOnLine(text, dash)) return undefined;
  let start = lineStart(text, dash);
  while (start > 0) {
    const above = lineStart(text, start - 1);
    if (!COMMENT_LINE.test(text.slice(above, start))) break;
    start = above;
  }
  return span(start, nextLineStart(text, contentEnd(text, node.range[2])));
}

/** A flow list item with the separator after it (or before it, for the last item). */
export function flowItemSpan(text: string, seq: YAMLSeq<unknown>, index: number): Span | undefined {
  const node = seq.items[index] as Node | undefined;
  if (!node?.range) return undefined;
  const next = seq.items[index + 1] as Node | undefined;
  if (next?.range) return span(node.range[0], next.range[0]);
  const prev = seq.items[index - 1] as Node | undefined;
  if (prev?.range) return span(contentEnd(text, prev.range[1]), contentEnd(text, node.range[1]));
  return span(node.range[0], node.range[1]);
}

/** What to delete to remove list item `index`, in either style. */
export function itemSpan(text: string, seq: YAMLSeq<unknown>, index: number): Span | undefined {
  return seq.flow ? flowItemSpan(text, seq, index) : blockItemLines(text, seq, index);
}

/**
 * What to delete to remove one key with its value. In a block mapping: its lines, or, when it sits
 * right after a `- `, everything up to the next key so that key takes its place on the `- ` line.
 */
export function pairSpan(text: string, map: YAMLMap<unknown, unknown>, pair: Pair<unknown, unknown>): Span | undefined {
  const index = map.items.indexOf(pair);
  const key = pair.key as Node | null;
  const value = pair.value as Node | null;
  if (index < 0 || !key?.range) return undefined;
  const end = value?.range ? value.range[2] : key.range[2];
  const next = map.items[index + 1]?.key as Node | null | undefined;
  if (map.flow) {
    if (next?.range) return span(key.range[0], next.range[0]);
    const prev = map.items[index - 1];
    const prevEnd = (prev?.value as Node | null)?.range?.[1] ?? (prev?.key as Node | null)?.range?.[1];
    return span(prevEnd !== undefined ? contentEnd(text, prevEnd) : key.range[0], contentEnd(text, end));
  }
  if (firstOnLine(text, key.range[0])) return span(lineStart(text, key.range[0]), nextLineStart(text, contentEnd(text, end)));
  if (next?.range) return span(key.range[0], next.range[0]);
  return span(key.range[0], contentEnd(text, end));
}

/** A key with its value as written, without separators (block values keep their lines and indentation). */
export function pairText(text: string, map: YAMLMap<unknown, unknown>, pair: Pair<unknown, unknown>): string | undefined {
  const key = pair.key as Node | null;
  const s = pairSpan(text, map, pair);
  if (!key?.range || !s) return undefined;
  return text.slice(key.range[0], contentEnd(text, s.end)).replace(/,\s*$/, '');
}
