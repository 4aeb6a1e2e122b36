// A cube is a set of requests given per dimension: for each of the fixed dimensions (user, verb,
// path, namespace, ...) the set of classes allowed, as a bit set over that dimension's classes; and
// for the user's groups, the groups that must be present (`present`) and must be absent (`absent`)
// — one boolean dimension per group the policy mentions, packed into two bit sets so a policy with
// hundreds of userGroups costs no more than one with two. Every class is non-empty, so a cube is
// empty exactly when one dimension allows nothing or a group is both required and excluded.

export interface Cube {
  readonly dims: readonly bigint[];
  readonly present: bigint;
  readonly absent: bigint;
}

export function intersectCubes(a: Cube, b: Cube): Cube | null {
  if ((a.present | b.present) & (a.absent | b.absent)) return null;
  const dims: bigint[] = [];
  for (let d = 0; d < a.dims.length; d++) {
    const v = (a.dims[d] as bigint) & (b.dims[d] as bigint);
    if (v === 0n) return null;
    dims.push(v);
  }
  return { dims, present: a.present | b.present, absent: a.absent | b.absent };
}

/**
 * a minus b as disjoint cubes: for each dimension where b is narrower than a, one piece keeps what b
 * excludes there (with the earlier dimensions already narrowed to b). Returns [a] when they do not meet.
 */
export function subtractCube(a: Cube, b: Cube): Cube[] {
  if (intersectCubes(a, b) === null) return [a];
  const pieces: Cube[] = [];
  const dims = [...a.dims];
  for (let d = 0; d < dims.length; d++) {
    const ad = dims[d] as bigint;
    const bd = b.dims[d] as bigint;
    const outside = ad & ~bd;
    if (outside === 0n) continue;
    pieces.push({ dims: withDim(dims, d, outside), present: a.present, absent: a.absent });
    dims[d] = ad & bd;
  }
  let present = a.present;
  let absent = a.absent;
  for (const bit of bitsOf(b.present & ~present)) {
    pieces.push({ dims: [...dims], present, absent: absent | bit });
    present |= bit;
  }
  for (const bit of bitsOf(b.absent & ~absent)) {
    pieces.push({ dims: [...dims], present: present | bit, absent });
    absent |= bit;
  }
  return pieces;
}

const withDim = (dims: readonly bigint[], d: number, v: bigint): bigint[] => {
  const out = [...dims];
  out[d] = v;
  return out;
};

/** Each set bit of `set` as a one-bit bigint, lowest first. */
export function* bitsOf(set: bigint): Generator<bigint> {
  let rest = set;
  while (rest !== 0n) {
    const low = rest & -rest;
    yield low;
    rest ^= low;
  }
}

/** Index of the lowest set bit (the set must not be empty). */
export function lowestBit(set: bigint): number {
  let i = 0;
  let rest = set;
  while ((rest & 0xffffffffn) === 0n) {
    rest >>= 32n;
    i += 32;
  }
  while ((rest & 1n) === 0n) {
    rest >>= 1n;
    i++;
  }
  return i;
}

/** The set of the first `n` classes. */
export const allClasses = (n: number): bigint => (1n << BigInt(n)) - 1n;

/**
 * Fewer cubes for the same set: cubes equal in every dimension but one become one cube (the union
 * of that dimension), and cubes equal but for one group required in one and excluded in the other
 * drop that group. One pass per dimension; subtraction fragments sets, and this keeps them small.
 * Candidates are found by hashing, then compared exactly.
 */
export function mergeCubes(cubes: readonly Cube[]): Cube[] {
  if (cubes.length < 2) return [...cubes];
  let out = [...cubes];
  const n = (out[0] as Cube).dims.length;
  for (let d = 0; d <= n; d++) {
    // d === n merges on the groups instead of a dimension.
    const buckets = new Map<number, Cube[]>();
    const merged: Cube[] = [];
    for (const c of out) {
      const h = restHash(c, d);
      const bucket = buckets.get(h);
      const partner = bucket?.findIndex((o) => mergeable(o, c, d)) ?? -1;
      if (bucket && partner >= 0) {
        bucket[partner] = union(bucket[partner] as Cube, c, d);
      } else if (bucket) bucket.push(c);
      else buckets.set(h, [c]);
    }
    for (const bucket of buckets.values()) merged.push(...bucket);
    out = merged;
  }
  return out;
}

const hash32 = (x: bigint): number => Number(BigInt.asUintN(32, x ^ (x >> 32n)));

function restHash(c: Cube, skip: number): number {
  let h = skip === c.dims.length ? 0 : (hash32(c.present) * 31 + hash32(c.absent)) | 0;
  for (let d = 0; d < c.dims.length; d++) if (d !== skip) h = (Math.imul(h, 16777619) ^ hash32(c.dims[d] as bigint)) | 0;
  return h;
}

function mergeable(a: Cube, b: Cube, d: number): boolean {
  for (let i = 0; i < a.dims.length; i++) if (i !== d && a.dims[i] !== b.dims[i]) return false;
  if (d < a.dims.length) return a.present === b.present && a.absent === b.absent;
  // One group required in one and excluded in the other, all else equal.
  const diff = a.present ^ b.present;
  return diff !== 0n && (diff & (diff - 1n)) === 0n && (a.absent ^ b.absent) === diff && ((a.present | a.absent) & diff) === diff;
}

function union(a: Cube, b: Cube, d: number): Cube {
  if (d < a.dims.length) return { ...a, dims: a.dims.map((x, i) => (i === d ? x | (b.dims[d] as bigint) : x)) };
  const diff = a.present ^ b.present;
  return { dims: a.dims, present: a.present & ~diff, absent: a.absent & ~diff };
}

/** The smallest cube containing all of `cubes` (null for none): a cheap test that two unions cannot meet. */
export function hullOf(cubes: readonly Cube[]): Cube | null {
  const first = cubes[0];
  if (first === undefined) return null;
  let dims = [...first.dims];
  let present = first.present;
  let absent = first.absent;
  for (let i = 1; i < cubes.length; i++) {
    const c = cubes[i] as Cube;
    dims = dims.map((x, d) => x | (c.dims[d] as bigint));
    present &= c.present;
    absent &= c.absent;
  }
  return { dims, present, absent };
}
