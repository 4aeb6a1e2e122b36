// The one way a value from a policy (or any other text) enters generated ClickHouse SQL. A policy is
// user input: a quote, a backslash, a newline or a NUL in a name must stay inside its literal, and
// the literal must stand for exactly the string the core compares.

/**
 * A ClickHouse string literal holding exactly `s`, as UTF-8. Quote and backslash are escaped, control
 * characters are written as \xHH (the query stays one line per literal, a NUL stays a NUL). A lone
 * UTF-16 surrogate (possible in a JavaScript string, never in UTF-8) is written as its WTF-8 bytes:
 * no valid UTF-8 value equals it, just as no decoded event string equals it in the core.
 */
export function sqlString(s: string): string {
  let out = "'";
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c === 0x27) out += "\\'";
    else if (c === 0x5c) out += '\\\\';
    else if (c < 0x20 || c === 0x7f) out += `\\x${hex2(c)}`;
    else if (c >= 0xd800 && c <= 0xdbff && i + 1 < s.length && isLowSurrogate(s.charCodeAt(i + 1))) {
      out += s.slice(i, i + 2);
      i++;
    } else if (c >= 0xd800 && c <= 0xdfff) out += `\\x${hex2(0xe0 | (c >> 12))}\\x${hex2(0x80 | ((c >> 6) & 0x3f))}\\x${hex2(0x80 | (c & 0x3f))}`;
    else out += s[i];
  }
  return `${out}'`;
}

const isLowSurrogate = (c: number): boolean => c >= 0xdc00 && c <= 0xdfff;
const hex2 = (n: number): string => n.toString(16).toUpperCase().padStart(2, '0');

/** An Array(String) literal. */
export const sqlStringArray = (xs: readonly string[]): string => `CAST([${xs.map(sqlString).join(', ')}] AS Array(String))`;

/**
 * A column name as a quoted identifier (backticks; a backtick or backslash in the name is escaped),
 * so `--column` can name any column and can inject nothing.
 */
export function sqlIdentifier(name: string): string {
  return `\`${name.replace(/[`\\]/g, (c) => `\\${c}`).replace(/[\u0000-\u001f\u007f]/g, (c) => `\\x${hex2(c.charCodeAt(0))}`)}\``;
}
