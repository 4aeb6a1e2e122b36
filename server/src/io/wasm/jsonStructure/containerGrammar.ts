// An object or array inside an event, checked as JSON.parse checks it (for the walk, walk.ts):
// keys, colons, commas and brackets in JSON's order, strings, numbers and literals as grammar.ts
// checks them, at most MAX_DEPTH deep. One loop over the tokens, the open brackets on a stack
// (STACK): no call per container.
import { MAX_DEPTH, STACK, VECTOR } from '../layout';
import { scalarEnd, stringEndIn } from './grammar';
import { BRACKET_FOLD, COMMA, COLON, OPEN_BRACE, QUOTE, SPACE, skipSpace, spaceAfter, stopBits } from './text';

/**
 * Index after the object or array at p (its bracket, before e), checked, or -1; `depth`
 * containers hold it (its brackets go on the stack from there). Spaces are looked for where a
 * token is not found (compact JSON has none).
 */
export function checkedContainerEnd(p: i32, e: i32, depth: i32): i32 {
  const outer = depth;
  // The string stops of the 16 bytes at `block`, as bits (see stringEndIn).
  let block = -VECTOR;
  let stops = 0;
  // The next token is a key (in an object, after "{" or ",").
  let key = false;
  // At p: a value (or the spaces before it), or a key.
  while (p < e) {
    const c: i32 = load<u8>(p);
    if (c == QUOTE) {
      // The block read for a string is kept for the strings after it.
      if (++p - block >= VECTOR) stops = stopBits((block = p));
      p = stringEndIn(p, e, block, stops, true);
      if (p < 0) return -1;
      if (key) {
        key = false;
        if (<i32>load<u8>(p) != COLON) {
          p = skipSpace(p, e);
          if (p >= e || <i32>load<u8>(p) != COLON) return -1;
        }
        p++;
        continue;
      }
    } else if ((c | BRACKET_FOLD) == OPEN_BRACE) {
      if (depth == MAX_DEPTH) return -1;
      store<u8>(STACK + depth++, c);
      p = spaceAfter(p + 1, e);
      if (p >= e) return -1;
      // Not empty (its closing bracket is 2 above it): at its first member or item.
      if (<i32>load<u8>(p) != c + 2) {
        if (c == OPEN_BRACE) {
          if (<i32>load<u8>(p) != QUOTE) return -1;
          key = true;
        }
        continue;
      }
      p++;
      depth--;
    } else if (c <= SPACE) {
      p = skipSpace(p, e);
      // A control character that is not a space (or, within a line, a newline).
      if (p >= e || <i32>load<u8>(p) <= SPACE) return -1;
      continue;
    } else {
      p = scalarEnd(p, e);
      if (p < 0) return -1;
    }
    // A value ended at p: containers close, or a "," leads to the next value or key.
    for (;;) {
      if (depth == outer) return p;
      if (p >= e) return -1;
      let d: i32 = load<u8>(p);
      if (d <= SPACE) {
        p = skipSpace(p, e);
        if (p >= e) return -1;
        d = load<u8>(p);
      }
      const open: i32 = load<u8>(STACK + depth - 1);
      if (d == COMMA) {
        p++;
        if (open == OPEN_BRACE) {
          p = spaceAfter(p, e);
          if (p >= e || <i32>load<u8>(p) != QUOTE) return -1;
          key = true;
        }
        break;
      }
      if (d != open + 2) return -1;
      p++;
      depth--;
    }
  }
  return -1;
}
