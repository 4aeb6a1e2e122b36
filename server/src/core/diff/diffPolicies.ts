// The exact semantic difference between two policies (or one policy under two Kubernetes
// releases): every pair (old first match | none, new first match | none) that some request of the
// analysis' request model realises and whose effects differ, with a witness request for each,
// proven against both policies by the evaluator. Method: one request space whose classes both
// policies (and the security probes) respect; each policy's first-match parts partition it
// (firstMatchParts); a pair is realised exactly when its two parts meet. Nothing is sampled.
import type { Witness } from '../analysis/analyzePolicy.ts';
import { merged, restrict, runSteps } from '../analysis/cubeSets.ts';
import { Budget } from '../analysis/budget.ts';
import type { Cube } from '../analysis/cubeAlgebra.ts';
import { provenWitness } from '../analysis/provenWitness.ts';
import { buildRequestSpace, type RequestSpace } from '../analysis/requestSpace.ts';
import { ruleRegion } from '../analysis/ruleRegion.ts';
import { effectOf, firstMatch } from '../evaluate/evaluate.ts';
import type { KubernetesVersion } from '../kubernetesVersion.ts';
import type { Policy, PolicyRule } from '../model.ts';
import { describeRegions } from './describeRegion.ts';
import { firstMatchParts, type FirstMatchParts } from './firstMatchParts.ts';
import { classify, sameEffect, type Classification, type Outcome } from './outcome.ts';
import { SECURITY_PROBES, type SecurityKind, type SecurityProbe } from './securityProbes.ts';

export interface PolicySide {
  readonly policy: Policy;
  readonly kubernetesVersion: KubernetesVersion;
}

export interface SecurityFlag {
  readonly kind: SecurityKind;
  readonly message: string;
}

export interface PolicyChange {
  readonly before: Outcome;
  readonly after: Outcome;
  /** A request with exactly this pair of outcomes (from a security-relevant part when flagged). */
  readonly witness: Witness;
  readonly classification: Classification;
  readonly security: readonly SecurityFlag[];
  /** The requests of this pair in plain English, one line per kind of request (at most `maxRegions`). */
  readonly requests: readonly string[];
  /** How many lines all of them make (requests lists the first ones). */
  readonly regionCount: number;
}

export interface PolicyDiff {
  /** No change, and the diff is complete. */
  readonly equivalent: boolean;
  /** false when the budget ran out: changes may be missing, and equivalence is not known. */
  readonly complete: boolean;
  readonly changes: readonly PolicyChange[];
  /** Work units spent. */
  readonly work: number;
}

export interface DiffOptions {
  /** Work units (cube operations), as the analysis counts them. */
  readonly budget: number;
  /** Lines of `requests` per change. */
  readonly maxRegions?: number;
}

/** The older release first: its naming of group "*" (a plain name before 1.36) is the finer one. */
const older = (a: KubernetesVersion, b: KubernetesVersion): KubernetesVersion => (a.minor <= b.minor ? a : b);

interface Slot {
  readonly outcome: Outcome;
  readonly cubes: readonly Cube[];
  readonly hull: Cube | null;
}

function slots(side: PolicySide, parts: FirstMatchParts, space: RequestSpace): Slot[] {
  const { policy } = side;
  const all = [...parts.rules.map((cubes, i) => ({ rule: policy.rules[i] as PolicyRule, cubes })), { rule: null, cubes: parts.unmatched }];
  return all
    .filter((s) => s.cubes.length > 0)
    .map(({ rule, cubes }) => ({ outcome: { rule: rule?.index ?? null, ...effectOf(policy, rule) }, cubes, hull: space.algebra.hull(cubes) }));
}

export function diffPolicies(before: PolicySide, after: PolicySide, options: DiffOptions): PolicyDiff {
  const budget = new Budget(options.budget);
  const probes = SECURITY_PROBES.map((p) => p.rule);
  const space = buildRequestSpace({ rules: [...before.policy.rules, ...after.policy.rules, ...probes] }, older(before.kubernetesVersion, after.kubernetesVersion));
  const incomplete = { equivalent: false, complete: false, changes: [], work: budget.used };
  const oldParts = firstMatchParts(before.policy, space, before.kubernetesVersion, budget);
  const newParts = oldParts && firstMatchParts(after.policy, space, after.kubernetesVersion, budget);
  if (!oldParts || !newParts) return { ...incomplete, work: budget.used };
  const algebra = space.algebra;
  // Probes name no group "*", so either release gives the same requests.
  const probeRegions = SECURITY_PROBES.map((probe) => ({ probe, cubes: runSteps(merged(algebra, runSteps(restrict(algebra, ruleRegion(probe.rule, space, after.kubernetesVersion, budget), space.universe, budget)), budget)) }));
  const changes: PolicyChange[] = [];
  for (const a of slots(before, oldParts, space)) {
    for (const b of slots(after, newParts, space)) {
      if (sameEffect(a.outcome, b.outcome)) continue;
      budget.spend(1);
      if (a.hull === null || b.hull === null || !algebra.meets(a.hull, b.hull)) continue;
      const both = mergedFully(space, runSteps(restrict(algebra, a.cubes, b.cubes, budget)), budget);
      if (budget.exhausted) return { ...incomplete, work: budget.used };
      if (both.length === 0) continue;
      const change = pairChange(a.outcome, b.outcome, both, { before, after, space, budget, probeRegions, id: changes.length + 1, maxRegions: options.maxRegions ?? 5 });
      if (change === undefined) return { ...incomplete, work: budget.used };
      changes.push(change);
    }
  }
  return { equivalent: changes.length === 0, complete: true, changes, work: budget.used };
}

/**
 * Merged until nothing merges: one pass per dimension can leave cubes that a later pass made
 * mergeable in an earlier dimension (so a pair reads "anyone", not four kinds of user).
 */
function mergedFully(space: RequestSpace, cubes: readonly Cube[], budget: Budget): Cube[] {
  let out = runSteps(merged(space.algebra, cubes, budget));
  for (let n = cubes.length; out.length < n; ) {
    n = out.length;
    out = runSteps(merged(space.algebra, out, budget));
  }
  return out;
}

interface PairContext {
  readonly before: PolicySide;
  readonly after: PolicySide;
  readonly space: RequestSpace;
  readonly budget: Budget;
  readonly probeRegions: readonly { readonly probe: SecurityProbe; readonly cubes: readonly Cube[] }[];
  readonly id: number;
  readonly maxRegions: number;
}

/** undefined: no witness could be proven, which exactness rules out (a bug, reported as incomplete). */
function pairChange(before: Outcome, after: Outcome, cubes: readonly Cube[], ctx: PairContext): PolicyChange | undefined {
  const classification = classify(before, after);
  const algebra = ctx.space.algebra;
  const security: SecurityFlag[] = [];
  let sensitive: Cube[] = [];
  for (const { probe, cubes: region } of ctx.probeRegions) {
    if (!probe.applies(before, after)) continue;
    const part = runSteps(restrict(algebra, cubes, region, ctx.budget));
    if (part.length === 0) continue;
    security.push({ kind: probe.kind, message: probe.message });
    if (sensitive.length === 0) sensitive = part;
  }
  const [p, n] = [ctx.before, ctx.after];
  const witness = provenWitness(sensitive.length > 0 ? sensitive : cubes, ctx.space, n.kubernetesVersion, ctx.budget, {
    level: after.level,
    omitStages: after.omitStages,
    id: ctx.id,
    cost: p.policy.rules.length + n.policy.rules.length,
    proves: (a) => firstMatch(p.policy, a, p.kubernetesVersion) === before.rule && firstMatch(n.policy, a, n.kubernetesVersion) === after.rule,
  });
  if (witness === null) return undefined;
  const lines = describeRegions(ctx.space, cubes);
  return { before, after, witness, classification, security, requests: lines.slice(0, ctx.maxRegions), regionCount: lines.length };
}
