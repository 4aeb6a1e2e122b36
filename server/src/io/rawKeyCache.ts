// Remembers the key id each distinct raw key (EventScanner.key) was interned as, so an event whose
// attribute bytes were seen before costs a hash and a compare, no decoding. Only audit Events are
// remembered: what is not one is decoded again (it is rare, and a hostile log must not grow the
// cache with garbage).
//
// Keys live in one arena of 32-bit words and an open-addressing table of int32 slots: a lookup
// touches two arrays instead of a Map entry, an object and a buffer per key (cache misses were
// most of a lookup's cost), and compares a word at a time.
import type { EventScanner } from './scanEvent.ts';

/** Beyond this many raw keys the cache starts over: it only saves time, and keeps ~400 bytes each. */
const MAX_ENTRIES = 100_000;
/** Int32s per slot: hash + 1 (0 = empty), key offset in the arena (words), key size (words), id. */
const SLOT = 4;
const INITIAL_SLOTS = 1 << 12;

export class RawKeyCache {
  private table = new Int32Array(INITIAL_SLOTS * SLOT);
  private mask = INITIAL_SLOTS - 1;
  private entries = 0;
  private arena = new Int32Array(1 << 14);
  private used = 0;

  /** The id remembered for the event the scanner holds, if its raw key was seen. */
  get(scanner: EventScanner): number | undefined {
    const t = this.table;
    const hash = scanner.hash;
    for (let i = hash & this.mask; ; i = (i + 1) & this.mask) {
      const o = i * SLOT;
      const h = t[o]!;
      if (h === 0) return undefined;
      if (h === hash + 1 && this.equals(scanner, t[o + 1]!, t[o + 2]!)) return t[o + 3]!;
    }
  }

  private equals(scanner: EventScanner, at: number, words: number): boolean {
    if (words !== scanner.keyWords) return false;
    const a = this.arena;
    const k = scanner.key;
    const from = scanner.keyWord;
    for (let i = 0; i < words; i++) if (a[at + i] !== k[from + i]) return false;
    return true;
  }

  /** After a get that found nothing for this scanner. */
  set(scanner: EventScanner, id: number): void {
    if (this.entries >= MAX_ENTRIES) this.clear();
    else if (this.entries * 2 >= this.mask + 1) this.grow();
    const words = scanner.keyWords;
    if (this.used + words > this.arena.length) {
      const arena = new Int32Array(Math.max(this.arena.length * 2, this.used + words));
      arena.set(this.arena.subarray(0, this.used));
      this.arena = arena;
    }
    this.arena.set(scanner.key.subarray(scanner.keyWord, scanner.keyWord + words), this.used);
    this.put(scanner.hash, this.used, words, id);
    this.used += words;
    this.entries++;
  }

  private put(hash: number, at: number, words: number, id: number): void {
    const t = this.table;
    let i = hash & this.mask;
    while (t[i * SLOT] !== 0) i = (i + 1) & this.mask;
    const o = i * SLOT;
    t[o] = hash + 1;
    t[o + 1] = at;
    t[o + 2] = words;
    t[o + 3] = id;
  }

  private grow(): void {
    const old = this.table;
    this.table = new Int32Array(old.length * 2);
    this.mask = old.length / SLOT * 2 - 1;
    for (let o = 0; o < old.length; o += SLOT) if (old[o] !== 0) this.put(old[o]! - 1, old[o + 1]!, old[o + 2]!, old[o + 3]!);
  }

  private clear(): void {
    this.table = new Int32Array(INITIAL_SLOTS * SLOT);
    this.mask = INITIAL_SLOTS - 1;
    this.entries = 0;
    this.used = 0;
  }
}
