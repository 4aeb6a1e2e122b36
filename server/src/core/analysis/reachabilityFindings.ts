// The reachability analysis as lint findings: unsatisfiable, shadowed and redundant rules, a
// catch-all that is not last (said once, instead of one finding per rule after it), order-sensitive
// overlaps (hint) and an incomplete analysis. Each finding names the rules involved, links them as
// related locations and gives a concrete example request.
import { effectOf, type Effect } from '../evaluate/evaluate.ts';
import { finding, type Finding, type RelatedLocation } from '../findings.ts';
import type { Policy, PolicyRule, RuleIndex } from '../model.ts';
import type { PolicyAnalysis, RuleAnalysis, RuleOverlap } from './analyzePolicy.ts';

const ruleAt = (policy: Policy, i: RuleIndex): PolicyRule => policy.rules[i] as PolicyRule;

/** "rule 2", "rules 2 and 5", "rules 1, 2 and 7". */
function rulesList(rules: readonly RuleIndex[]): string {
  const names = rules.map(String);
  if (names.length === 1) return `rule ${names[0]}`;
  return `rules ${names.slice(0, -1).join(', ')} and ${names.at(-1)}`;
}

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
      findings.push(finding('unsatisfiable-rule', `Rule ${r.rule} never applies: no request can match it. ${unsatisfiableReason(rule)}`, rule.source.span, r.rule, { tags: ['unnecessary'] }));
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
      finding(
        'analysis-incomplete',
        `The reachability analysis stopped at its time budget: ${range} not checked for shadowing. Run \`kube-audit-policy analyze\` for the full analysis.`,
        rule.source.span,
        stopped.rule,
      ),
    );
  }
  return findings;
}

function catchAllFinding(policy: Policy, r: RuleAnalysis): Finding {
  const later = policy.rules.filter((x) => x.index > r.rule);
  const related: RelatedLocation[] = later.map((x) => ({ span: x.source.span, message: `Rule ${x.index} never applies: rule ${r.rule} matches every request first.` }));
  const which = later.length === 1 ? `rule ${later[0]?.index}` : `rules ${r.rule + 1} to ${policy.rules.length - 1}`;
  return finding(
    'catch-all-not-last',
    `Rule ${r.rule} matches every request, so ${later.length === 1 ? 'the rule' : `all ${later.length} rules`} after it (${which}) never apply. Move it to the end of the rules.`,
    ruleAt(policy, r.rule).source.span,
    r.rule,
    { related },
  );
}

function shadowedFinding(policy: Policy, r: RuleAnalysis): Finding {
  const rule = ruleAt(policy, r.rule);
  const effect = effectOf(policy, rule);
  const related: RelatedLocation[] = r.shadowedBy.map((i) => {
    const other = effectOf(policy, ruleAt(policy, i));
    return { span: ruleAt(policy, i).source.span, message: `Rule ${i} (${effectText(other)}) takes requests rule ${r.rule} matches.` };
  });
  const by = rulesList(r.shadowedBy);
  const verb = r.shadowedBy.length === 1 ? 'catches' : 'catch';
  const eg = r.example ? `, e.g. ${r.example.description}` : '';
  if (r.redundant) {
    return finding(
      'redundant-rule',
      `Rule ${r.rule} is redundant: ${by} already ${verb} every request it matches with the same result (${effectText(effect)})${eg}. Deleting it changes nothing.`,
      rule.source.span,
      r.rule,
      { related, tags: ['unnecessary'] },
    );
  }
  const takenBy = r.example ? ` (taken by rule ${r.shadowedBy[0]} with ${effectText(effectOf(policy, ruleAt(policy, r.shadowedBy[0] as RuleIndex)))})` : '';
  return finding(
    'shadowed-rule',
    `Rule ${r.rule} never applies: ${by} ${verb} every request it matches${eg}${takenBy}. Its ${effectText(effect)} is never used; move it above ${rulesList([Math.min(...r.shadowedBy) as RuleIndex])} if that is what you meant.`,
    rule.source.span,
    r.rule,
    { related, tags: ['unnecessary'] },
  );
}

/** At most this many rules are named in a hint's message; the related locations list them all. */
const MAX_NAMED = 4;

function overlapFinding(policy: Policy, r: RuleAnalysis): Finding {
  const rule = ruleAt(policy, r.rule);
  const part = (o: RuleOverlap): string =>
    `rule ${o.rule} (${effectText(effectOf(policy, ruleAt(policy, o.rule)))}${o.kind === 'generalization' ? ', a narrower rule placed first' : ''})`;
  const named = r.overlaps.slice(0, MAX_NAMED).map(part);
  const more = r.overlaps.length - named.length;
  const parts = more > 0 ? [...named, `${more} more`] : named;
  const list = parts.length === 1 ? parts[0] : `${parts.slice(0, -1).join(', ')} and ${parts.at(-1)}`;
  // A partial overlap is the surprising kind, so its example is the one shown.
  const shown = r.overlaps.find((o) => o.kind === 'partial') ?? (r.overlaps[0] as RuleOverlap);
  const related: RelatedLocation[] = r.overlaps.map((o) => ({
    span: ruleAt(policy, o.rule).source.span,
    message: `Rule ${o.rule} takes some requests rule ${r.rule} matches, e.g. ${o.example.description}.`,
  }));
  return finding(
    'partial-overlap',
    `Order matters for rule ${r.rule} (${effectText(effectOf(policy, rule))}): ${list} ${r.overlaps.length === 1 ? 'takes' : 'take'} some of the requests it matches first, e.g. ${shown.example.description} goes to rule ${shown.rule}.`,
    rule.source.span,
    r.rule,
    { related },
  );
}

/**
 * Says which field makes the rule impossible under the request model (docs/analysis.md). Users, groups
 * and verbs accept any string, so only these fields can: a resource rule's namespaces or resources
 * entries, or a non-resource rule's paths.
 */
function unsatisfiableReason(rule: PolicyRule): string {
  if (rule.namespaces.length > 0 && rule.namespaces.every((n) => n.includes('/'))) {
    return 'Every entry of namespaces contains "/", which a namespace never does.';
  }
  if (rule.namespaces.length > 0 || rule.resources.length > 0) {
    return 'No entry of resources can match a request: a resource, subresource or resource name never contains "/" (write "pods/log", "pods/*" or "*/status").';
  }
  return 'A request path always starts with "/" and has no "?", and none of its nonResourceURLs can match such a path (write "/healthz", "/healthz*" or "*").';
}
