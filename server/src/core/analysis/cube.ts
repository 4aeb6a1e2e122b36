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
