// The raw keys remembered, with the id the caller gave each: an open-addressing table of (hash,
// place in the arena, size, id) that starts small and doubles, and an arena of the keys' bytes.
// Remembering only saves time: when the table or the arena is full it starts over.
import {
  ARENA, ARENA_END, ARENA_USED, ENTRIES, INITIAL_SLOTS, KEY_AT, KEY_SIZE, LAST_HASH, MAX_ENTRIES, MAX_TABLE_SLOTS, SCRATCH, SLOT_AT, SLOT_HASH, SLOT_ID, SLOT_SIZE, TABLE, TABLE_SLOT, VECTOR,
} from '../layout';

/** The table's slots - 1. */
let mask = INITIAL_SLOTS - 1;

/** The table's slot for i (a hash, or a later probe). */
@inline
function slotOf(i: i32): i32 {
  return TABLE + (i & mask) * TABLE_SLOT;
}

/** Whether the n bytes at a and b are equal (n a multiple of 16). */
function sameBlocks(a: i32, b: i32, n: i32): bool {
  for (; n > 0; n -= VECTOR) {
    if (!i8x16.all_true(i8x16.eq(v128.load(a), v128.load(b)))) return false;
    a += VECTOR;
    b += VECTOR;
  }
  return true;
}

/** The id remembered for the last raw key, or -1. */
export function lookup(): i32 {
  const hash = load<i32>(LAST_HASH) + 1;
  const at = load<i32>(KEY_AT);
  const size = load<i32>(KEY_SIZE);
  // Probed from the hash's slot on, up to an empty one.
  let i = hash;
  let slot = slotOf(i);
  for (let h = load<i32>(slot, SLOT_HASH); h != 0; h = load<i32>(slot, SLOT_HASH)) {
    if (h == hash && load<i32>(slot, SLOT_SIZE) == size && sameBlocks(load<i32>(slot, SLOT_AT), at, size)) return load<i32>(slot, SLOT_ID);
    slot = slotOf(++i);
  }
  return -1;
}

/** Puts a raw key (hash + 1, where it is in the arena, its size, its id) in a free slot. */
function place(hash: i32, at: i32, size: i32, id: i32): void {
  let i = hash;
  while (load<i32>(slotOf(i), SLOT_HASH) != 0) i++;
  const slot = slotOf(i);
  store<i32>(slot, hash, SLOT_HASH);
  store<i32>(slot, at, SLOT_AT);
  store<i32>(slot, size, SLOT_SIZE);
  store<i32>(slot, id, SLOT_ID);
}

/** Doubles the table: its slots go to SCRATCH, and back in at their new places. */
function grow(): void {
  const end = SCRATCH + (mask + 1) * TABLE_SLOT;
  memory.copy(SCRATCH, TABLE, end - SCRATCH);
  mask = (mask << 1) | 1;
  memory.fill(TABLE, 0, (mask + 1) * TABLE_SLOT);
  for (let slot = SCRATCH; slot < end; slot += TABLE_SLOT) {
    const hash = load<i32>(slot, SLOT_HASH);
    if (hash != 0) place(hash, load<i32>(slot, SLOT_AT), load<i32>(slot, SLOT_SIZE), load<i32>(slot, SLOT_ID));
  }
}

/** Remembers the last raw key as `id` (after a lookup that found none). */
export function remember(id: i32): void {
  const at = load<i32>(KEY_AT);
  const size = load<i32>(KEY_SIZE);
  // A key too large to keep many of is not kept.
  if (size > ((ARENA_END - ARENA) >> 4)) return;
  let used = ARENA + load<i32>(ARENA_USED);
  let entries = load<i32>(ENTRIES);
  if (entries >= MAX_ENTRIES || used + size > ARENA_END) {
    memory.fill(TABLE, 0, (mask + 1) * TABLE_SLOT);
    entries = 0;
    used = ARENA;
  }
  // At most half full.
  if (entries << 1 >= mask && mask < MAX_TABLE_SLOTS - 1) grow();
  memory.copy(used, at, size);
  place(load<i32>(LAST_HASH) + 1, used, size, id);
  store<i32>(ENTRIES, entries + 1);
  store<i32>(ARENA_USED, used + size - ARENA);
}
