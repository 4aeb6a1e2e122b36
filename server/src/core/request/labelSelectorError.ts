// Whether a labelSelector query value parses (k8s.io/apimachinery pkg/labels: Lexer, Parser,
// NewRequirement). The server only needs the verdict here: when it fails, the whole list-options
// decode fails and the metadata.name field selector is ignored.
import { isInt64 } from './isInt64.ts';

type Tok = 'end' | 'id' | 'in' | 'notin' | '!' | '!=' | '=' | '==' | '>' | '<' | '(' | ')' | ',';
interface Item {
  readonly tok: Tok;
  readonly lit: string;
}

const SYMBOLS: ReadonlySet<string> = new Set(['!', '!=', '=', '==', '>', '<', '(', ')', ',']);
const isWhitespace = (c: string): boolean => c === ' ' || c === '\t' || c === '\r' || c === '\n';
const isSpecial = (c: string): boolean => c.length === 1 && '=!(),<>'.includes(c);

/** The lexer reads "\0" for the end of input, so a NUL byte in the value also reads as 0. */
function lex(s: string): Item[] {
  let pos = 0;
  const read = (): string => (pos < s.length ? s[pos++] as string : '\0');
  const items: Item[] = [];
  for (;;) {
    let ch = read();
    while (isWhitespace(ch)) ch = read();
    if (ch === '\0') {
      items.push({ tok: 'end', lit: '' });
      return items;
    }
    pos--;
    if (isSpecial(ch)) {
      let buffer = '';
      let last: Tok | null = null;
      for (;;) {
        const c = read();
        if (c === '\0') break;
        if (!isSpecial(c)) {
          pos--;
          break;
        }
        buffer += c;
        if (SYMBOLS.has(buffer)) last = buffer as Tok;
        else if (last !== null) {
          pos--;
          break;
        }
      }
      items.push({ tok: last as Tok, lit: last as string });
    } else {
      let lit = '';
      for (;;) {
        const c = read();
        if (c === '\0') break;
        if (isSpecial(c) || isWhitespace(c)) {
          pos--;
          break;
        }
        lit += c;
      }
      items.push({ tok: lit === 'in' || lit === 'notin' ? lit : 'id', lit });
    }
  }
}

const LABEL_NAME = /^([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]$/;
const LABEL_VALUE = /^(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?$/;
const DNS_SUBDOMAIN = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;

/** IsQualifiedName: [DNS subdomain "/"] name of at most 63 characters. */
function keyError(k: string): string | undefined {
  const parts = k.split('/');
  const name = parts[parts.length - 1] as string;
  if (parts.length > 2) return `invalid label key ${JSON.stringify(k)}: at most one "/"`;
  if (parts.length === 2) {
    const prefix = parts[0] as string;
    if (prefix === '' || prefix.length > 253 || !DNS_SUBDOMAIN.test(prefix)) return `invalid label key ${JSON.stringify(k)}: bad prefix`;
  }
  if (name.length > 63 || !LABEL_NAME.test(name)) return `invalid label key ${JSON.stringify(k)}`;
  return undefined;
}

const valueError = (v: string): string | undefined =>
  v.length > 63 || !LABEL_VALUE.test(v) ? `invalid label value ${JSON.stringify(v)}` : undefined;

/** An error message when labels.Parse rejects the selector, else undefined. */
export function labelSelectorError(selector: string): string | undefined {
  const items = lex(selector);
  let p = 0;
  // In the values context the keywords "in" and "notin" are plain identifiers.
  const look = (): Item => {
    const it = items[p] as Item;
    return it.tok === 'in' || it.tok === 'notin' ? { tok: 'id', lit: it.lit } : it;
  };
  const take = (asValue: boolean): Item => {
    const it = items[p++] as Item;
    return asValue && (it.tok === 'in' || it.tok === 'notin') ? { tok: 'id', lit: it.lit } : it;
  };

  const requirement = (): string | undefined => {
    let t = take(true);
    const negated = t.tok === '!';
    if (negated) t = take(true);
    if (t.tok !== 'id') return `found '${t.lit}', expected: identifier`;
    const key = t.lit;
    const ke = keyError(key);
    if (ke) return ke;
    const next = look().tok;
    if (negated || next === 'end' || next === ',') {
      // "!key" followed by anything but the end or a comma fails at the top level.
      return undefined;
    }
    const op = take(false);
    let values: string[];
    if (op.tok === 'in' || op.tok === 'notin') {
      const open = take(true);
      if (open.tok !== '(') return `found '${open.lit}' expected: '('`;
      const first = look();
      if (first.tok === ')') {
        take(true);
        values = [''];
      } else if (first.tok === 'id' || first.tok === ',') {
        const set = new Set<string>();
        for (;;) {
          const v = take(true);
          if (v.tok === 'id') {
            set.add(v.lit);
            const n = look().tok;
            if (n === ',') continue;
            if (n === ')') break;
            return `found '${look().lit}', expected: ',' or ')'`;
          }
          if (v.tok !== ',') return `found '${v.lit}', expected: ',', or identifier`;
          if (set.size === 0) set.add('');
          const n = look().tok;
          if (n === ')') {
            set.add('');
            break;
          }
          if (n === ',') set.add('');
        }
        take(true);
        values = [...set];
      } else return `found '${first.lit}', expected: ',', ')' or identifier`;
    } else if (op.tok === '=' || op.tok === '==' || op.tok === '!=' || op.tok === '>' || op.tok === '<') {
      const n = look();
      if (n.tok === 'end' || n.tok === ',') values = [''];
      else {
        const v = take(true);
        if (v.tok !== 'id') return `found '${v.lit}', expected: identifier`;
        values = [v.lit];
      }
      if ((op.tok === '>' || op.tok === '<') && !isInt64(values[0] as string)) return `for 'Gt', 'Lt' operators, the value must be an integer`;
    } else return `found '${op.lit}', expected: in, notin, =, ==, !=, gt, lt`;
    for (const v of values) {
      const ve = valueError(v);
      if (ve) return ve;
    }
    return undefined;
  };

  for (;;) {
    const t = look();
    if (t.tok === 'end') return undefined;
    if (t.tok !== 'id' && t.tok !== '!') return `found '${t.lit}', expected: !, identifier, or 'end of string'`;
    const e = requirement();
    if (e) return `unable to parse requirement: ${e}`;
    const sep = take(true);
    if (sep.tok === 'end') return undefined;
    if (sep.tok !== ',') return `found '${sep.lit}', expected: ',' or 'end of string'`;
    const after = look().tok;
    if (after !== 'id' && after !== '!') return `found '${look().lit}', expected: identifier after ','`;
  }
}
