// The raw key of a walked event: the bytes of the values that decide its request attributes, as a
// small JSON array, and its hash. Equal raw keys are equal values (the walk checked each value as
// JSON.parse does), so an event whose raw key was seen before needs no decoding.
import { CUT_QUERY, KEY_AT, KEY_SIZE, LAST_HASH, RAW_KEY_ABSENT, RAW_KEY_WALKED, RECIPE, RECIPE_ENTRY, RECIPE_FLAGS, RECIPE_SLOT, SLOT_ENDS, SLOT_STARTS, VECTOR, WALKED } from '../layout';
import { CLOSE_BRACKET, COMMA, OPEN_BRACE, OPEN_BRACKET, QUESTION, QUOTE, SPACE, splat, stringStop } from './text';

/** The entries of an absent value and of an object walked for its children: the digits of RAW_KEY_ABSENT and RAW_KEY_WALKED. */
const ABSENT = 0x30 + RAW_KEY_ABSENT;
const WALKED_OBJECT = 0x30 + RAW_KEY_WALKED;

/** Index of the first "?" in [p, e), or e. */
function query(p: i32, e: i32): i32 {
  for (; p < e; p += VECTOR) {
    const found = i8x16.bitmask(i8x16.eq(v128.load(p), splat(QUESTION)));
    if (found != 0) {
      p += ctz(found);
      return p < e ? p : e;
    }
  }
  return e;
}

/**
 * Writes the raw key of the slots (RECIPE) at `out`, as a JSON array with an entry per recipe
 * entry (see layout.ts; an object walked for its children counts as walked, its children have
 * entries of their own; a present value's bytes are as they are), padded with spaces to a multiple
 * of 16 bytes. A CUT_QUERY entry's string ends at its first "?" (a query varies per request, the
 * path decides) when no escape comes before it, so the key stays JSON. Stores its place at KEY_AT
 * and KEY_SIZE and returns its hash.
 */
function write(out: i32): i32 {
  let o = out;
  store<u8>(o++, OPEN_BRACKET);
  const entries = load<i32>(RECIPE);
  for (let k = 0; k < entries; k++) {
    if (k != 0) store<u8>(o++, COMMA);
    const entry = RECIPE + k * RECIPE_ENTRY;
    const slot = load<i32>(entry, RECIPE_SLOT);
    const flags = load<i32>(entry, RECIPE_FLAGS);
    const s = load<i32>(SLOT_STARTS + slot * 4);
    if (s < 0) {
      store<u8>(o++, ABSENT);
      continue;
    }
    if ((flags & WALKED) != 0 && <i32>load<u8>(s) == OPEN_BRACE) {
      store<u8>(o++, WALKED_OBJECT);
      continue;
    }
    const e = load<i32>(SLOT_ENDS + slot * 4);
    let q = e;
    if ((flags & CUT_QUERY) != 0 && <i32>load<u8>(s) == QUOTE) {
      q = query(s, e);
      // An escape before the "?": the value is kept whole.
      if (q < e && stringStop(s + 1, q) >= 0) q = e;
      // A "?" first stays: "?x" cut to "" would read as no requestURI at all.
      if (q == s + 1) q++;
    }
    store<u8>(o++, OPEN_BRACKET);
    memory.copy(o, s, q - s);
    o += q - s;
    // A cut string gets its closing quote back.
    if (q < e) store<u8>(o++, QUOTE);
    store<u8>(o++, CLOSE_BRACKET);
  }
  store<u8>(o++, CLOSE_BRACKET);
  v128.store(o, splat(SPACE));
  const size = (o - out + VECTOR - 1) & -VECTOR;
  store<i32>(KEY_AT, out);
  store<i32>(KEY_SIZE, size);
  return hash(out, size);
}

/**
 * A hash of the n bytes at p (a multiple of 16), 30 bits: FNV-1a-style in four lanes 16 bytes at a
 * time (a word at a time, each step waited for the multiply before it), folded and mixed.
 */
function hash(p: i32, n: i32): i32 {
  let lanes = i32x4(<i32>0x811c9dc5, 0x050c5d1f, 0x1b873593, 0x7feb352d);
  for (const end = p + n; p < end; p += VECTOR) {
    lanes = i32x4.mul(v128.xor(lanes, v128.load(p)), i32x4.splat(16777619));
  }
  let h =
    i32x4.extract_lane(lanes, 0) ^
    rotl(i32x4.extract_lane(lanes, 1), 8) ^
    (rotl(i32x4.extract_lane(lanes, 2), 16) ^ rotl(i32x4.extract_lane(lanes, 3), 24));
  // murmur3's finalizer: every bit of the lanes reaches the low bits a table indexes by.
  h = (h ^ (h >>> 16)) * <i32>0x85ebca6b;
  h = (h ^ (h >>> 13)) * <i32>0xc2b2ae35;
  return (h ^ (h >>> 16)) & 0x3fffffff;
}

/** The walked object's raw key written at `out`: its hash, also kept at LAST_HASH. */
export function keyOf(out: i32): i32 {
  const h = write(out);
  store<i32>(LAST_HASH, h);
  return h;
}
