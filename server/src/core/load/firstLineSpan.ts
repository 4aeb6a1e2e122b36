// Readable locations for findings about something absent or empty (a missing key, an empty rule
// `-`, an error at the end of the file): never an empty range, which editors barely show.
import { span, type Span } from '../span.ts';

/** The rest of the line at `offset`, or one character when that is empty; at the end of the text,
 * the last line that has any text. */
export function firstLineSpan(text: string, offset: number): Span {
  const clamped = Math.max(0, Math.min(offset, text.length));
  if (clamped === text.length) return lastLineSpan(text);
  const start = clamped;
  let end = start;
  while (end < text.length && text[end] !== '\n' && text[end] !== '\r') end++;
  return span(start, end > start ? end : Math.min(start + 1, text.length));
}

/** `s` itself, or when it is empty the text of its line (without indentation). */
export function nonEmptySpan(text: string, s: Span): Span {
  if (s.end > s.start) return s;
  let lineStart = s.start;
  while (lineStart > 0 && text[lineStart - 1] !== '\n' && text[lineStart - 1] !== '\r') lineStart--;
  while (lineStart < s.start && (text[lineStart] === ' ' || text[lineStart] === '\t')) lineStart++;
  const line = firstLineSpan(text, lineStart);
  return line.end > line.start ? line : firstLineSpan(text, s.start);
}

function lastLineSpan(text: string): Span {
  let end = text.length;
  while (end > 0 && /\s/.test(text[end - 1] as string)) end--;
  if (end === 0) return span(0, Math.min(1, text.length));
  let start = end - 1;
  while (start > 0 && text[start - 1] !== '\n' && text[start - 1] !== '\r') start--;
  while (start < end - 1 && (text[start] === ' ' || text[start] === '\t')) start++;
  return span(start, end);
}
