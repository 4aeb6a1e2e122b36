// The traced form of ruleMatches: the verdict on one rule with a sentence a person can act on.
// Only explain, hover and witnesses pay for the sentences; replay uses ruleMatches alone.
import type { RequestAttributes } from '../attributes.ts';
import type { RuleVerdict } from '../evaluation.ts';
import { atLeast, formatKubernetesVersion, type KubernetesVersion } from '../kubernetesVersion.ts';
import type { GroupResources, PolicyRule, RuleField } from '../model.ts';
import {
  GROUP_WILDCARD_SINCE_MINOR,
  groupMatches,
  mismatchField,
  resourceMatches,
  ruleMismatch,
  type Mismatch,
} from './ruleMatches.ts';

export function ruleVerdict(rule: PolicyRule, attrs: RequestAttributes, v: KubernetesVersion): RuleVerdict {
  const m = ruleMismatch(rule, attrs, v);
  if (m === null) return { rule: rule.index, matched: true, field: null, reason: matchReason(rule, attrs) };
  return {
    rule: rule.index,
    matched: false,
    field: fieldOf(m, rule),
    reason: mismatchReason(m, rule, attrs, v),
  };
}

/** The key to point at: a namespaces-only rule is a resource rule through its namespaces. */
function fieldOf(m: Mismatch, rule: PolicyRule): RuleField | null {
  if (m === 'invalid-level') return null;
  if (m === 'resources-non-resource-request' && rule.resources.length === 0) return 'namespaces';
  return mismatchField(m);
}

const q = (s: string): string => JSON.stringify(s);
const list = (xs: readonly string[]): string => `[${xs.map(q).join(', ')}]`;
const resourceOf = (a: RequestAttributes): string => (a.subresource === '' ? a.resource : `${a.resource}/${a.subresource}`);
const groupName = (g: string): string => (g === '' ? 'the core API group ""' : `API group ${q(g)}`);

function mismatchReason(m: Mismatch, rule: PolicyRule, a: RequestAttributes, v: KubernetesVersion): string {
  switch (m) {
    case 'invalid-level':
      return 'the rule has no valid level, so it never matches (kube-apiserver refuses such a policy)';
    case 'users-no-user':
      return `request has no user, and the rule requires users ${list(rule.users)}`;
    case 'users':
      return `user ${q(a.user?.name ?? '')} is not in users ${list(rule.users)}`;
    case 'userGroups-no-user':
      return `request has no user, and the rule requires userGroups ${list(rule.userGroups)}`;
    case 'userGroups':
      return (a.user?.groups.length ?? 0) === 0
        ? `user ${q(a.user?.name ?? '')} has no groups, and the rule requires userGroups ${list(rule.userGroups)}`
        : `none of the user's groups ${list(a.user?.groups ?? [])} is in userGroups ${list(rule.userGroups)}`;
    case 'verbs':
      return `verbs ${list(rule.verbs)} do not include ${q(a.verb)}`;
    case 'resources-non-resource-request':
      return `non-resource request (path ${q(a.path)}), and the rule only matches resource requests (it has ${resourceRuleFields(rule)})`;
    case 'namespaces':
      return a.namespace === ''
        ? `request is cluster-scoped (namespace ""), not in namespaces ${list(rule.namespaces)}`
        : `namespace ${q(a.namespace)} is not in namespaces ${list(rule.namespaces)}`;
    case 'resources':
      return resourcesReason(rule.resources, a, v);
    case 'nonResourceURLs-resource-request':
      return `resource request (${resourceOf(a)}), and the rule only has nonResourceURLs`;
    case 'nonResourceURLs':
      return `path ${q(a.path)} matches none of nonResourceURLs ${list(rule.nonResourceURLs)}`;
  }
}

function resourceRuleFields(rule: PolicyRule): string {
  const fields = [rule.namespaces.length > 0 ? 'namespaces' : '', rule.resources.length > 0 ? 'resources' : ''];
  return fields.filter((f) => f !== '').join(' and ');
}

/** Says which part of the closest entry failed: the group, the resource, or the name. */
function resourcesReason(entries: readonly GroupResources[], a: RequestAttributes, v: KubernetesVersion): string {
  const sameGroup = entries.filter((gr) => groupMatches(gr.group, a.apiGroup, v));
  if (sameGroup.length === 0) {
    const wildcard = entries.some((gr) => gr.group === '*') && !atLeast(v, GROUP_WILDCARD_SINCE_MINOR);
    const note = wildcard
      ? `; group "*" matches every group only from Kubernetes 1.${GROUP_WILDCARD_SINCE_MINOR} (target ${formatKubernetesVersion(v)})`
      : '';
    return `${groupName(a.apiGroup)} is not among the rule's groups ${list(entries.map((gr) => gr.group))}${note}`;
  }
  const resource = resourceOf(a);
  const byResource = sameGroup.filter((gr) => gr.resources.some((r) => resourceMatches(r, a.resource, a.subresource)));
  if (byResource.length === 0) {
    const specs = sameGroup.flatMap((gr) => gr.resources);
    return `resource ${q(resource)} is not matched by resources ${list(specs)} in ${groupName(a.apiGroup)}`;
  }
  const names = byResource.flatMap((gr) => gr.resourceNames);
  return a.name === ''
    ? `request has no object name, and resource ${q(resource)} is limited to resourceNames ${list(names)}`
    : `name ${q(a.name)} is not in resourceNames ${list(names)}`;
}

function matchReason(rule: PolicyRule, a: RequestAttributes): string {
  const parts: string[] = [];
  const add = (field: RuleField, text: string, present: boolean): void => {
    if (present) parts.push(`${field} ${text}`);
  };
  add('users', `include ${q(a.user?.name ?? '')}`, rule.users.length > 0);
  add('userGroups', 'share a group with the user', rule.userGroups.length > 0);
  add('verbs', `include ${q(a.verb)}`, rule.verbs.length > 0);
  add('namespaces', `include ${q(a.namespace)}`, rule.namespaces.length > 0);
  add('resources', `match ${q(resourceOf(a))}`, rule.resources.length > 0);
  add('nonResourceURLs', `match ${q(a.path)}`, rule.nonResourceURLs.length > 0 && rule.resources.length === 0 && rule.namespaces.length === 0);
  return parts.length === 0 ? 'matches: the rule has no conditions, so it matches every request' : `matches: ${parts.join('; ')}`;
}
