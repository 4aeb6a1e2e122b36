// Fixes from the reachability analysis: a catch-all that is not last moves to the end; a redundant
// (or unsatisfiable) rule is deleted — it changes nothing; a shadowed rule moves above the first
// rule that covers it, which is what its author meant it to do, unless that would leave a rule it
// moves over nothing (the same requests as the moved rule): the move would only swap which rule is
// shadowed, and that rule's fix would move it back.
import { analyzePolicy } from '../analysis/analyzePolicy.ts';
import { cachedAnalysis } from '../analysis/cachedAnalysis.ts';
import type { KubernetesVersion } from '../kubernetesVersion.ts';
import { ruleIndex, type Policy, type RuleIndex } from '../model.ts';
import type { FixProvider } from './fix.ts';
import { deleteRule, moveRule } from './ruleMoves.ts';

export const moveCatchAllFix: FixProvider = (finding, { yaml }) => {
  const count = yaml.rules?.items.length ?? 0;
  const edits = finding.rule === null ? undefined : moveRule(yaml, finding.rule, count);
  return edits ? [{ title: `Move rule ${finding.rule} (it matches every request) to the end`, edits, preferred: false }] : [];
};

export const deleteRuleFix: FixProvider = (finding, { yaml }) => {
  const edits = finding.rule === null ? undefined : deleteRule(yaml, finding.rule);
  return edits ? [{ title: `Delete rule ${finding.rule} (it changes nothing)`, edits, preferred: true }] : [];
};

/** An unsatisfiable rule is usually a typo the author wants repaired, so deleting it is not the default. */
export const deleteUnsatisfiableRuleFix: FixProvider = (finding, { yaml }) => {
  const edits = finding.rule === null ? undefined : deleteRule(yaml, finding.rule);
  return edits ? [{ title: `Delete rule ${finding.rule} (no request can match it)`, edits, preferred: false }] : [];
};

/** Whether moving rule `from` above rule `to` leaves one of the rules it passes, reachable before, shadowed. */
function moveStarves(policy: Policy, from: RuleIndex, to: RuleIndex, v: KubernetesVersion): boolean {
  const order = [...policy.rules];
  const [moved] = order.splice(from, 1);
  if (!moved) return false;
  order.splice(to, 0, moved);
  const after = analyzePolicy({ ...policy, rules: order.map((rule, i) => ({ ...rule, index: ruleIndex(i) })) }, { kubernetesVersion: v });
  const before = cachedAnalysis(policy, v);
  return order.some((rule, i) => i > to && before.rules[rule.index]?.status === 'reachable' && after.rules[i]?.status === 'shadowed');
}

export const moveShadowedRuleFix: FixProvider = (finding, { yaml, policy, kubernetesVersion }) => {
  if (finding.rule === null) return [];
  // The covering rules are the related locations; each lies inside one earlier rule.
  const covering = (finding.related ?? [])
    .map((r) => policy.rules.find((rule) => rule.source.span.start <= r.span.start && r.span.end <= rule.source.span.end)?.index)
    .filter((i): i is RuleIndex => i !== undefined && i < (finding.rule as number));
  if (covering.length === 0) return [];
  const first = Math.min(...covering);
  if (moveStarves(policy, finding.rule, ruleIndex(first), kubernetesVersion)) return [];
  const edits = moveRule(yaml, finding.rule, first);
  return edits ? [{ title: `Move rule ${finding.rule} above rule ${first}, which now takes its requests`, edits, preferred: false }] : [];
};
