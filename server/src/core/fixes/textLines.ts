// Line arithmetic on the source text, for edits that must take whole lines (moving or deleting a rule
// with its comments) or copy a line's indentation.

export function lineStart(text: string, offset: number): number {
  let i = Math.min(offset, text.length);
  while (i > 0 && text[i - 1] !== '\n' && text[i - 1] !== '\r') i--;
  return i;
}

/** Offset just after the line break ending the line of `offset` (text length on the last line). */
export function nextLineStart(text: string, offset: number): number {
  let i = offset;
  while (i < text.length && text[i] !== '\n' && text[i] !== '\r') i++;
  if (text[i] === '\r' && text[i + 1] === '\n') return i + 2;
  return i < text.length ? i + 1 : i;
}

/** The column of `offset` in its line (offsets are UTF-16 like the rest of the core). */
export const column = (text: string, offset: number): number => offset - lineStart(text, offset);

/** Whether only spaces or tabs stand between the start of the line and `offset`. */
export const firstOnLine = (text: string, offset: number): boolean => /^[ \t]*$/.test(text.slice(lineStart(text, offset), offset));

/** The file's line break, so inserted lines match (CRLF files stay CRLF). */
export const lineBreak = (text: string): string => (/\r\n/.test(text) ? '\r\n' : '\n');

/** Offset after the last non-whitespace character before `end` (skips trailing blank lines). */
export function contentEnd(text: string, end: number): number {
  let i = Math.min(end, text.length);
  while (i > 0 && /\s/.test(text[i - 1] as string)) i--;
  return i;
}
