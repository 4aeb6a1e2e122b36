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

  cube(spec: CubeSpec): Cube {
    const c: Cube = new Array<number>(this.size).fill(0);
    spec.dims.forEach((set, d) => this.writeBits(c, this.starts[d] as number, this.starts[d + 1] as number, set));
    this.writeBits(c, this.presentAt, this.absentAt, spec.present);
    this.writeBits(c, this.absentAt, this.size, spec.absent);
    return c;
  }

  private writeBits(c: Cube, from: number, to: number, set: bigint): void {
    let rest = set;
    for (let w = from; w < to; w++) {
      c[w] = Number(rest & BigInt(WORD_MASK));
      rest >>= BigInt(WORD);
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
   * Fewer cubes for the same set: cubes equal in every dimension but one become one cube (the union
   * of that dimension), and cubes equal but for one group required in one and excluded in the other
   * drop that group. One pass per dimension; subtraction fragments sets, and this keeps them small.
   */
  merge(cubes: readonly Cube[]): Cube[] {
    if (cubes.length < 2) return [...cubes];
    let out = [...cubes];
    for (let d = 0; d <= this.dimensions; d++) {
      // d === dimensions merges on the groups: words [from, to) are the ones allowed to differ.
      const from = d < this.dimensions ? (this.starts[d] as number) : this.presentAt;
      const to = d < this.dimensions ? (this.starts[d + 1] as number) : this.size;
      // Hash of the other words -> indices into next.
      const buckets = new Map<number, number[]>();
      const next: Cube[] = [];
      for (const c of out) {
        let h = 0;
        for (let w = 0; w < from; w++) h = (Math.imul(h, 16777619) ^ (c[w] as number)) | 0;
        for (let w = to; w < this.size; w++) h = (Math.imul(h, 16777619) ^ (c[w] as number)) | 0;
        const bucket = buckets.get(h);
        if (!bucket) {
          buckets.set(h, [next.length]);
          next.push(c);
          continue;
        }
        const i = bucket.find((k) => this.mergeable(next[k] as Cube, c, d, from, to));
        if (i === undefined) {
          bucket.push(next.length);
          next.push(c);
        } else next[i] = this.union(next[i] as Cube, c, d, from, to);
      }
      out = next;
    }
    return out;
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

  /** The classes a cube allows in dimension d, in index order. */
  classes(c: Cube, d: number): number[] {
    const out: number[] = [];
    const from = this.starts[d] as number;
    for (let w = from; w < (this.starts[d + 1] as number); w++) {
      for (let bits = c[w] as number; bits !== 0; ) {
        const low = bits & -bits;
        out.push((w - from) * WORD + 31 - Math.clz32(low));
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

  /** Whether group i must be present. */
  requires(c: Cube, group: number): boolean {
    return ((c[this.presentAt + Math.floor(group / WORD)] as number) & (1 << group % WORD)) !== 0;
  }

  /** Whether group i must be absent. */
  excludes(c: Cube, group: number): boolean {
    return ((c[this.absentAt + Math.floor(group / WORD)] as number) & (1 << group % WORD)) !== 0;
  }
}
