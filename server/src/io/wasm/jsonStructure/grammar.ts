// Values checked as JSON.parse checks them, for the walk (walk.ts): an event taken without
// JSON.parse must be one JSON.parse takes. Strings hold only JSON's escapes, numbers and literals
// follow JSON's grammar, objects and arrays are read token by token (keys, colons, commas, spaces),
// at most MAX_DEPTH deep. Whatever fails gives -1, and JSON.parse decides (and says why).
// values.ts answers the splitters' looser question: where a value ends by its structure.
import { MAX_DEPTH, STACK } from '../layout';
import { BRACKET_FOLD, COLON, COMMA, OPEN_BRACE, QUOTE, SPACE, skipSpace, spaceAfter, stringStop } from './text';

/** The bytes that may follow a backslash, "u" aside, as bits: of bytes 0-63, then of bytes 64-127. */
const ESCAPES_LOW: u64 =
  (<u64>1 << 0x22) | // "
  (<u64>1 << 0x2f); // /
const ESCAPES_HIGH: u64 =
  (<u64>1 << (0x5c - 64)) | // \
  (<u64>1 << (0x62 - 64)) | // b
  (<u64>1 << (0x66 - 64)) | // f
  (<u64>1 << (0x6e - 64)) | // n
  (<u64>1 << (0x72 - 64)) | // r
  (<u64>1 << (0x74 - 64)); // t
const U = 0x75;

@inline
function isDigit(c: i32): bool {
  return <u32>(c - 0x30) < 10;
}

@inline
function isHex(c: i32): bool {
  return isDigit(c) || <u32>((c | 0x20) - 0x61) < 6;
}

/** Index after the \uXXXX whose backslash is at p, or -1. */
function unicodeEscapeEnd(p: i32): i32 {
  return isHex(load<u8>(p, 2)) && isHex(load<u8>(p, 3)) && isHex(load<u8>(p, 4)) && isHex(load<u8>(p, 5)) ? p + 6 : -1;
}

/**
 * Index after the escape whose backslash is at p, or -1 when it is none of JSON's (\" \\ \/ \b \f
 * \n \r \t \uXXXX): a backslash before a newline is none, so a string never runs on into the next
 * line. Its bytes may lie past the input's end (the room after it is readable): the caller's
 * search for the string's end from there finds none.
 */
@inline
function escapeEnd(p: i32): i32 {
  const c: i32 = load<u8>(p, 1);
  if (c == U) return unicodeEscapeEnd(p);
  const escapes = c < 64 ? ESCAPES_LOW : ESCAPES_HIGH;
  return c < 128 && ((escapes >> <u64>(c & 63)) & 1) != 0 ? p + 2 : -1;
}

/**
 * Index after the string whose content starts at p (after its opening quote), or -1: it ends
 * before e and holds no raw control character. `checked`: only JSON's escapes; else a backslash
 * escapes the byte after it, whatever it is (the structure, as the splitters read it).
 */
@inline
export function skipString(p: i32, e: i32, checked: bool): i32 {
  while ((p = stringStop(p, e)) >= 0) {
    const c: i32 = load<u8>(p);
    if (c == QUOTE) return p + 1;
    if (c < SPACE) return -1;
    p = checked ? escapeEnd(p) : p + 2;
    if (p < 0) return -1;
  }
  return -1;
}

const TRUE = 0x65757274;
const NULL = 0x6c6c756e;
/** "fals", then an "e". */
const FALS = 0x736c6166;
const E = 0x65;

/** Whether the word w (little-endian) begins the bytes at p; `length` of them must lie before e. */
@inline
function literal(p: i32, e: i32, w: i32, length: i32): bool {
  return p + length <= e && load<i32>(p) == w;
}

/** Index after the true, false or null at p (before e), or -1. */
@inline
export function literalEnd(p: i32, e: i32): i32 {
  if (literal(p, e, TRUE, 4) || literal(p, e, NULL, 4)) return p + 4;
  return literal(p, e, FALS, 5) && <i32>load<u8>(p, 4) == E ? p + 5 : -1;
}

const MINUS = 0x2d;
const PLUS = 0x2b;
const DOT = 0x2e;
const ZERO = 0x30;

/** Index after the digits from p (none: p). */
@inline
function digitsEnd(p: i32, e: i32): i32 {
  while (p < e && isDigit(load<u8>(p))) p++;
  return p;
}

/** Index after the number at p (before e) by JSON's grammar, -?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)?, or -1. */
function numberEnd(p: i32, e: i32): i32 {
  if (<i32>load<u8>(p) == MINUS) p++;
  if (p >= e || !isDigit(load<u8>(p))) return -1;
  // A leading 0 is the whole integer part.
  p = <i32>load<u8>(p) == ZERO ? p + 1 : digitsEnd(p + 1, e);
  if (p < e && <i32>load<u8>(p) == DOT) {
    const fraction = ++p;
    p = digitsEnd(p, e);
    if (p == fraction) return -1;
  }
  if (p < e && (<i32>load<u8>(p) | 0x20) == E) {
    p++;
    if (p < e && (<i32>load<u8>(p) == PLUS || <i32>load<u8>(p) == MINUS)) p++;
    const exponent = p;
    p = digitsEnd(p, e);
    if (p == exponent) return -1;
  }
  return p;
}

/** Index after the number or literal at p (before e), or -1. */
export function scalarEnd(p: i32, e: i32): i32 {
  const l = literalEnd(p, e);
  return l >= 0 ? l : numberEnd(p, e);
}

/** At a member's key (p before e): the index of its value (after the key, ":" and spaces), or -1. */
@inline
function memberValue(p: i32, e: i32): i32 {
  if (<i32>load<u8>(p) != QUOTE) return -1;
  p = skipString(p + 1, e, true);
  if (p < 0) return -1;
  // Spaces are rare: asked for once the byte is not the colon.
  if (<i32>load<u8>(p) != COLON) {
    p = skipSpace(p, e);
    if (p >= e || <i32>load<u8>(p) != COLON) return -1;
  }
  return p + 1;
}

/**
 * Index after the object or array at p (its bracket, before e), checked, or -1; `depth`
 * containers hold it. One loop over the tokens, the open brackets on a stack (STACK from `depth`
 * on): no call per container, and no depth but MAX_DEPTH. Spaces are looked for where a token is
 * not found (compact JSON has none).
 */
export function checkedContainerEnd(p: i32, e: i32, depth: i32): i32 {
  const outer = depth;
  // At p: a value, or spaces before it.
  while (p < e) {
    const c: i32 = load<u8>(p);
    if (c == QUOTE) {
      p = skipString(p + 1, e, true);
    } else if ((c | BRACKET_FOLD) == OPEN_BRACE) {
      if (depth == MAX_DEPTH) return -1;
      store<u8>(STACK + depth++, c);
      p = spaceAfter(p + 1, e);
      if (p >= e) return -1;
      // Not empty (its closing bracket is 2 above it): at its first member or item.
      if (<i32>load<u8>(p) != c + 2) {
        if (c == OPEN_BRACE && (p = memberValue(p, e)) < 0) return -1;
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
    }
    if (p < 0) return -1;
    // A value ended at p: containers close, or a "," leads to the next value.
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
          if (p >= e || (p = memberValue(p, e)) < 0) return -1;
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
