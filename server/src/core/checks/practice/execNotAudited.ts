// exec-not-audited: kubectl exec, attach and port-forward are how an intruder moves from the API
// into workloads. This asks the evaluator which level such requests from ordinary users really get
// (first matching rule, with both verbs they arrive as: create over SPDY, get over WebSocket) and
// reports those that end at None.
import { finding, type Finding } from '../../findings.ts';
import type { Check } from '../check.ts';
import { ORDINARY_USERS, outcome, resourceRequest, ruleLabel } from './probeRequest.ts';

const SUBRESOURCES = ['exec', 'attach', 'portforward'] as const;

export const execNotAudited: Check = function* (ctx) {
  const { policy, kubernetesVersion: v } = ctx;
  // A policy that logs nothing at all is reported once, by logs-nothing.
  if (!policy.rules.some((r) => r.level !== null && r.level !== 'None')) return;
  for (const subresource of SUBRESOURCES) {
    const misses = new Map<number | null, string>();
    for (const user of ORDINARY_USERS) {
      for (const verb of ['get', 'create']) {
        const attrs = resourceRequest({ user, verb, group: '', resource: 'pods', subresource, namespace: 'default', name: 'web' });
        const o = outcome(policy, attrs, v);
        if (o.level === 'None' && !misses.has(o.rule)) misses.set(o.rule, `${verb} by ${user.name}`);
      }
    }
    for (const [index, example] of misses) {
      const rule = index === null ? undefined : policy.rules[index];
      const where = rule ? `${ruleLabel(rule.index)} at level None` : 'no rule, so they default to level None';
      const f: Finding = finding(
        'exec-not-audited',
        `pods/${subresource} requests (e.g. ${example}) are matched by ${where}: they leave no audit event, so commands run in pods go unrecorded. Log pods/exec, pods/attach and pods/portforward at Metadata or above${rule ? ' in a rule before this one' : ''}.`,
        rule ? (rule.source.values.level ?? rule.source.span) : (policy.source.rulesKey ?? policy.source.span),
        rule ? rule.index : null,
      );
      yield f;
    }
  }
};
