// Which rules of a policy the test cases decide (the rule each case's request first-matches), and
// which reachable rules none does. Rules no request can reach (shadowed, unsatisfiable) cannot be
// covered and are listed apart, not counted against the percentage.
import type { PolicyAnalysis } from '../analysis/analyzePolicy.ts';

export interface RuleCoverage {
  readonly rules: number;
  /** Rules some case decides, in order. */
  readonly decided: readonly number[];
  /** Reachable (or undecided by the analysis) rules no case decides. */
  readonly uncovered: readonly number[];
  /** Rules no request can reach. */
  readonly unreachable: readonly number[];
  /** decided / (rules that can be reached), 100 when none can. */
  readonly percent: number;
}

export function ruleCoverage(analysis: PolicyAnalysis, decidedRules: Iterable<number | null>): RuleCoverage {
  const decided = new Set<number>();
  for (const r of decidedRules) if (r !== null) decided.add(r);
  const reachable = analysis.rules.filter((r) => r.status === 'reachable' || r.status === 'unknown').map((r) => r.rule as number);
  const unreachable = analysis.rules.filter((r) => r.status === 'shadowed' || r.status === 'unsatisfiable').map((r) => r.rule as number);
  const covered = reachable.filter((r) => decided.has(r));
  return {
    rules: analysis.rules.length,
    decided: [...decided].sort((a, b) => a - b),
    uncovered: reachable.filter((r) => !decided.has(r)),
    unreachable,
    percent: reachable.length === 0 ? 100 : (100 * covered.length) / reachable.length,
  };
}
