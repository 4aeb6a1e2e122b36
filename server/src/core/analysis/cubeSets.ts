// Operations on unions of cubes under a budget, as steps: each charges its cube operations before
// doing them and stops as soon as the budget is spent or the cubes it makes would not fit in what
// the budget may hold (the result is then partial, and the caller, seeing the budget exhausted,
// reports nothing from it). They yield once per slice of work (the work units spent so far), so
// that a caller stepping the analysis can let other work run (see analysisSteps).
import type { Budget } from './budget.ts';
import type { Cube, CubeAlgebra } from './cubeAlgebra.ts';

/** How many cubes are added into a bounding cube for the cost of one cube operation. */
const HULL_RATIO = 4;

/** Cube operations per cube merged, all passes together (each pass hashes and compares every cube). */
const MERGE_COST = 4;

/** Work that yields the units it has spent so far, between slices, and returns T. */
export type Steps<T> = Generator<number, T, void>;

/** Runs steps to the end without pausing. */
export function runSteps<T>(steps: Steps<T>): T {
  for (;;) {
    const next = steps.next();
    if (next.done) return next.value;
  }
}

/** The cubes of `a` within `b` (both unions of cubes); the first `limit` of them when only some are wanted. */
export function* restrict(cubes: CubeAlgebra, a: readonly Cube[], b: readonly Cube[], budget: Budget, limit = Infinity): Steps<Cube[]> {
  const out: Cube[] = [];
  // A bounding cube and a test against it cost a fraction of an intersection.
  if (!budget.spend(b.length + a.length / HULL_RATIO)) return out;
  const hull = cubes.hull(a);
  if (hull === null) return out;
  const near = b.filter((y) => cubes.meets(hull, y));
  const capacity = budget.capacity;
  for (const x of a) {
    if (!budget.spend(near.length)) return out;
    for (const y of near) {
      const c = cubes.intersect(x, y);
      if (c === null) continue;
      if (out.push(c) >= limit) return out;
      if (out.length > capacity) return overflow(budget, out);
    }
    if (budget.due) yield budget.used;
  }
  return out;
}

/** A cube of `a` that meets `b`, intersected with it; null when they do not meet. */
export function* firstIntersection(cubes: CubeAlgebra, a: readonly Cube[], b: readonly Cube[], budget: Budget): Steps<Cube | null> {
  for (const x of a) {
    if (!budget.spend(b.length)) return null;
    for (const y of b) {
      const c = cubes.intersect(x, y);
      if (c !== null) return c;
    }
    if (budget.due) yield budget.used;
  }
  return null;
}

/** a minus the union b, as disjoint cubes. */
export function* subtractAll(cubes: CubeAlgebra, a: readonly Cube[], b: readonly Cube[], budget: Budget): Steps<Cube[]> {
  if (!budget.spend(a.length + b.length / HULL_RATIO)) return [...a];
  const hull = cubes.hull(b);
  if (hull === null) return [...a];
  // Cubes outside b's hull stay whole; only the others are cut.
  const untouched: Cube[] = [];
  let rest: Cube[] = [];
  for (const x of a) (cubes.meets(x, hull) ? rest : untouched).push(x);
  const capacity = budget.capacity - untouched.length;
  for (const y of b) {
    const next: Cube[] = [];
    for (const x of rest) {
      for (const piece of cubes.subtract(x, y)) next.push(piece);
      if (next.length > capacity) return overflow(budget, untouched);
    }
    // Each cube tested, and each piece made, is an operation.
    if (!budget.spend(rest.length + next.length)) break;
    rest = next;
    if (rest.length === 0) break;
    if (budget.due) yield budget.used;
  }
  return untouched.concat(rest);
}

function overflow(budget: Budget, partial: Cube[]): Cube[] {
  budget.overflow();
  return partial;
}

/** Fewer cubes for the same set: every pass of CubeAlgebra.mergePass, charged. */
export function* merged(cubes: CubeAlgebra, set: readonly Cube[], budget: Budget): Steps<Cube[]> {
  let out = [...set];
  for (let d = 0; d <= cubes.dimensions && out.length > 1; d++) {
    // A pass not paid for is skipped: the set is the same, in more cubes.
    if (!budget.spend((out.length * MERGE_COST) / (cubes.dimensions + 1))) return out;
    out = cubes.mergePass(out, d);
    if (budget.due) yield budget.used;
  }
  return out;
}
