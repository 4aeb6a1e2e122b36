// The reachability analysis as lint findings: unsatisfiable, shadowed and redundant rules, a
// catch-all that is not last (said once, instead of one finding per rule after it), order-sensitive
// overlaps (hint) and an incomplete analysis. Each finding names the rules involved, links them as
// related locations and gives a concrete example request.
import { effectOf, type Effect } from '../evaluate/evaluate.ts';
import { finding, type Finding, type RelatedLocation } from '../findings.ts';
import type { Policy, PolicyRule, RuleIndex } from '../model.ts';
import { ruleNumbers } from '../ruleNumbers.ts';
import type { PolicyAnalysis, RuleAnalysis, RuleOverlap } from './analyzePolicy.ts';

const ruleAt = (policy: Policy, i: RuleIndex): PolicyRule => policy.rules[i] as PolicyRule;

function effectText(e: Effect): string {
  const stages = e.omitStages.length > 0 ? `, omitStages ${e.omitStages.join('/')}` : '';
  return `level ${e.level}${stages}${e.omitManagedFields ? ', omitManagedFields' : ''}`;
}

/** The first non-last rule that matches every request, if any. */
export function catchAllNotLast(analysis: PolicyAnalysis): RuleAnalysis | undefined {
  return analysis.rules.find((r) => r.catchAll && r.status !== 'unknown' && r.rule < analysis.rules.length - 1);
}

export function reachabilityFindings(policy: Policy, analysis: PolicyAnalysis): Finding[] {
  const findings: Finding[] = [];
  const catchAll = catchAllNotLast(analysis);
  if (catchAll) findings.push(catchAllFinding(policy, catchAll));
  for (const r of analysis.rules) {
    const rule = ruleAt(policy, r.rule);
    // A rule with no valid level is already an error of its own (invalid-level).
    if (rule.level === null) continue;
    if (r.status === 'unsatisfiable') {
      findings.push(
        finding('unsatisfiable-rule', `Rule ${r.rule} never applies: no request can match it.`, rule.source.span, r.rule, { detail: unsatisfiableReason(rule), tags: ['unnecessary'] }),
      );
    } else if (r.status === 'shadowed' && !(catchAll && r.rule > catchAll.rule)) {
      findings.push(shadowedFinding(policy, r));
    } else if (r.status === 'reachable' && r.overlaps.length > 0 && !r.catchAll) {
      findings.push(overlapFinding(policy, r));
    }
  }
  const stopped = analysis.rules.find((r) => r.status === 'unknown');
  if (stopped) {
    const rule = ruleAt(policy, stopped.rule);
    const last = analysis.rules.length - 1;
    const range = stopped.rule === last ? `rule ${last} was` : `rules ${stopped.rule} to ${last} were`;
    findings.push(
      finding('analysis-incomplete', `The reachability analysis stopped at its time budget: ${range} not checked for shadowing.`, rule.source.span, stopped.rule, {
        detail: 'Run `kube-audit-policy analyze` for the full analysis (its budget is 200 times larger).',
      }),
    );
  }
  return findings;
}

function catchAllFinding(policy: Policy, r: RuleAnalysis): Finding {
  const later = policy.rules.filter((x) => x.index > r.rule);
  const related: RelatedLocation[] = later.map((x) => ({ span: x.source.span, message: `Rule ${x.index} never applies: rule ${r.rule} matches every request first.` }));
  const which = later.length === 1 ? `rule ${later[0]?.index} never applies` : `rules ${r.rule + 1} to ${policy.rules.length - 1} never apply`;
  return finding('catch-all-not-last', `Rule ${r.rule} matches every request, so ${which}: move it to the end.`, ruleAt(policy, r.rule).source.span, r.rule, {
    detail: 'The first rule that matches a request decides its level, and this one matches them all.',
    related,
  });
}

function shadowedFinding(policy: Policy, r: RuleAnalysis): Finding {
  const rule = ruleAt(policy, r.rule);
  const effect = effectOf(policy, rule);
  const related: RelatedLocation[] = r.shadowedBy.map((i) => {
    const other = effectOf(policy, ruleAt(policy, i));
    return { span: ruleAt(policy, i).source.span, message: `Rule ${i} (${effectText(other)}) takes requests rule ${r.rule} matches.` };
  });
  const by = ruleNumbers(r.shadowedBy);
  const verb = r.shadowedBy.length === 1 ? 'catches' : 'catch';
  const first = r.shadowedBy[0] as RuleIndex;
  const example = r.example ? `For example ${r.example.description} goes to rule ${first} (${effectText(effectOf(policy, ruleAt(policy, first)))}). ` : '';
  if (r.redundant) {
    return finding('redundant-rule', `Rule ${r.rule} is redundant: ${by} already ${verb} every request it matches, with the same result.`, rule.source.span, r.rule, {
      detail: `${example}Deleting it changes nothing (its own effect is ${effectText(effect)}).`,
      related,
      tags: ['unnecessary'],
    });
  }
  return finding('shadowed-rule', `Rule ${r.rule} never applies: ${by} ${verb} every request it matches first.`, rule.source.span, r.rule, {
    detail: `${example}Its ${effectText(effect)} is never used; move it above ${ruleNumbers([Math.min(...r.shadowedBy)])} if that is what you meant.`,
    related,
    tags: ['unnecessary'],
  });
}

function overlapFinding(policy: Policy, r: RuleAnalysis): Finding {
  const rule = ruleAt(policy, r.rule);
  const part = (o: RuleOverlap): string =>
    `rule ${o.rule} (${effectText(effectOf(policy, ruleAt(policy, o.rule)))}${o.kind === 'generalization' ? ', a narrower rule placed first' : ''}) takes ${o.example.description}`;
  // A partial overlap is the surprising kind, so it comes first.
  const ordered = [...r.overlaps.filter((o) => o.kind === 'partial'), ...r.overlaps.filter((o) => o.kind !== 'partial')];
  const related: RelatedLocation[] = r.overlaps.map((o) => ({
    span: ruleAt(policy, o.rule).source.span,
    message: `Rule ${o.rule} takes some requests rule ${r.rule} matches, e.g. ${o.example.description}.`,
  }));
  const take = r.overlaps.length === 1 ? 'takes' : 'take';
  return finding('partial-overlap', `Order matters for rule ${r.rule}: ${ruleNumbers(r.overlaps.map((o) => o.rule))} ${take} some of its requests first.`, rule.source.span, r.rule, {
    detail: `Rule ${r.rule} has ${effectText(effectOf(policy, rule))}; ${ordered.map(part).join('; ')}.`,
    related,
  });
}

/**
 * Says which field makes the rule impossible under the request model (docs/analysis.md). Users, groups
 * and verbs accept any string, so only these fields can: a resource rule's namespaces or resources
 * entries, or a non-resource rule's paths.
 */
export function unsatisfiableReason(rule: PolicyRule): string {
  if (rule.namespaces.length > 0 && rule.namespaces.every((n) => n.includes('/'))) {
    return 'Every entry of namespaces contains "/", which a namespace never does.';
  }
  if (rule.namespaces.length > 0 || rule.resources.length > 0) {
    return 'No entry of resources can match a request: a resource, subresource or resource name never contains "/" (write "pods/log", "pods/*" or "*/status").';
  }
  return 'A request path always starts with "/" and has no "?", and none of its nonResourceURLs can match such a path (write "/healthz", "/healthz*" or "*").';
}
