// Representative requests for the practice checks. Which level a request really gets is decided by
// the evaluator (first matching rule), never re-derived here; these helpers only build plausible
// requests, shaped as kube-apiserver's RequestInfoFactory would report them.
import type { RequestAttributes, UserInfo } from '../../attributes.ts';
import { effectOf, firstMatch } from '../../evaluate/evaluate.ts';
import type { KubernetesVersion } from '../../kubernetesVersion.ts';
import { LEVELS, type Level, type Policy, type PolicyRule, type RuleIndex, type Stage } from '../../model.ts';

export interface ResourceProbe {
  readonly user: UserInfo;
  readonly verb: string;
  readonly group: string;
  readonly resource: string;
  readonly subresource?: string;
  /** "" for cluster-scoped resources and for lists across all namespaces. */
  readonly namespace: string;
  readonly name: string;
}

/** An ordinary person, and a workload's service account: the users intruders act as. */
export const ORDINARY_USERS: readonly UserInfo[] = [
  { name: 'alice', groups: ['system:authenticated'] },
  {
    name: 'system:serviceaccount:default:default',
    groups: ['system:serviceaccounts', 'system:serviceaccounts:default', 'system:authenticated'],
  },
];

export function resourceRequest(p: ResourceProbe): RequestAttributes {
  const prefix = p.group === '' ? '/api/v1' : `/apis/${p.group}/v1`;
  const ns = p.namespace === '' ? '' : `/namespaces/${p.namespace}`;
  const tail = [p.resource, p.name, p.subresource ?? ''].filter((s) => s !== '').join('/');
  return {
    user: p.user,
    verb: p.verb,
    isResourceRequest: true,
    namespace: p.namespace,
    apiGroup: p.group,
    apiVersion: 'v1',
    resource: p.resource,
    subresource: p.subresource ?? '',
    name: p.name,
    path: `${prefix}${ns}/${tail}`,
  };
}

export interface Outcome {
  readonly rule: RuleIndex | null;
  readonly level: Level;
  readonly omitStages: readonly Stage[];
}

export function outcome(policy: Policy, attrs: RequestAttributes, v: KubernetesVersion): Outcome {
  const index = firstMatch(policy, attrs, v);
  const rule = index === null ? null : (policy.rules[index] ?? null);
  const effect = effectOf(policy, rule);
  return { rule: index, level: effect.level, omitStages: effect.omitStages };
}

export const levelRank = (l: Level): number => LEVELS.indexOf(l);

/** A user the rule's users/userGroups accept, so a probe can reach the rule at all. */
export function userFor(rule: PolicyRule): UserInfo {
  const name = rule.users[0] ?? 'alice';
  const groups = rule.userGroups.length > 0 ? [rule.userGroups[0] as string, 'system:authenticated'] : ['system:authenticated'];
  return { name, groups };
}

export const ruleLabel = (i: RuleIndex | null): string => (i === null ? 'no rule' : `rule ${i}`);
