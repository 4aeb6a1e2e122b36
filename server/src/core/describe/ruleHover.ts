// Hover on a rule: what it does, whether it can ever apply (with a request that shows it), the
// earlier rules whose order decides some of its requests, and, with a replayed log, how many
// events it took.
import type { RuleAnalysis } from '../analysis/analyzePolicy.ts';
import type { Policy, PolicyRule } from '../model.ts';
import { code, escapeMarkdown, list } from './phrases.ts';
import { ruleShortSummary, ruleSummary } from './ruleSummary.ts';

export interface RuleHoverInput {
  readonly rule: PolicyRule;
  readonly policy: Policy;
  /** undefined when the analysis did not run (e.g. the policy has errors); pending while it runs. */
  readonly analysis: RuleAnalysis | 'pending' | undefined;
  /** From a replayed log, when one is loaded. */
  readonly hits: { readonly hits: number; readonly events: number } | undefined;
}

export function ruleHover({ rule, policy, analysis, hits }: RuleHoverInput): string {
  const parts = [`**Rule ${rule.index}** · ${rule.level === null ? 'no valid level' : code(rule.level)}`, escapeMarkdown(ruleSummary(rule, policy))];
  if (analysis === 'pending') parts.push('_Reachability is being analysed…_');
  else if (analysis) parts.push(...reachability(analysis, rule, policy));
  if (hits) parts.push(hitsText(hits.hits, hits.events));
  return parts.join('\n\n');
}

const MAX_OVERLAPS = 5;

const rulesList = (indices: readonly number[]): string => `rule${indices.length > 1 ? 's' : ''} ${list(indices.map(String), 6)}`;

function reachability(a: RuleAnalysis, rule: PolicyRule, policy: Policy): string[] {
  const isLast = rule.index === policy.rules.length - 1;
  switch (a.status) {
    case 'unsatisfiable':
      return ['**Never applies**: no request can match it.'];
    case 'unknown':
      return ['Reachability not decided: the analysis ran out of its time budget.'];
    case 'shadowed': {
      const by = rulesList(a.shadowedBy);
      const take = a.shadowedBy.length > 1 ? 'take' : 'takes';
      const example = a.example ? ` For example ${code(a.example.description)} goes to rule ${a.shadowedBy[0] ?? ''}.` : '';
      return a.redundant
        ? [`**Redundant**: ${by} already ${take} every request it matches, with the same effect; deleting it changes nothing.${example}`]
        : [`**Never applies**: ${by} ${take} every request it matches first, with a different effect.${example}`];
    }
    case 'reachable': {
      const out = [`**Applies**, e.g. to ${a.witness ? code(a.witness.description) : 'some requests'}.`];
      if (a.catchAll) out.push(isLast ? 'It matches every request: the catch-all.' : '**It matches every request**, so every later rule is dead: move it to the end.');
      // Partial overlaps are where order silently decides; generalizations are the usual
      // exception-first style, so they are only named.
      const partial = a.overlaps.filter((o) => o.kind === 'partial');
      const exceptions = a.overlaps.filter((o) => o.kind === 'generalization').map((o) => o.rule);
      if (partial.length > 0) {
        const shown = partial.slice(0, MAX_OVERLAPS).map((o) => {
          const level = policy.rules[o.rule]?.level;
          return `- rule ${o.rule}${level ? ` (${code(level)})` : ''} takes some of its requests first, e.g. ${code(o.example.description)}`;
        });
        if (partial.length > MAX_OVERLAPS) shown.push(`- and ${partial.length - MAX_OVERLAPS} more`);
        out.push(`**Order matters** with earlier rules of another effect:\n${shown.join('\n')}`);
      }
      if (exceptions.length > 0) {
        const shown = exceptions.slice(0, MAX_OVERLAPS).map((i) => {
          const earlier = policy.rules[i];
          return `- rule ${i}${earlier?.level ? ` (${code(earlier.level)})` : ''}: ${earlier ? escapeMarkdown(ruleShortSummary(earlier)) : ''}`;
        });
        if (exceptions.length > MAX_OVERLAPS) shown.push(`- and ${exceptions.length - MAX_OVERLAPS} more`);
        out.push(`Except what earlier, narrower rules take first:\n${shown.join('\n')}`);
      }
      return out;
    }
  }
}

function hitsText(hits: number, events: number): string {
  const share = events > 0 ? ` (${((100 * hits) / events).toFixed(1)}%)` : '';
  return hits === 0 ? `Replay: **no** event of ${events.toLocaleString('en-US')} reached this rule.` : `Replay: **${hits.toLocaleString('en-US')}** of ${events.toLocaleString('en-US')} events${share}.`;
}
