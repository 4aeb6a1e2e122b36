// A cube is a set of requests given per dimension: for each fixed dimension (user, verb, path,
// namespace, ...) the set of classes allowed; and for the user's groups, the groups that must be
// present and those that must be absent (one boolean dimension per group the policy mentions,
// packed so a policy with hundreds of userGroups costs no more than one with two). Every class is
// non-empty, so a cube is empty exactly when a dimension allows nothing or a group is both required
// and excluded.
//
// Cubes are flat arrays of 30-bit words (each dimension takes as many words as it has classes / 30,
// then the present and absent group words): set operations are a few integer operations per word,
// with no allocation until a result is kept. 30 bits keep every word a small integer, which V8
// stores unboxed; plain arrays allocate far faster than typed arrays of this size. Rules and the request model are first written
// as CubeSpecs (one bigint per dimension), which are convenient to build and converted once.

export type Cube = number[];

const WORD = 30;
const WORD_MASK = (1 << WORD) - 1;

/** The building form of a cube: a bit set per dimension, and group bit sets. */
export interface CubeSpec {
  readonly dims: readonly bigint[];
  readonly present: bigint;
  readonly absent: bigint;
}

/** The set of the first `n` classes. */
export const allClasses = (n: number): bigint => (1n << BigInt(n)) - 1n;

/**
 * The set of the given classes, built in one pass (or-ing bits one by one copies the growing
 * bigint each time: quadratic for a rule naming thousands of users).
 */
export function classSet(classes: Iterable<number>): bigint {
  const words: number[] = [];
  for (const c of classes) {
    const w = c >>> 5;
    while (words.length <= w) words.push(0);
    words[w] = ((words[w] as number) | (1 << (c & 31))) >>> 0;
  }
  if (words.length === 0) return 0n;
  let hex = '0x';
  for (let w = words.length - 1; w >= 0; w--) hex += (words[w] as number).toString(16).padStart(8, '0');
  return BigInt(hex);
}

/** How many cubes of a bucket merge() tries to merge a cube with. */
const MERGE_TRIES = 16;

const wordsFor = (bits: number): number => Math.max(1, Math.ceil(bits / WORD));

export class CubeAlgebra {
  /** Word offset of each dimension; starts[dims] is the first present-group word. */
  private readonly starts: number[];
  private readonly presentAt: number;
  private readonly absentAt: number;
  private readonly groupWords: number;
  private readonly size: number;

  constructor(
    classCounts: readonly number[],
    groups: number,
  ) {
    this.starts = [0];
    for (const n of classCounts) this.starts.push((this.starts.at(-1) as number) + wordsFor(n));
    this.groupWords = wordsFor(groups);
    this.presentAt = this.starts.at(-1) as number;
    this.absentAt = this.presentAt + this.groupWords;
    this.size = this.absentAt + this.groupWords;
  }

  get dimensions(): number {
    return this.starts.length - 1;
  }

  /** Words per cube: what one operation on a cube costs. */
  get words(): number {
    return this.size;
  }

  cube(spec: CubeSpec): Cube {
    const c: Cube = new Array<number>(this.size).fill(0);
    spec.dims.forEach((set, d) => this.writeBits(c, this.starts[d] as number, this.starts[d + 1] as number, set));
    this.writeBits(c, this.presentAt, this.absentAt, spec.present);
    this.writeBits(c, this.absentAt, this.size, spec.absent);
    return c;
  }

  private writeBits(c: Cube, from: number, to: number, set: bigint): void {
    // Through the binary digits, in one pass: shifting a bigint of thousands of bits word by word
    // copies it each time.
    const digits = set.toString(2);
    for (let w = from; w < to; w++) {
      const end = digits.length - (w - from) * WORD;
      c[w] = end > 0 ? parseInt(digits.slice(Math.max(0, end - WORD), end), 2) & WORD_MASK : 0;
    }
  }

  /** Whether the two cubes share a request (allocates nothing). */
  meets(a: Cube, b: Cube): boolean {
    const s = this.starts;
    for (let d = 0; d < s.length - 1; d++) {
      let any = 0;
      for (let w = s[d] as number; w < (s[d + 1] as number); w++) any |= (a[w] as number) & (b[w] as number);
      if (any === 0) return false;
    }
    for (let g = 0; g < this.groupWords; g++) {
      const p = this.presentAt + g;
      const x = this.absentAt + g;
      if ((((a[p] as number) | (b[p] as number)) & ((a[x] as number) | (b[x] as number))) !== 0) return false;
    }
    return true;
  }

  intersect(a: Cube, b: Cube): Cube | null {
    if (!this.meets(a, b)) return null;
    const out: Cube = new Array<number>(this.size);
    for (let w = 0; w < this.presentAt; w++) out[w] = (a[w] as number) & (b[w] as number);
    for (let w = this.presentAt; w < this.size; w++) out[w] = (a[w] as number) | (b[w] as number);
    return out;
  }

  /**
   * a minus b as disjoint cubes: for each dimension where b is narrower than a, one piece keeps what
   * b excludes there (with the earlier dimensions already narrowed to b). [a] when they do not meet.
   */
  subtract(a: Cube, b: Cube): Cube[] {
    if (!this.meets(a, b)) return [a];
    const pieces: Cube[] = [];
    const cur = a.slice();
    const s = this.starts;
    for (let d = 0; d < s.length - 1; d++) {
      const from = s[d] as number;
      const to = s[d + 1] as number;
      let outside = 0;
      for (let w = from; w < to; w++) outside |= (cur[w] as number) & ~(b[w] as number);
      if (outside === 0) continue;
      const piece = cur.slice();
      for (let w = from; w < to; w++) {
        piece[w] = (cur[w] as number) & ~(b[w] as number);
        cur[w] = (cur[w] as number) & (b[w] as number);
      }
      pieces.push(piece);
    }
    for (let g = 0; g < this.groupWords; g++) {
      const p = this.presentAt + g;
      const x = this.absentAt + g;
      // Each group b requires that a leaves open: a piece without it, then require it.
      for (let bits = (b[p] as number) & ~(cur[p] as number); bits !== 0; ) {
        const low = bits & -bits;
        const piece = cur.slice();
        piece[x] = (piece[x] as number) | low;
        pieces.push(piece);
        cur[p] = (cur[p] as number) | low;
        bits ^= low;
      }
      for (let bits = (b[x] as number) & ~(cur[x] as number); bits !== 0; ) {
        const low = bits & -bits;
        const piece = cur.slice();
        piece[p] = (piece[p] as number) | low;
        pieces.push(piece);
        cur[x] = (cur[x] as number) | low;
        bits ^= low;
      }
    }
    return pieces;
  }

  /** The smallest cube containing all of `cubes` (null for none): a cheap test that two unions cannot meet. */
  hull(cubes: readonly Cube[]): Cube | null {
    const first = cubes[0];
    if (first === undefined) return null;
    const h = first.slice();
    for (let i = 1; i < cubes.length; i++) {
      const c = cubes[i] as Cube;
      for (let w = 0; w < this.presentAt; w++) h[w] = (h[w] as number) | (c[w] as number);
      for (let w = this.presentAt; w < this.size; w++) h[w] = (h[w] as number) & (c[w] as number);
    }
    return h;
  }

  /**
   * Fewer cubes for the same set, one of the passes of a merge (d from 0 to `dimensions`): cubes
   * equal in every dimension but d become one cube (the union of that dimension); the last pass
   * (d === dimensions) drops a group required in one cube and excluded in another equal one.
   * Subtraction fragments sets, and merging keeps them small.
   */
  mergePass(cubes: readonly Cube[], d: number): Cube[] {
    // Words [from, to) are the ones allowed to differ.
    const from = d < this.dimensions ? (this.starts[d] as number) : this.presentAt;
    const to = d < this.dimensions ? (this.starts[d + 1] as number) : this.size;
    // Hash of the other words -> indices into next.
    const buckets = new Map<number, number[]>();
    const next: Cube[] = [];
    for (const c of cubes) {
      let h = 0;
      for (let w = 0; w < from; w++) h = (Math.imul(h, 16777619) ^ (c[w] as number)) | 0;
      for (let w = to; w < this.size; w++) h = (Math.imul(h, 16777619) ^ (c[w] as number)) | 0;
      const bucket = buckets.get(h);
      if (!bucket) {
        buckets.set(h, [next.length]);
        next.push(c);
        continue;
      }
      // Only the latest few of a bucket are tried: cubes alike but for their groups (one per
      // group of a long userGroups list) share a bucket without merging, and trying them all is
      // quadratic. A merge missed leaves the same set in more cubes.
      let i: number | undefined;
      for (let b = Math.max(0, bucket.length - MERGE_TRIES); b < bucket.length && i === undefined; b++) {
        if (this.mergeable(next[bucket[b] as number] as Cube, c, d, from, to)) i = bucket[b];
      }
      if (i === undefined) {
        bucket.push(next.length);
        next.push(c);
      } else next[i] = this.union(next[i] as Cube, c, d, from, to);
    }
    return next;
  }

  private mergeable(a: Cube, b: Cube, d: number, from: number, to: number): boolean {
    for (let w = 0; w < from; w++) if (a[w] !== b[w]) return false;
    for (let w = to; w < this.size; w++) if (a[w] !== b[w]) return false;
    if (d < this.dimensions) return true;
    // One group required in one and excluded in the other, all else equal.
    let flips = 0;
    for (let g = 0; g < this.groupWords; g++) {
      const p = this.presentAt + g;
      const x = this.absentAt + g;
      const diff = (a[p] as number) ^ (b[p] as number);
      if (diff !== ((a[x] as number) ^ (b[x] as number))) return false;
      if (diff !== 0 && ((diff & (diff - 1)) !== 0 || ((a[p] as number) & diff) === ((b[p] as number) & diff))) return false;
      if (diff !== 0) flips++;
    }
    return flips === 1;
  }

  private union(a: Cube, b: Cube, d: number, from: number, to: number): Cube {
    const out = a.slice();
    if (d < this.dimensions) {
      for (let w = from; w < to; w++) out[w] = (a[w] as number) | (b[w] as number);
      return out;
    }
    for (let g = 0; g < this.groupWords; g++) {
      const p = this.presentAt + g;
      const x = this.absentAt + g;
      const diff = (a[p] as number) ^ (b[p] as number);
      out[p] = (a[p] as number) & ~diff;
      out[x] = (a[x] as number) & ~diff;
    }
    return out;
  }

  /** The first `n` classes a cube allows in dimension d, in index order (allocates only those). */
  firstClasses(c: Cube, d: number, n: number): number[] {
    const out: number[] = [];
    const from = this.starts[d] as number;
    for (let w = from; w < (this.starts[d + 1] as number) && out.length < n; w++) {
      for (let bits = c[w] as number; bits !== 0 && out.length < n; ) {
        const low = bits & -bits;
        out.push((w - from) * WORD + 31 - Math.clz32(low));
        bits ^= low;
      }
    }
    return out;
  }

  /** Whether the cube allows a class of dimension d other than the given ones. */
  allowsOtherThan(c: Cube, d: number, excluded: readonly number[]): boolean {
    const from = this.starts[d] as number;
    for (let w = from; w < (this.starts[d + 1] as number); w++) {
      let bits = c[w] as number;
      for (const x of excluded) if (Math.floor(x / WORD) === w - from) bits &= ~(1 << x % WORD);
      if (bits !== 0) return true;
    }
    return false;
  }

  /** The groups (indices) the cube requires, in index order. */
  requiredGroupIndices(c: Cube): number[] {
    const out: number[] = [];
    for (let w = this.presentAt; w < this.absentAt; w++) {
      for (let bits = c[w] as number; bits !== 0; ) {
        const low = bits & -bits;
        out.push((w - this.presentAt) * WORD + 31 - Math.clz32(low));
        bits ^= low;
      }
    }
    return out;
  }

  /** The allowed class of dimension d with the lowest rank (ranks indexed by class; allocates nothing). */
  best(c: Cube, d: number, ranks: readonly number[]): number {
    const from = this.starts[d] as number;
    let best = -1;
    let bestRank = Infinity;
    for (let w = from; w < (this.starts[d + 1] as number); w++) {
      for (let bits = c[w] as number; bits !== 0; ) {
        const low = bits & -bits;
        const cls = (w - from) * WORD + 31 - Math.clz32(low);
        const r = ranks[cls] as number;
        if (r < bestRank) {
          best = cls;
          bestRank = r;
        }
        bits ^= low;
      }
    }
    return best;
  }

  /** How many groups the cube requires. */
  requiredGroups(c: Cube): number {
    let n = 0;
    for (let w = this.presentAt; w < this.absentAt; w++) for (let bits = c[w] as number; bits !== 0; bits &= bits - 1) n++;
    return n;
  }

  allows(c: Cube, d: number, cls: number): boolean {
    const w = (this.starts[d] as number) + Math.floor(cls / WORD);
    return ((c[w] as number) & (1 << cls % WORD)) !== 0;
  }

  /** The cube narrowed to the requests whose user is in group i. */
  requiring(c: Cube, group: number): Cube {
    const out = c.slice();
    const w = this.presentAt + Math.floor(group / WORD);
    out[w] = (out[w] as number) | (1 << group % WORD);
    return out;
  }

  /** Whether group i must be present. */
  requires(c: Cube, group: number): boolean {
    return ((c[this.presentAt + Math.floor(group / WORD)] as number) & (1 << group % WORD)) !== 0;
  }

  /** Whether group i must be absent. */
  excludes(c: Cube, group: number): boolean {
    return ((c[this.absentAt + Math.floor(group / WORD)] as number) & (1 << group % WORD)) !== 0;
  }
}
