// The YAML scalar under the cursor, read from the text: a key (followed by `:`) or a plain or quoted
// value. Used where the model has no span (keys of `resources` entries and of the policy) and to
// tell a key from its value. Comments yield nothing.
export interface Token {
  /** The scalar without quotes. */
  readonly text: string;
  readonly start: number;
  readonly end: number;
  readonly isKey: boolean;
}

const STOP = /[\s,[\]{}]/;

export function tokenAt(text: string, offset: number): Token | undefined {
  const lineStart = text.lastIndexOf('\n', offset - 1) + 1;
  if (/(^|\s)#/.test(text.slice(lineStart, offset))) return undefined;
  let start = offset;
  while (start > lineStart && !STOP.test(text.charAt(start - 1))) start--;
  let end = offset;
  while (end < text.length && !STOP.test(text.charAt(end))) end++;
  let raw = text.slice(start, end);
  if (raw === '' || raw === '-') return undefined;
  let isKey = false;
  if (raw.endsWith(':')) {
    raw = raw.slice(0, -1);
    end--;
    isKey = true;
  }
  const quoted = /^(["'])(.*)\1$/.exec(raw);
  return { text: quoted ? (quoted[2] ?? '') : raw, start, end, isKey };
}
