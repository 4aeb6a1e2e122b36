// Adds one item at the end of an existing list, in the list's style: `[a, b]` gets `, c`; a block
// list gets a `- c` line at the column of its other dashes.
import { isSeq, type Node, type YAMLSeq } from 'yaml';
import { edit, type TextEdit } from './fix.ts';
import { styledString } from './scalarEdit.ts';
import { column, contentEnd, lineBreak, nextLineStart } from './textLines.ts';
import { dashOffset, scalarQuote } from './yamlSource.ts';

/** The quote character the list's first item uses (so a new item looks like its neighbours). */
export const quoteOf = (text: string, seq: YAMLSeq<unknown> | undefined): string => {
  const first = seq?.items[0] as Node | undefined;
  return first ? scalarQuote(text, first) : '"';
};

export function appendToSeq(text: string, seq: unknown, value: string): TextEdit | undefined {
  if (!isSeq(seq) || !seq.range) return undefined;
  const s = seq as YAMLSeq<Node>;
  const open = seq.range[0] + 1;
  const item = styledString(value, quoteOf(text, s));
  const last = s.items[s.items.length - 1];
  if (s.flow) {
    if (!last?.range) return edit(open, open, item);
    return edit(last.range[1], last.range[1], `, ${item}`);
  }
  const dash = dashOffset(s, s.items.length - 1);
  if (!last?.range || dash === undefined) return undefined;
  const at = nextLineStart(text, contentEnd(text, last.range[2]));
  const nl = lineBreak(text);
  const before = text.slice(0, at).endsWith('\n') ? '' : nl;
  return edit(at, at, `${before}${' '.repeat(column(text, dash))}- ${item}${before === '' ? nl : ''}`);
}
