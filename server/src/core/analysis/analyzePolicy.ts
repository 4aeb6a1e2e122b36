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
import { firstIntersection, merged, restrict, runSteps, subtractAll, type Steps } from './cubeSets.ts';
import { MORE_CANDIDATES, provenWitness, WITNESS_CANDIDATES, type Witness } from './provenWitness.ts';
import { buildRequestSpace, type RequestSpace } from './requestSpace.ts';
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
  /** Work units (see budget.ts) before giving up. */
  readonly budget?: number;
}

/**
 * Work units the editor and `lint` allow per analysis: realistic policies of a few hundred rules
 * finish within it (see `npm run bench`: 200 generated rules take 560k-650k units, 300 rules
 * 950k-1.2M); any other policy stops after some 100-300 ms of work on this project's shared 2-core
 * machine and reports analysis-incomplete. The language server runs it in slices between requests.
 */
export const DEFAULT_ANALYSIS_BUDGET = 1_000_000;

/** Strings of a rule compared per unit when a witness is evaluated. */
const STRINGS_PER_UNIT = 16;

/** Merging costs more than it saves on small sets. */
const MERGE_ABOVE = 16;

interface Taker {
  readonly rule: RuleIndex;
  /** Requests of the analysed rule that this earlier rule takes first. */
  readonly piece: Cube;
}

/**
 * The analysis in steps: it yields after every slice of a few milliseconds of work, so that a
 * caller can let other work run in between (the language server answers requests meanwhile) or
 * stop stepping when the policy changed. The result does not depend on how it is stepped.
 */
export function* analysisSteps(policy: Policy, options: AnalysisOptions): Steps<PolicyAnalysis> {
  const v = options.kubernetesVersion;
  const budget = new Budget(options.budget ?? DEFAULT_ANALYSIS_BUDGET);
  const space = buildRequestSpace(policy, v);
  const cubes = space.algebra;
  budget.setCubeWords(cubes.words);
  const results: RuleAnalysis[] = [];
  const ctx: Context = { policy, space, cubes, regions: [], hulls: [], taken: [], takenHulls: [], results, budget, v, evaluationCost: evaluationCosts(policy) };
  // The requests no earlier rule matches; each rule takes its part of them.
  let free: readonly Cube[] = space.universe;
  let mergedSize = free.length;
  for (const rule of policy.rules) {
    // Regions are built in order, so a policy that exhausts the budget early costs no more.
    budget.spend(1);
    const raw = budget.exhausted ? [] : ruleRegion(rule, space, v, budget);
    const within = budget.exhausted ? [] : yield* restrict(cubes, yield* merged(cubes, raw, budget), space.universe, budget);
    const region = budget.exhausted ? [] : yield* merged(cubes, within, budget);
    const taken = budget.exhausted ? [] : yield* restrict(cubes, region, free, budget);
    if (budget.exhausted) break;
    budget.hold(region.length + taken.length);
    ctx.regions.push(region);
    ctx.hulls.push(cubes.hull(region));
    ctx.taken.push(taken);
    ctx.takenHulls.push(cubes.hull(taken));
    const result = yield* analyzeRule(rule, ctx);
    if (budget.exhausted) break;
    results.push(result ?? unknown(rule.index));
    if (taken.length > 0) {
      free = yield* subtractAll(cubes, free, region, budget);
      // Merging costs about as much as a subtraction; do it when the set has grown by half.
      if (free.length > MERGE_ABOVE && free.length > mergedSize * 1.5) {
        free = yield* merged(cubes, free, budget);
        mergedSize = free.length;
      }
    }
    if (budget.due) yield budget.used;
  }
  // Once the budget is spent, this rule and the rest are unknown.
  for (const rule of policy.rules.slice(results.length)) results.push(unknown(rule.index));
  return { rules: results, complete: !budget.exhausted, work: budget.used };
}

export function analyzePolicy(policy: Policy, options: AnalysisOptions): PolicyAnalysis {
  return runSteps(analysisSteps(policy, options));
}

/** Work units of evaluating the rules up to each one (a witness is proven by evaluating them). */
function evaluationCosts(policy: Policy): number[] {
  let sum = 0;
  return policy.rules.map((r) => {
    const strings = r.users.length + r.userGroups.length + r.verbs.length + r.namespaces.length + r.nonResourceURLs.length + r.resources.reduce((n, gr) => n + 1 + gr.resources.length + gr.resourceNames.length, 0);
    sum += 1 + strings / STRINGS_PER_UNIT;
    return sum;
  });
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
  /** Work units of evaluating the rules up to each one. */
  readonly evaluationCost: readonly number[];
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
function* analyzeRule(rule: PolicyRule, ctx: Context): Steps<RuleAnalysis | undefined> {
  const { budget, cubes } = ctx;
  const region = ctx.regions[rule.index] as readonly Cube[];
  const base = { ...unknown(rule.index), status: 'unsatisfiable' as RuleStatus };
  if (region.length === 0) return base;
  const catchAll = (yield* subtractAll(cubes, ctx.space.universe, region, budget)).length === 0;
  const takers: Taker[] = [];
  for (let j = 0; j < rule.index; j++) {
    if (!budget.spend(1)) return undefined;
    const hull = ctx.takenHulls[j];
    if (!hull || !cubes.meets(hull, ctx.hulls[rule.index] as Cube)) continue;
    const piece = yield* firstIntersection(cubes, ctx.taken[j] as readonly Cube[], region, budget);
    if (piece !== null) takers.push({ rule: j as RuleIndex, piece });
    if (budget.due) yield budget.used;
  }
  if (budget.exhausted) return undefined;
  const effect = effectOf(ctx.policy, rule);
  const mine = ctx.taken[rule.index] as readonly Cube[];
  if (mine.length === 0) {
    const first = takers[0];
    // Requests of the rule that no earlier rule takes would be in `mine`; none means a bug, not a verdict.
    if (first === undefined) return undefined;
    const example = verifiedWitness(yield* pieces(first, region, ctx), first.rule, rule, ctx);
    if (budget.exhausted) return undefined;
    return {
      ...base,
      status: 'shadowed',
      shadowedBy: takers.map((t) => t.rule),
      redundant: takers.every((t) => sameEffect(effectOf(ctx.policy, ctx.policy.rules[t.rule] as PolicyRule), effect)),
      example,
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
    const inside = (yield* subtractAll(cubes, ctx.regions[t.rule] as readonly Cube[], region, budget)).length === 0;
    // Inside this rule, the earlier rule's own witness is an example (it matches this rule too).
    const own = inside ? ctx.results[t.rule]?.witness : null;
    const example = own ?? verifiedWitness(yield* pieces(t, region, ctx), t.rule, rule, ctx);
    if (example === null || budget.exhausted) return undefined;
    overlaps.push({ rule: t.rule, kind: inside ? 'generalization' : 'partial', example });
  }
  if (budget.exhausted) return undefined;
  return { ...base, status: 'reachable', witness, overlaps, catchAll };
}

/** Cubes of what the taker decides among the rule's requests, as many as a witness is chosen from. */
function* pieces(t: Taker, region: readonly Cube[], ctx: Context): Steps<Cube[]> {
  const more = yield* restrict(ctx.cubes, ctx.taken[t.rule] as readonly Cube[], region, ctx.budget, WITNESS_CANDIDATES + MORE_CANDIDATES - 1);
  return [t.piece, ...more];
}

const sameEffect = (a: Effect, b: Effect): boolean =>
  a.level === b.level && a.omitManagedFields === b.omitManagedFields && a.omitStages.join() === b.omitStages.join();

/** A request from one of the cubes that first-matches `firstRule` and is matched by `rule`, proven by the evaluator. */
function verifiedWitness(cubes: readonly Cube[], firstRule: RuleIndex, rule: PolicyRule, ctx: Context): Witness | null {
  const { level, omitStages } = effectOf(ctx.policy, ctx.policy.rules[firstRule] as PolicyRule);
  return provenWitness(cubes, ctx.space, ctx.v, ctx.budget, {
    level,
    omitStages,
    id: rule.index * 1000 + firstRule + 1,
    // Proving evaluates the rules up to the first match.
    cost: ctx.evaluationCost[firstRule] as number,
    proves: (a) => firstMatch(ctx.policy, a, ctx.v) === firstRule && ruleMatches(rule, a, ctx.v),
  });
}
