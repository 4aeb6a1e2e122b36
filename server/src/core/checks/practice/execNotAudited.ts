// exec-not-audited: kubectl exec, attach and port-forward are how an intruder moves from the API
// into workloads. This asks the evaluator which level such requests from ordinary users really get
// (first matching rule, with both verbs they arrive as: create over SPDY, get over WebSocket) and
// reports those that end at None, or at a level whose omitStages drop every stage such a request
// goes through (RequestReceived, ResponseStarted, ResponseComplete; Panic only on a crash).
import { finding, type Finding } from '../../findings.ts';
import type { Check } from '../check.ts';
import { ORDINARY_USERS, outcome, resourceRequest, ruleLabel } from './probeRequest.ts';

const SUBRESOURCES = ['exec', 'attach', 'portforward'] as const;
const STREAM_STAGES = ['RequestReceived', 'ResponseStarted', 'ResponseComplete'] as const;

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
        const silent = o.level === 'None' || STREAM_STAGES.every((st) => o.omitStages.includes(st));
        if (silent && !misses.has(o.rule)) misses.set(o.rule, `${verb} by ${user.name}`);
      }
    }
    for (const [index, example] of misses) {
      const rule = index === null ? undefined : policy.rules[index];
      const where = !rule
        ? 'match no rule, so they get level None'
        : rule.level === 'None'
          ? `end at level None in ${ruleLabel(rule.index)}`
          : `lose every stage to the omitStages of ${ruleLabel(rule.index)}`;
      const advice =
        rule && rule.level !== 'None'
          ? 'Keep at least ResponseComplete for them (or log them in a rule before this one).'
          : `Log pods/exec, pods/attach and pods/portforward at Metadata or above${rule ? ' in a rule before this one' : ''}.`;
      const f: Finding = finding(
        'exec-not-audited',
        `pods/${subresource} requests ${where}: no audit event records the commands run in pods.`,
        rule ? (rule.source.values.level ?? rule.source.span) : (policy.source.rulesKey ?? policy.source.span),
        rule ? rule.index : null,
        { detail: `For example ${example}. ${advice}` },
      );
      yield f;
    }
  }
};
