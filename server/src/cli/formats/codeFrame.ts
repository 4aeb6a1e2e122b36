// The source line under a finding with carets below the offending text, as compilers show it:
//
//    7 |   verb: [get]
//      |   ^^^^
//
// The line is made printable (a control character shows as \uXXXX, and the carets move with it),
// tabs show as one space so the carets stay under the text, and a long line (a policy written in
// one flow line) is cut to a window around the carets.
import type { LineIndex, Range } from '../../core/span.ts';
import { printable } from '../printable.ts';

/** Characters of the source shown before and after the carets at most. */
const BEFORE = 40;
const WIDTH = 120;

export interface FrameStyle {
  /** The gutter ("7 |"). */
  readonly gutter: (s: string) => string;
  /** The carets. */
  readonly carets: (s: string) => string;
}

/** `gutterWidth`: digits of the widest line number in the group, so the bars line up. */
export function codeFrame(text: string, lines: LineIndex, range: Range, gutterWidth: number, style: FrameStyle): string[] {
  const lineStart = lines.offset({ line: range.start.line, character: 0 });
  let lineEnd = lineStart;
  while (lineEnd < text.length && text[lineEnd] !== '\n' && text[lineEnd] !== '\r') lineEnd++;
  const line = text.slice(lineStart, lineEnd).replace(/\t/g, ' ');
  const start = Math.min(range.start.character, line.length);
  const end = range.end.line === range.start.line ? Math.min(range.end.character, line.length) : line.length;
  const from = Math.max(0, start - BEFORE);
  const to = Math.min(line.length, Math.max(end, from + WIDTH));
  const shown = (a: number, b: number): string => printable(line.slice(a, b));
  const head = from > 0 ? '…' : '';
  const tail = to < line.length ? '…' : '';
  const body = `${head}${shown(from, to)}${tail}`.trimEnd();
  const caretAt = head.length + shown(from, start).length;
  const caretCount = Math.max(1, shown(start, Math.min(end, to)).length);
  const number = String(range.start.line + 1).padStart(gutterWidth);
  const blank = ' '.repeat(gutterWidth);
  return [`${style.gutter(`${number} |`)}${body === '' ? '' : ` ${body}`}`, `${style.gutter(`${blank} |`)} ${' '.repeat(caretAt)}${style.carets('^'.repeat(caretCount))}`];
}
