// The parts of k8s.io/apimachinery pkg/fields (ParseSelector, RequiresExactMatch) that decide
// which object name a list or watch request is limited to (fieldSelector=metadata.name=NAME).

export interface FieldTerm {
  readonly field: string;
  /** "=" and "==" are the same term; "!=" never pins a value. */
  readonly op: '=' | '!=';
  readonly value: string;
}

export type FieldSelectorResult = { readonly ok: true; readonly terms: readonly FieldTerm[] } | { readonly ok: false; readonly error: string };

/** Go's sort.Strings order (bytes of UTF-8, which is code point order). */
function compareCodePoints(a: string, b: string): number {
  const x = [...a];
  const y = [...b];
  for (let i = 0; i < Math.min(x.length, y.length); i++) {
    const d = (x[i] as string).codePointAt(0)! - (y[i] as string).codePointAt(0)!;
    if (d !== 0) return d;
  }
  return x.length - y.length;
}

/** Splits on commas not escaped by a backslash; the backslashes stay for unescapeValue. */
function splitTerms(s: string): string[] {
  if (s === '') return [];
  const terms: string[] = [];
  let start = 0;
  let inSlash = false;
  for (let i = 0; i < s.length; i++) {
    const c = s[i];
    if (inSlash) inSlash = false;
    else if (c === '\\') inSlash = true;
    else if (c === ',') {
      terms.push(s.slice(start, i));
      start = i + 1;
    }
  }
  terms.push(s.slice(start));
  return terms;
}

function unescapeValue(s: string): string | { error: string } {
  let out = '';
  let inSlash = false;
  for (const c of s) {
    if (inSlash) {
      if (c !== '\\' && c !== ',' && c !== '=') return { error: `invalid field selector: invalid escape sequence: \\${c}` };
      out += c;
      inSlash = false;
    } else if (c === '\\') inSlash = true;
    else if (c === ',' || c === '=') return { error: `invalid field selector: unescaped character: ${c}` };
    else out += c;
  }
  return inSlash ? { error: 'invalid field selector: invalid escape sequence: \\' } : out;
}

/** Terms in the order Go keeps them (sorted as strings), or the parse error. */
export function parseFieldSelector(selector: string): FieldSelectorResult {
  const terms: FieldTerm[] = [];
  for (const part of splitTerms(selector).sort(compareCodePoints)) {
    if (part === '') continue;
    // The first operator occurrence splits the term; "!=" and "==" are tried before "=".
    const m = /!=|==|=/.exec(part);
    if (!m) return { ok: false, error: `invalid selector: '${selector}'; can't understand '${part}'` };
    const value = unescapeValue(part.slice(m.index + m[0].length));
    if (typeof value !== 'string') return { ok: false, error: value.error };
    terms.push({ field: part.slice(0, m.index), op: m[0] === '!=' ? '!=' : '=', value });
  }
  return { ok: true, terms };
}

/** The value the first "field=value" term pins, if any (Selector.RequiresExactMatch). */
export function requiresExactMatch(terms: readonly FieldTerm[], field: string): string | undefined {
  return terms.find((t) => t.op === '=' && t.field === field)?.value;
}
