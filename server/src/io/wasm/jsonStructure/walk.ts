// One object's walk for known keys: the value range of each key of a context is recorded in its
// slot (a repeated key: the last one, as JSON.parse keeps), and an object value of a key with a
// child context is walked for that context's keys. Every value is checked as JSON.parse checks it
// (grammar.ts, containerGrammar.ts). The keys of a walked object with an escape are declined (-1),
// and so is whatever JSON.parse rejects: the caller leaves those bytes to JSON.parse.
import { ALL_KEYS, CONTEXT_BYTES, CONTEXTS, KEY_BYTES, KEY_CHILD, KEY_SLOT, KEYS, MAX_DEPTH, MAX_KEY_BYTES, PAIR, PAIR_COUNT, SLOT_ENDS, SLOT_STARTS, VECTOR } from '../layout';
import { checkedContainerEnd } from './containerGrammar';
import { scalarEnd, stringEndIn } from './grammar';
import { BRACKET_FOLD, CLOSE_BRACE, COLON, COMMA, lanesBelow, OPEN_BRACE, QUOTE, skipSpace, spaceAfter, stopBits } from './text';

/** The known key of a context that the key at ks (length bytes, no escapes) is, or -1. */
function knownKey(context: i32, ks: i32, length: i32): i32 {
  if (length > MAX_KEY_BYTES) return -1;
  // The key's bytes, zero-padded as the table holds them.
  const key = v128.and(v128.load(ks), lanesBelow(length));
  const sameLength = CONTEXTS + context * CONTEXT_BYTES + length * PAIR;
  const last = load<i32>(sameLength) + load<i32>(sameLength, PAIR_COUNT);
  for (let k = load<i32>(sameLength); k < last; k++) {
    if (i8x16.all_true(i8x16.eq(v128.load(KEYS + k * KEY_BYTES), key))) return k;
  }
  return -1;
}

/** Marks every slot of a context's keys absent. */
function clearSlots(context: i32): void {
  const all = CONTEXTS + context * CONTEXT_BYTES + ALL_KEYS;
  const last = load<i32>(all) + load<i32>(all, PAIR_COUNT);
  for (let k = load<i32>(all); k < last; k++) {
    store<i32>(SLOT_STARTS + load<i32>(KEYS + k * KEY_BYTES, KEY_SLOT) * 4, -1);
  }
}

/** The value of a known key is [s, e): records it in the key's slot (none: -1). */
@inline
function record(slot: i32, s: i32, e: i32): void {
  if (slot >= 0) {
    store<i32>(SLOT_STARTS + slot * 4, s);
    store<i32>(SLOT_ENDS + slot * 4, e);
  }
}

/**
 * Walks the object at p (after spaces) for the context's keys: the index after its "}", or -1.
 * `depth` containers are open, this one included.
 *
 * Member by member: a key (its end found 16 bytes at a time), ":", a value by what its first byte
 * says (a string, an object of a key with a child context by walking it, another object or an
 * array, a number or literal), then "," or "}"; spaces allowed around each.
 */
function object(context: i32, p: i32, e: i32, depth: i32): i32 {
  // Only a walk of child contexts nests: bounded, whatever contexts the caller set up.
  if (depth > MAX_DEPTH) return -1;
  p = skipSpace(p, e);
  if (p >= e || <i32>load<u8>(p) != OPEN_BRACE) return -1;
  p = spaceAfter(p + 1, e);
  if (p >= e) return -1;
  if (<i32>load<u8>(p) == CLOSE_BRACE) return p + 1;
  // The string stops of the 16 bytes at `block`, as bits (see stringEndIn).
  let block = -VECTOR;
  let stops = 0;
  do {
    // At p (before e): a key's opening quote. A key with an escape is declined: JSON.parse must
    // say which key it is.
    if (<i32>load<u8>(p) != QUOTE) return -1;
    const ks = p + 1;
    // The block read for a string is kept for the strings after it.
    if (ks - block >= VECTOR) stops = stopBits((block = ks));
    p = stringEndIn(ks, e, block, stops, false) - 1;
    if (p < 0) return -1;
    const k = knownKey(context, ks, p - ks);
    let slot = -1;
    let child = -1;
    if (k >= 0) {
      slot = load<i32>(KEYS + k * KEY_BYTES, KEY_SLOT);
      child = load<i32>(KEYS + k * KEY_BYTES, KEY_CHILD);
    }
    p = spaceAfter(p + 1, e);
    if (p >= e || <i32>load<u8>(p) != COLON) return -1;
    const vs = spaceAfter(p + 1, e);
    if (vs >= e) return -1;
    // The children's slots are of the last value of the key, as JSON.parse keeps it: cleared,
    // then walked for if it is an object.
    if (child >= 0) clearSlots(child);
    const c: i32 = load<u8>(vs);
    if (c == QUOTE) {
      if (vs + 1 - block >= VECTOR) stops = stopBits((block = vs + 1));
      p = stringEndIn(vs + 1, e, block, stops, true);
    } else if (child >= 0 && c == OPEN_BRACE) p = object(child, vs, e, depth + 1);
    else if ((c | BRACKET_FOLD) == OPEN_BRACE) p = checkedContainerEnd(vs, e, depth);
    else p = scalarEnd(vs, e);
    if (p < 0) return -1;
    record(slot, vs, p);
    p = spaceAfter(p, e);
    if (p >= e) return -1;
    const d: i32 = load<u8>(p);
    if (d == CLOSE_BRACE) return p + 1;
    if (d != COMMA) return -1;
    p = spaceAfter(p + 1, e);
  } while (p < e);
  return -1;
}

/** The object at s (spaces before it allowed) walked for context 0's keys after marking `slots` slots absent: the index after it, or -1. */
export function walk(s: i32, e: i32, slots: i32): i32 {
  memory.fill(SLOT_STARTS, 0xff, slots * 4);
  return object(0, s, e, 1);
}
