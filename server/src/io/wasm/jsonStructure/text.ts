// Bytes of JSON text: the ones structure is made of, spaces, and the bytes of a 16-byte block that
// stop a string.
import { VECTOR } from '../layout';

export const TAB = 0x09;
export const NEWLINE = 0x0a;
export const CR = 0x0d;
export const SPACE = 0x20;
export const QUOTE = 0x22;
export const COMMA = 0x2c;
export const COLON = 0x3a;
export const QUESTION = 0x3f;
export const OPEN_BRACKET = 0x5b;
export const BACKSLASH = 0x5c;
export const CLOSE_BRACKET = 0x5d;
export const OPEN_BRACE = 0x7b;
export const CLOSE_BRACE = 0x7d;
/** "[", "]", "{" and "}" are 0x5b, 0x5d, 0x7b and 0x7d: with this bit set, 0x7b or 0x7d. */
export const BRACKET_FOLD = 0x20;

/**
 * Set while `lines` walks: a walk then stops at a newline (only spaces between tokens could hold
 * one: strings may not). `lines` walks an event before it knows where its line ends, and must
 * neither take two lines for one nor walk a broken line into the lines after it.
 */
export let oneLine = false;

/** Sets oneLine (an imported binding cannot be assigned). */
export function walkWithinLine(within: bool): void {
  oneLine = within;
}

/** A block of 16 bytes c. */
@inline
export function splat(c: i32): v128 {
  return i8x16.splat(<i8>c);
}

/** The lanes of a block below n (0-16) set: the bytes of a prefix n long. */
@inline
export function lanesBelow(n: i32): v128 {
  return i8x16.lt_u(i8x16(0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15), splat(n));
}

@inline
export function isSpace(c: i32): bool {
  return c == SPACE || c == NEWLINE || c == CR || c == TAB;
}

/** Past the spaces at p; with oneLine, not past a newline. */
export function skipSpace(p: i32, e: i32): i32 {
  for (; p < e; p++) {
    const c: i32 = load<u8>(p);
    if (!isSpace(c) || (c == NEWLINE && oneLine)) break;
  }
  return p;
}

/**
 * Past the spaces at p, if any: the byte at p is asked first, even when p = e (the room past the
 * input is readable; what is found there is used only once p < e is checked).
 */
@inline
export function spaceAfter(p: i32, e: i32): i32 {
  return <i32>load<u8>(p) <= SPACE ? skipSpace(p, e) : p;
}

/** Lanes of a block that stop a string: quotes, backslashes, control characters. */
@inline
export function stringStopLanes(v: v128): v128 {
  return v128.or(v128.or(i8x16.eq(v, splat(QUOTE)), i8x16.eq(v, splat(BACKSLASH))), i8x16.lt_u(v, splat(SPACE)));
}

/** The string stops of the 16 bytes at p, as bits. */
@inline
export function stopBits(p: i32): i32 {
  return i8x16.bitmask(stringStopLanes(v128.load(p)));
}

/** Index of the first byte in [p, e) that ends or interrupts a string (a quote, a backslash, a control character), or -1. */
export function stringStop(p: i32, e: i32): i32 {
  for (; p < e; p += VECTOR) {
    const stops = stopBits(p);
    if (stops != 0) {
      // Bits past e are of bytes that are not the input's.
      p += ctz(stops);
      return p < e ? p : -1;
    }
  }
  return -1;
}
