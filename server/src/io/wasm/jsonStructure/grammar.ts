// Strings, numbers and literals checked as JSON.parse checks them, for the walk (walk.ts and
// containerGrammar.ts): an event taken without JSON.parse must be one JSON.parse takes. Strings
// hold only JSON's escapes, numbers and literals follow JSON's grammar. Whatever fails gives -1,
// and JSON.parse decides (and says why). values.ts answers the splitters' looser question: where
// a value ends by its structure.
import { VECTOR } from '../layout';
import { QUOTE, SPACE, stopBits } from './text';

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
export function escapeEnd(p: i32): i32 {
  const c: i32 = load<u8>(p, 1);
  if (c == U) return unicodeEscapeEnd(p);
  const escapes = c < 64 ? ESCAPES_LOW : ESCAPES_HIGH;
  return c < 128 && ((escapes >> <u64>(c & 63)) & 1) != 0 ? p + 2 : -1;
}

/**
 * Index after the string whose content starts at p (after its opening quote), or -1: it ends
 * before e and holds no raw control character, and only JSON's escapes (`escapes`) or none.
 * `stops` are the stop bits (stopBits) of the 16 bytes at `block`, which the caller has read at
 * the start of this string or an earlier one: the walk keeps them for the strings after (the short
 * strings of compact JSON share a block, and their ends are then found without a load and compare
 * of their own, and without waiting for one). Past the block, the blocks after it are read.
 */
@inline
export function stringEndIn(p: i32, e: i32, block: i32, stops: i32, escapes: bool): i32 {
  while (p < e) {
    let offset = p - block;
    if (offset >= VECTOR) {
      block = p;
      offset = 0;
      stops = stopBits(p);
    }
    const rest = stops >> offset;
    if (rest == 0) {
      p = block + VECTOR;
      continue;
    }
    p += ctz(rest);
    if (p >= e) return -1;
    const c: i32 = load<u8>(p);
    if (c == QUOTE) return p + 1;
    if (c < SPACE || !escapes) return -1;
    p = escapeEnd(p);
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
