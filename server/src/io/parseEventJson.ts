// The text of `explain --event` read as one JSON value, with an error a person can act on: where
// the JSON breaks (line and column, found by our own scan since JSON.parse does not always say),
// or that the file holds several values (a log: use replay).

export type ParsedJson = { readonly ok: true; readonly value: unknown } | { readonly ok: false; readonly error: string };

export function parseEventJson(text: string): ParsedJson {
  if (text.trim() === '') return { ok: false, error: 'is empty; expected one audit Event as a JSON object' };
  try {
    return { ok: true, value: JSON.parse(text) };
  } catch {
    const { offset, problem } = firstJsonError(text);
    if (problem === 'more') {
      return { ok: false, error: `has more text after the first JSON value (at ${lineColumn(text, offset)}); --event takes one Event; for a log use 'kube-audit-policy replay'` };
    }
    return { ok: false, error: `is not valid JSON at ${lineColumn(text, offset)}: ${problem}` };
  }
}

function lineColumn(text: string, offset: number): string {
  const before = text.slice(0, offset);
  return `line ${before.split('\n').length}, column ${offset - (before.lastIndexOf('\n') + 1) + 1}`;
}

const WS = new Set([' ', '\t', '\n', '\r']);
const LITERALS = ['true', 'false', 'null'];
const NUMBER = /-?(0|[1-9]\d*)(\.\d+)?([eE][+-]?\d+)?/y;
const QUOTE = 0x22;
const BACKSLASH = 0x5c;

interface JsonError {
  readonly offset: number;
  readonly problem: string;
}

/** Scans the JSON grammar with an explicit stack (no recursion on hostile nesting). */
function firstJsonError(s: string): JsonError {
  let i = 0;
  const stack: ('[' | '{')[] = [];
  const skip = (): void => {
    while (i < s.length && WS.has(s[i] as string)) i++;
  };
  const describe = (): string => (i >= s.length ? 'the text ends' : `found ${JSON.stringify(s[i])}`);
  const string = (): string | null => {
    i++;
    while (i < s.length) {
      const c = s.charCodeAt(i);
      if (c === QUOTE) {
        i++;
        return null;
      }
      if (c < 32) return 'a control character inside a string (write \\n, \\t, ...)';
      if (c === BACKSLASH) {
        const e = s[i + 1] ?? '';
        if (e === 'u' ? !/^[0-9a-fA-F]{4}$/.test(s.slice(i + 2, i + 6)) : !'"\\/bfnrt'.includes(e) || e === '') return 'an invalid escape in a string';
        i += e === 'u' ? 6 : 2;
      } else i++;
    }
    return 'the text ends inside a string';
  };
  /** A property name and its ':' (white space before it already skipped). */
  const propertyName = (): JsonError | null => {
    if (s[i] !== '"') return { offset: i, problem: `expected a property name in double quotes, ${describe()}` };
    const e = string();
    if (e) return { offset: i, problem: e };
    skip();
    if (s[i] !== ':') return { offset: i, problem: `expected ':' after the property name, ${describe()}` };
    i++;
    return null;
  };
  // Each turn reads one value, then the separators and closers after it.
  for (;;) {
    skip();
    const c = s[i];
    if (c === '{' || c === '[') {
      stack.push(c);
      i++;
      skip();
      if (c === '{' && s[i] === '}') i++;
      else if (c === '[' && s[i] === ']') i++;
      else {
        if (c === '{') {
          const e = propertyName();
          if (e) return e;
        }
        continue;
      }
      stack.pop();
    } else if (c === '"') {
      const e = string();
      if (e) return { offset: i, problem: e };
    } else if (c !== undefined && (c === '-' || (c >= '0' && c <= '9'))) {
      NUMBER.lastIndex = i;
      const m = NUMBER.exec(s);
      if (!m) return { offset: i, problem: 'an invalid number' };
      i += m[0].length;
    } else {
      const lit = LITERALS.find((l) => s.startsWith(l, i));
      if (!lit) return { offset: i, problem: `expected a JSON value, ${describe()}` };
      i += lit.length;
    }
    // Separators and closers after a value.
    for (;;) {
      skip();
      const top = stack[stack.length - 1];
      if (top === undefined) return i < s.length ? { offset: i, problem: 'more' } : { offset: i, problem: 'the JSON could not be read' };
      const close = top === '{' ? '}' : ']';
      if (s[i] === close) {
        stack.pop();
        i++;
        continue;
      }
      if (s[i] !== ',') return { offset: i, problem: `expected ',' or '${close}', ${describe()}` };
      i++;
      if (top === '{') {
        skip();
        const e = propertyName();
        if (e) return e;
      }
      break;
    }
  }
}
