// exec-verbs-incomplete: a rule written for pods/exec (or attach, portforward) with verbs create
// but not get. kubectl 1.30 opens exec and attach as a WebSocket, an HTTP GET that kube-apiserver
// records as verb get (KEP-4006); port-forward followed in 1.31 (kubernetes PR #125528). Reported
// only when those get requests then end at a lower level than the rule meant (asked of the evaluator).
import { finding, type Finding } from '../../findings.ts';
import type { PolicyRule } from '../../model.ts';
import type { Check } from '../check.ts';
import { levelRank, outcome, resourceRequest, ruleLabel, userFor } from './probeRequest.ts';

const STREAMING = ['exec', 'attach', 'portforward'] as const;

/** The streaming subresources a core entry of the rule names explicitly. */
function streamingSubresources(rule: PolicyRule): string[] {
  const named = new Set<string>();
  for (const e of rule.resources) {
    if (e.group !== '') continue;
    for (const r of e.resources) {
      for (const sub of STREAMING) if (r === `pods/${sub}` || r === 'pods/*' || r === `*/${sub}`) named.add(sub);
    }
  }
  return STREAMING.filter((s) => named.has(s));
}

export const execVerbsIncomplete: Check = function* (ctx) {
  const { policy, kubernetesVersion: v } = ctx;
  for (const rule of policy.rules) {
    if (rule.level === null || rule.level === 'None') continue;
    if (!rule.verbs.includes('create') || rule.verbs.includes('get')) continue;
    const namespace = rule.namespaces[0] ?? 'default';
    for (const subresource of streamingSubresources(rule)) {
      const attrs = resourceRequest({ user: userFor(rule), verb: 'get', group: '', resource: 'pods', subresource, namespace, name: 'web' });
      const o = outcome(policy, attrs, v);
      if (levelRank(o.level) >= levelRank(rule.level)) continue;
      const f: Finding = finding(
        'exec-verbs-incomplete',
        `Since kubectl 1.30 pods/${subresource} arrives as verb get, which this rule lacks: it falls to level ${o.level}; add get.`,
        rule.source.values.verbs ?? rule.source.span,
        rule.index,
        {
          detail: `kubectl opens exec and attach as a WebSocket, an HTTP GET that kube-apiserver records as verb get, not create (KEP-4006; port-forward since kubectl 1.31). Those requests go to ${ruleLabel(o.rule)} at level ${o.level} instead of ${rule.level}.`,
        },
      );
      yield f;
    }
  }
};
