// Which requests each rule of a policy decides (it is their first match), and which no rule
// matches, as disjoint unions of cubes over a given request space: going down the rules, each
// takes what no earlier rule matched. Together the parts partition the request model exactly;
// the space may be finer than the policy needs (the diff's space serves two policies).
import { merged, restrict, runSteps, subtractAll } from '../analysis/cubeSets.ts';
import type { Budget } from '../analysis/budget.ts';
import type { Cube } from '../analysis/cubeAlgebra.ts';
import type { RequestSpace } from '../analysis/requestSpace.ts';
import { ruleRegion } from '../analysis/ruleRegion.ts';
import type { KubernetesVersion } from '../kubernetesVersion.ts';
import type { Policy } from '../model.ts';

export interface FirstMatchParts {
  /** Per rule, the requests it decides (empty for a rule no request reaches). */
  readonly rules: readonly (readonly Cube[])[];
  /** The requests no rule matches (level None with the policy-level omit settings). */
  readonly unmatched: readonly Cube[];
}

/** undefined when the budget ran out. */
export function firstMatchParts(policy: Policy, space: RequestSpace, v: KubernetesVersion, budget: Budget): FirstMatchParts | undefined {
  const cubes = space.algebra;
  const rules: Cube[][] = [];
  let free: readonly Cube[] = space.universe;
  let mergedSize = free.length;
  for (const rule of policy.rules) {
    const region = runSteps(merged(cubes, ruleRegion(rule, space, v, budget), budget));
    const taken = runSteps(restrict(cubes, region, free, budget));
    rules.push(runSteps(merged(cubes, taken, budget)));
    if (taken.length > 0) free = runSteps(subtractAll(cubes, free, region, budget));
    // Subtraction fragments the rest; merge it when it has grown by half.
    if (free.length > 16 && free.length > mergedSize * 1.5) {
      free = runSteps(merged(cubes, free, budget));
      mergedSize = free.length;
    }
    if (budget.exhausted) return undefined;
  }
  return { rules, unmatched: runSteps(merged(cubes, free, budget)) };
}
