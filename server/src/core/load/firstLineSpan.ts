// A readable location for findings about something absent (a missing key, an empty file): the
// rest of the line at `offset`, or one character when that line is empty.
import { span, type Span } from '../span.ts';

export function firstLineSpan(text: string, offset: number): Span {
  const start = Math.max(0, Math.min(offset, text.length));
  let end = start;
  while (end < text.length && text[end] !== '\n' && text[end] !== '\r') end++;
  return span(start, end > start ? end : Math.min(start + 1, text.length));
}
