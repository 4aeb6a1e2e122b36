// A set of ids found by hash, where the caller says what an id stands for and when two are equal:
// the replay index looks requests up by their fields without building a string key from them
// (building and hashing those strings was most of interning a request).

const EMPTY = -1;
const INITIAL_SLOTS = 1 << 10;

/** FNV-1a over a string's UTF-16 code units, continuing from h. */
export function hashString(h: number, s: string): number {
  for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), 16777619);
  // The length too, so that moving a character from one string to the next changes the hash.
  return Math.imul(h ^ s.length, 16777619);
}

export const HASH_SEED = 0x811c9dc5;

export class IdTable {
  private ids = new Int32Array(INITIAL_SLOTS).fill(EMPTY);
  private hashes = new Int32Array(INITIAL_SLOTS);
  private count = 0;

  /** The id with this hash that `equals` accepts, or -1. */
  find(hash: number, equals: (id: number) => boolean): number {
    const mask = this.ids.length - 1;
    for (let i = hash & mask; ; i = (i + 1) & mask) {
      const id = this.ids[i]!;
      if (id === EMPTY) return -1;
      if (this.hashes[i] === hash && equals(id)) return id;
    }
  }

  /** Adds an id (not already in the table) under its hash. */
  add(hash: number, id: number): void {
    if (2 * (this.count + 1) > this.ids.length) this.grow();
    this.put(hash, id);
    this.count++;
  }

  private put(hash: number, id: number): void {
    const mask = this.ids.length - 1;
    let i = hash & mask;
    while (this.ids[i] !== EMPTY) i = (i + 1) & mask;
    this.ids[i] = id;
    this.hashes[i] = hash;
  }

  private grow(): void {
    const { ids, hashes } = this;
    this.ids = new Int32Array(ids.length * 2).fill(EMPTY);
    this.hashes = new Int32Array(ids.length * 2);
    for (let i = 0; i < ids.length; i++) if (ids[i] !== EMPTY) this.put(hashes[i]!, ids[i]!);
  }
}
