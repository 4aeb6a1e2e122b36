// Exact reachability of every rule of a policy (first match wins): which rules no request can
// match (unsatisfiable), which match only requests that earlier rules take first (shadowed, or
// redundant when those rules have the same effect), and for the others a witness request that this
// rule matches first. Method: each rule's match set is a union of cubes over the policy's request
// classes (requestSpace.ts, ruleRegion.ts); subtracting every earlier rule's cubes leaves exactly
// the requests the rule decides. The subtraction also tells which earlier rules take which part
// of the rule's requests, which gives shadowedBy and the order-sensitive overlaps. Every witness
// is checked with the core's evaluator before it is reported.
import { effectOf, firstMatch, type Effect } from '../evaluate/evaluate.ts';
import { ruleMatches } from '../evaluate/ruleMatches.ts';
import type { KubernetesVersion } from '../kubernetesVersion.ts';
import type { Policy, PolicyRule, RuleIndex } from '../model.ts';
import { Budget } from './budget.ts';
import type { Cube, CubeAlgebra } from './cubeAlgebra.ts';
import { provenWitness, type Witness } from './provenWitness.ts';
import { buildRequestSpace, PATH, type Dimension, type RequestSpace } from './requestSpace.ts';
import { ruleRegion } from './ruleRegion.ts';

/** unknown: the analysis ran out of budget before deciding this rule. */
export type { Witness } from './provenWitness.ts';

export type RuleStatus = 'reachable' | 'shadowed' | 'unsatisfiable' | 'unknown';


export interface RuleOverlap {
  /** An earlier rule that is the first match for some requests this rule matches, with a different effect. */
  readonly rule: RuleIndex;
  /**
   * generalization: every request the earlier rule matches also matches this one (the usual
   * exception-first style); partial: they only overlap, and their order decides those requests.
   */
  readonly kind: 'generalization' | 'partial';
  /** A request both rules match that the earlier rule takes. */
  readonly example: Witness;
}

export interface RuleAnalysis {
  readonly rule: RuleIndex;
  readonly status: RuleStatus;
  /**
   * The earlier rules that are the first match for at least one request this rule matches. When
   * the rule is shadowed they take all of them, and none can be left out of that statement.
   */
  readonly shadowedBy: readonly RuleIndex[];
  /** Shadowed, and every rule in shadowedBy has this rule's effect: deleting it changes nothing. */
  readonly redundant: boolean;
  /** Reachable: a request this rule is the first match for. */
  readonly witness: Witness | null;
  /** Shadowed: a request this rule matches, taken by an earlier rule (for the message). */
  readonly example: Witness | null;
  /** Reachable: earlier rules with another effect that take some of its requests. */
  readonly overlaps: readonly RuleOverlap[];
  /** It matches every request of the model. */
  readonly catchAll: boolean;
}

export interface PolicyAnalysis {
  readonly rules: readonly RuleAnalysis[];
  /** false when the budget ran out: the rules from the first `unknown` on were not decided. */
  readonly complete: boolean;
  /** Work units spent (cube operations), for the benchmark. */
  readonly work: number;
}

export interface AnalysisOptions {
  readonly kubernetesVersion: KubernetesVersion;
  /** Work units (cube operations) before giving up; the editor's default fits a keystroke. */
  readonly budget?: number;
}

/**
 * Work units the editor allows per analysis: realistic policies of a few hundred rules finish well
 * within it (see `npm run bench`: 200 generated rules take about 500k units); adversarial ones stop after roughly 100 ms on this project's
 * 2-core machine and report analysis-incomplete instead of holding up the keystroke.
 */
export const DEFAULT_ANALYSIS_BUDGET = 600_000;

/** Work units per cube merged (one pass per dimension). */
const MERGE_COST = 4;

/** Merging costs more than it saves on small sets. */
const MERGE_ABOVE = 16;

interface Taker {
  readonly rule: RuleIndex;
  /** Requests of the analysed rule that this earlier rule takes first. */
  readonly piece: Cube;
}

export function analyzePolicy(policy: Policy, options: AnalysisOptions): PolicyAnalysis {
  const v = options.kubernetesVersion;
  const budget = new Budget(options.budget ?? DEFAULT_ANALYSIS_BUDGET);
  const space = buildRequestSpace(policy, v);
  const cubes = space.algebra;
  const results: RuleAnalysis[] = [];
  const ctx: Context = { policy, space, cubes, regions: [], hulls: [], taken: [], takenHulls: [], results, budget, v };
  const paths = (space.dims[PATH] as Dimension).values.length;
  // The requests no earlier rule matches; each rule takes its part of them.
  let free: readonly Cube[] = space.universe;
  let mergedSize = free.length;
  for (const rule of policy.rules) {
    // Regions are built in order, so a policy that exhausts the budget early costs no more.
    const newSpecs = rule.nonResourceURLs.filter((spec) => !space.specPaths.has(spec)).length;
    budget.spend(1 + (newSpecs * paths) / 4);
    const region = budget.exhausted ? [] : cubes.merge(restrict(cubes, cubes.merge(ruleRegion(rule, space, v)), space.universe, budget));
    ctx.regions.push(region);
    ctx.hulls.push(cubes.hull(region));
    const taken = budget.exhausted ? [] : restrict(cubes, region, free, budget);
    ctx.taken.push(taken);
    ctx.takenHulls.push(cubes.hull(taken));
    const result = budget.exhausted ? undefined : analyzeRule(rule, ctx);
    results.push(result ?? unknown(rule.index));
    if (!budget.exhausted && taken.length > 0) {
      free = subtractAll(cubes, free, region, budget);
      // Merging costs about as much as a subtraction; do it when the set has grown by half.
      if (free.length > MERGE_ABOVE && free.length > mergedSize * 1.5) {
        budget.spend(free.length * MERGE_COST);
        free = cubes.merge(free);
        mergedSize = free.length;
      }
    }
  }
  return { rules: results, complete: !budget.exhausted, work: budget.used };
}

interface Context {
  readonly policy: Policy;
  readonly space: RequestSpace;
  readonly cubes: CubeAlgebra;
  /** Each rule's match set within the request model. */
  readonly regions: (readonly Cube[])[];
  /** The part of each rule's match set no earlier rule matches: the requests it decides. */
  readonly taken: Cube[][];
  /** Bounding cubes of regions and taken parts, to skip pairs that cannot meet. */
  readonly hulls: (Cube | null)[];
  readonly takenHulls: (Cube | null)[];
  /** The verdicts so far. */
  readonly results: RuleAnalysis[];
  readonly budget: Budget;
  readonly v: KubernetesVersion;
}

const unknown = (rule: RuleIndex): RuleAnalysis => ({
  rule,
  status: 'unknown',
  shadowedBy: [],
  redundant: false,
  witness: null,
  example: null,
  overlaps: [],
  catchAll: false,
});

/**
 * Verdict on one rule, once ctx.taken holds what each rule up to it decides. The taken parts
 * partition the requests, so the earlier rules that decide some request of this rule are exactly
 * those whose taken part meets its match set. undefined when the budget ran out.
 */
function analyzeRule(rule: PolicyRule, ctx: Context): RuleAnalysis | undefined {
  const region = ctx.regions[rule.index] as readonly Cube[];
  const base = { ...unknown(rule.index), status: 'unsatisfiable' as RuleStatus };
  if (region.length === 0) return base;
  const catchAll = subtractAll(ctx.cubes, ctx.space.universe, region, ctx.budget).length === 0;
  const takers: Taker[] = [];
  for (let j = 0; j < rule.index; j++) {
    if (!ctx.budget.spend(1)) return undefined;
    const hull = ctx.takenHulls[j];
    if (!hull || !ctx.cubes.meets(hull, ctx.hulls[rule.index] as Cube)) continue;
    const piece = firstIntersection(ctx.cubes, ctx.taken[j] as readonly Cube[], region, ctx.budget);
    if (piece !== null) takers.push({ rule: j as RuleIndex, piece });
  }
  const effect = effectOf(ctx.policy, rule);
  const mine = ctx.taken[rule.index] as readonly Cube[];
  if (mine.length === 0) {
    const first = takers[0];
    // Requests of the rule that no earlier rule takes would be in `mine`; none means a bug, not a verdict.
    if (first === undefined) return undefined;
    return {
      ...base,
      status: 'shadowed',
      shadowedBy: takers.map((t) => t.rule),
      redundant: takers.every((t) => sameEffect(effectOf(ctx.policy, ctx.policy.rules[t.rule] as PolicyRule), effect)),
      example: verifiedWitness(pieces(first, region, ctx), first.rule, rule, ctx),
      catchAll,
    };
  }
  const witness = verifiedWitness(mine, rule.index, rule, ctx);
  // The computation is exact, so an unverifiable witness would be a bug; never report one.
  if (witness === null) return undefined;
  const overlaps: RuleOverlap[] = [];
  for (const t of takers) {
    const earlier = ctx.policy.rules[t.rule] as PolicyRule;
    if (sameEffect(effectOf(ctx.policy, earlier), effect)) continue;
    const inside = subtractAll(ctx.cubes, ctx.regions[t.rule] as readonly Cube[], region, ctx.budget).length === 0;
    // Inside this rule, the earlier rule's own witness is an example (it matches this rule too).
    const own = inside ? ctx.results[t.rule]?.witness : null;
    const example = own ?? verifiedWitness(pieces(t, region, ctx), t.rule, rule, ctx);
    if (example === null) return undefined;
    overlaps.push({ rule: t.rule, kind: inside ? 'generalization' : 'partial', example });
  }
  if (ctx.budget.exhausted) return undefined;
  return { ...base, status: 'reachable', witness, overlaps, catchAll };
}

/** Every cube of what the taker decides among the rule's requests (for the most natural example). */
const pieces = (t: Taker, region: readonly Cube[], ctx: Context): Cube[] => [t.piece, ...restrict(ctx.cubes, ctx.taken[t.rule] as readonly Cube[], region, ctx.budget)];

const sameEffect = (a: Effect, b: Effect): boolean =>
  a.level === b.level && a.omitManagedFields === b.omitManagedFields && a.omitStages.join() === b.omitStages.join();

/** The cubes of `a` within `b` (both unions of cubes). */
export function restrict(cubes: CubeAlgebra, a: readonly Cube[], b: readonly Cube[], budget: Budget): Cube[] {
  const out: Cube[] = [];
  const hull = cubes.hull(a);
  if (hull === null) return out;
  const near = b.filter((y) => cubes.meets(hull, y));
  budget.spend(b.length);
  for (const x of a) {
    budget.spend(near.length);
    for (const y of near) {
      const c = cubes.intersect(x, y);
      if (c !== null) out.push(c);
    }
  }
  return out;
}

function firstIntersection(cubes: CubeAlgebra, a: readonly Cube[], b: readonly Cube[], budget: Budget): Cube | null {
  for (const x of a) {
    budget.spend(b.length);
    for (const y of b) {
      const c = cubes.intersect(x, y);
      if (c !== null) return c;
    }
  }
  return null;
}

/** a minus the union b, as disjoint cubes; stops early (incomplete) once the budget is spent. */
export function subtractAll(cubes: CubeAlgebra, a: readonly Cube[], b: readonly Cube[], budget: Budget): Cube[] {
  const hull = cubes.hull(b);
  if (hull === null) return [...a];
  // Cubes outside b's hull stay whole; only the others are cut.
  const untouched: Cube[] = [];
  let rest: Cube[] = [];
  for (const x of a) (cubes.meets(x, hull) ? rest : untouched).push(x);
  budget.spend(a.length);
  for (const y of b) {
    const before = rest.length;
    rest = rest.flatMap((x) => cubes.subtract(x, y));
    // Each cube tested, and each piece made, is a unit.
    if (!budget.spend(before + rest.length) || rest.length === 0) break;
  }
  return untouched.concat(rest);
}

/** A request from one of the cubes that first-matches `firstRule` and is matched by `rule`, proven by the evaluator. */
function verifiedWitness(cubes: readonly Cube[], firstRule: RuleIndex, rule: PolicyRule, ctx: Context): Witness | null {
  const { level, omitStages } = effectOf(ctx.policy, ctx.policy.rules[firstRule] as PolicyRule);
  return provenWitness(cubes, ctx.space, ctx.v, ctx.budget, {
    level,
    omitStages,
    id: rule.index * 1000 + firstRule + 1,
    // Proving costs an evaluation of the rules up to the first match.
    cost: firstRule + 1,
    proves: (a) => firstMatch(ctx.policy, a, ctx.v) === firstRule && ruleMatches(rule, a, ctx.v),
  });
}
