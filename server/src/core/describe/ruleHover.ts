// Hover on a rule: what it does (the plain-English summary, first), whether it can ever apply (with
// a request that shows it, and a note when that request is one the release never sees), the earlier
// rules whose order decides some of its requests in one line, and, with a replayed log, how many
// events it took. The detail of the order is behind Go to Definition and the partial-overlap hint.
import type { RuleAnalysis, Witness } from '../analysis/analyzePolicy.ts';
import { unsatisfiableReason } from '../analysis/reachabilityFindings.ts';
import { requestCaveat } from '../checks/catalog/requestCaveat.ts';
import type { KubernetesVersion } from '../kubernetesVersion.ts';
import type { Policy, PolicyRule } from '../model.ts';
import { ruleNumbers } from '../ruleNumbers.ts';
import { codeDocumentationUrl } from './codeDocumentationUrl.ts';
import { code, escapeMarkdown } from './phrases.ts';
import { ruleSummary } from './ruleSummary.ts';

export interface RuleHoverInput {
  readonly rule: PolicyRule;
  readonly policy: Policy;
  readonly kubernetesVersion: KubernetesVersion;
  /** undefined when the analysis did not run (e.g. the policy has errors); pending while it runs. */
  readonly analysis: RuleAnalysis | 'pending' | undefined;
  /** From a replayed log, when one is loaded. */
  readonly hits: { readonly hits: number; readonly events: number } | undefined;
}

export function ruleHover({ rule, policy, kubernetesVersion, analysis, hits }: RuleHoverInput): string {
  const parts = [`**Rule ${rule.index}** (${rule.level === null ? 'no valid level' : code(rule.level)}): ${escapeMarkdown(ruleSummary(rule, policy))}`];
  if (analysis === 'pending') parts.push('_Reachability is being analysed…_');
  else if (analysis) parts.push(...reachability(analysis, rule, policy, kubernetesVersion));
  if (hits) parts.push(hitsText(hits.hits, hits.events));
  return parts.join('\n\n');
}

/** The request in code, with what the release makes of it when it never sees such a request. */
function request(w: Witness, v: KubernetesVersion): string {
  const caveat = requestCaveat(w.attributes, v);
  return `${code(w.description)}${caveat ? ` (${escapeMarkdown(caveat)})` : ''}`;
}

function reachability(a: RuleAnalysis, rule: PolicyRule, policy: Policy, v: KubernetesVersion): string[] {
  const isLast = rule.index === policy.rules.length - 1;
  switch (a.status) {
    case 'unsatisfiable':
      return [`**Never applies**: no request can match it. ${escapeMarkdown(unsatisfiableReason(rule))}`];
    case 'unknown':
      return ['Reachability not decided: the analysis ran out of its time budget.'];
    case 'shadowed': {
      const by = ruleNumbers(a.shadowedBy);
      const take = a.shadowedBy.length > 1 ? 'take' : 'takes';
      const example = a.example ? ` For example ${request(a.example, v)} goes to rule ${a.shadowedBy[0] ?? ''}.` : '';
      return a.redundant
        ? [`**Redundant**: ${by} already ${take} every request it matches, with the same effect; deleting it changes nothing.${example}`]
        : [`**Never applies**: ${by} ${take} every request it matches first, with a different effect.${example}`];
    }
    case 'reachable': {
      const out = [`**Applies**, e.g. to ${a.witness ? request(a.witness, v) : 'some requests'}.`];
      if (a.catchAll) out.push(isLast ? 'It matches every request: the catch-all.' : '**It matches every request**, so every later rule is dead: move it to the end.');
      if (a.overlaps.length > 0) out.push(orderLine(a));
      return out;
    }
  }
}

/**
 * One line however many earlier rules take part; which requests each takes is in the
 * partial-overlap hint and its related locations, and Go to Definition lists the rules.
 */
function orderLine(a: RuleAnalysis): string {
  const all = a.overlaps.map((o) => o.rule);
  // A catch-all gets no partial-overlap hint (nor a definition): every earlier rule is an exception to it.
  if (a.catchAll) return `Except what ${ruleNumbers(all)} ${all.length === 1 ? 'takes' : 'take'} first.`;
  const narrower = a.overlaps.filter((o) => o.kind === 'generalization').map((o) => o.rule);
  const exceptions = narrower.length === 0 ? '' : narrower.length === all.length ? ' (narrower rules placed first)' : ` (${ruleNumbers(narrower)} as narrower rules placed first)`;
  const take = all.length === 1 ? 'takes' : 'take';
  return `[**Order matters**](${codeDocumentationUrl('partial-overlap')}) with ${ruleNumbers(all)}, which ${take} some of its requests first${exceptions}; Go to Definition lists ${all.length === 1 ? 'it' : 'them'}.`;
}

function hitsText(hits: number, events: number): string {
  const share = events > 0 ? ` (${((100 * hits) / events).toFixed(1)}%)` : '';
  return hits === 0 ? `Replay: **no** event of ${events.toLocaleString('en-US')} reached this rule.` : `Replay: **${hits.toLocaleString('en-US')}** of ${events.toLocaleString('en-US')} events${share}.`;
}
