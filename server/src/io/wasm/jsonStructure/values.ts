// Where a JSON string, container or value ends, as the splitters read it: by structure, not
// grammar. Strings are terminated and hold no raw control character, brackets match (up to
// MAX_DEPTH deep). Whatever fails gives -1. grammar.ts checks values as JSON.parse does, for the
// walk.
import { MAX_DEPTH, STACK, VECTOR } from '../layout';
import { literalEnd } from './grammar';
import { BACKSLASH, BRACKET_FOLD, CLOSE_BRACE, OPEN_BRACE, QUOTE, SPACE, splat, stringStop, stringStopLanes } from './text';

/** Index after the string whose content starts at p (after its opening quote), or -1. */
export function stringEnd(p: i32, e: i32): i32 {
  while ((p = stringStop(p, e)) >= 0) {
    const c: i32 = load<u8>(p);
    if (c == QUOTE) return p + 1;
    if (c < SPACE) return -1;
    // A backslash: the byte after it is escaped, whatever it is.
    p += 2;
  }
  return -1;
}

/**
 * Index after the object or array that starts at p (its bracket), or -1. Each 16-byte block gives
 * the bits of the bytes that matter (quotes, backslashes, control characters, brackets), and only
 * those are visited, inside or outside a string.
 */
export function containerEnd(p: i32, e: i32): i32 {
  let depth = 0;
  let inString = false;
  for (; p < e; p += VECTOR) {
    const v = v128.load(p);
    const folded = v128.or(v, splat(BRACKET_FOLD));
    const brackets = v128.or(i8x16.eq(folded, splat(OPEN_BRACE)), i8x16.eq(folded, splat(CLOSE_BRACE)));
    let bits = i8x16.bitmask(v128.or(stringStopLanes(v), brackets));
    while (bits != 0) {
      const i = ctz(bits);
      bits &= bits - 1;
      const j = p + i;
      // Past e: the bytes are not the input's, and the container did not close in it.
      if (j >= e) return -1;
      const c: i32 = load<u8>(j);
      if (inString) {
        if (c == QUOTE) {
          inString = false;
        } else if (c == BACKSLASH) {
          // The byte after a backslash is escaped, whatever it is: its bit is dropped, or (the
          // block's last byte escapes the next block's first) the next block starts after it.
          if (i == VECTOR - 1) {
            p++;
            break;
          }
          bits &= ~(2 << i);
        } else if (c < SPACE) {
          return -1;
        }
        continue;
      }
      if (c == QUOTE) {
        inString = true;
        continue;
      }
      const bracket = c | BRACKET_FOLD;
      if (bracket == OPEN_BRACE) {
        if (depth == MAX_DEPTH) return -1;
        store<u8>(STACK + depth, c);
        depth++;
        continue;
      }
      // A backslash or control character outside strings is not structure (spaces are allowed;
      // anything else is left for JSON.parse to reject, as other stray bytes are).
      if (bracket != CLOSE_BRACE) continue;
      // A closing bracket matches the opening one 2 below it.
      if (depth == 0) return -1;
      depth--;
      if (<i32>load<u8>(STACK + depth) != c - 2) return -1;
      if (depth == 0) return j + 1;
    }
  }
  return -1;
}

/** Index after the value that starts at p, or -1. Numbers are a run of their characters, not their full grammar. */
export function valueEnd(p: i32, e: i32): i32 {
  if (p >= e) return -1;
  const c: i32 = load<u8>(p);
  if (c == QUOTE) return stringEnd(p + 1, e);
  if ((c | BRACKET_FOLD) == OPEN_BRACE) return containerEnd(p, e);
  const l = literalEnd(p, e);
  if (l >= 0) return l;
  let i = p;
  for (; i < e; i++) {
    const d: i32 = load<u8>(i);
    // 0-9 + - . e E
    if (!((d >= 0x30 && d <= 0x39) || d == 0x2b || d == 0x2d || d == 0x2e || (d | 0x20) == 0x65)) break;
  }
  return i == p ? -1 : i;
}
