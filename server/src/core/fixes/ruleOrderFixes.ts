// Fixes from the reachability analysis: a catch-all that is not last moves to the end; a redundant
// (or unsatisfiable) rule is deleted — it changes nothing; a shadowed rule moves above the first
// rule that covers it, which is what its author meant it to do.
import type { RuleIndex } from '../model.ts';
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

export const moveShadowedRuleFix: FixProvider = (finding, { yaml, policy }) => {
  if (finding.rule === null) return [];
  // The covering rules are the related locations; each lies inside one earlier rule.
  const covering = (finding.related ?? [])
    .map((r) => policy.rules.find((rule) => rule.source.span.start <= r.span.start && r.span.end <= rule.source.span.end)?.index)
    .filter((i): i is RuleIndex => i !== undefined && i < (finding.rule as number));
  if (covering.length === 0) return [];
  const first = Math.min(...covering);
  const edits = moveRule(yaml, finding.rule, first);
  return edits ? [{ title: `Move rule ${finding.rule} above rule ${first}, which now takes its requests`, edits, preferred: false }] : [];
};
