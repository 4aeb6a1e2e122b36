// Whether one policy rule applies to a request, exactly as kube-apiserver's policy checker decides
// (k8s.io/apiserver pkg/audit/policy/checker.go: ruleMatches, ruleMatchesResource,
// ruleMatchesNonResource, pathMatches). Fields are tested in the checker's order, so the first
// failing field reported here is the one the server stops at.
import type { RequestAttributes } from '../attributes.ts';
import { atLeast, type KubernetesVersion } from '../kubernetesVersion.ts';
import type { GroupResources, PolicyRule, RuleField } from '../model.ts';

/** Why a rule does not apply; a plain string so the fast path allocates nothing. */
export type Mismatch =
  | 'invalid-level'
  | 'users-no-user'
  | 'users'
  | 'userGroups-no-user'
  | 'userGroups'
  | 'verbs'
  | 'resources-non-resource-request'
  | 'namespaces'
  | 'resources'
  | 'nonResourceURLs-resource-request'
  | 'nonResourceURLs';

/** `group: "*"` matches every API group from this release on (kubernetes/kubernetes#135262). */
export const GROUP_WILDCARD_SINCE_MINOR = 36;

export function ruleMatches(rule: PolicyRule, attrs: RequestAttributes, v: KubernetesVersion): boolean {
  return ruleMismatch(rule, attrs, v) === null;
}

/**
 * The first field of the rule that rejects the request, or null when the rule matches.
 * Plain loops, no closures: replay calls this for every rule of millions of events.
 */
export function ruleMismatch(rule: PolicyRule, attrs: RequestAttributes, v: KubernetesVersion): Mismatch | null {
  // The loader reports a missing or unknown level; kube-apiserver would not start, so such a rule
  // can never take effect.
  if (rule.level === null) return 'invalid-level';
  const user = attrs.user;
  if (rule.users.length > 0) {
    if (user === null) return 'users-no-user';
    if (!rule.users.includes(user.name)) return 'users';
  }
  if (rule.userGroups.length > 0) {
    if (user === null) return 'userGroups-no-user';
    if (!anyIncluded(user.groups, rule.userGroups)) return 'userGroups';
  }
  if (rule.verbs.length > 0 && !rule.verbs.includes(attrs.verb)) return 'verbs';
  // namespaces or resources make it a resource rule; nonResourceURLs are then never looked at.
  if (rule.namespaces.length > 0 || rule.resources.length > 0) {
    if (!attrs.isResourceRequest) return 'resources-non-resource-request';
    if (rule.namespaces.length > 0 && !rule.namespaces.includes(attrs.namespace)) return 'namespaces';
    if (rule.resources.length > 0 && !anyGroupResourcesMatch(rule.resources, attrs, v)) return 'resources';
    return null;
  }
  if (rule.nonResourceURLs.length > 0) {
    if (attrs.isResourceRequest) return 'nonResourceURLs-resource-request';
    if (!anyPathMatches(attrs.path, rule.nonResourceURLs)) return 'nonResourceURLs';
  }
  return null;
}

function anyIncluded(values: readonly string[], set: readonly string[]): boolean {
  for (let i = 0; i < values.length; i++) if (set.includes(values[i] as string)) return true;
  return false;
}

function anyGroupResourcesMatch(entries: readonly GroupResources[], attrs: RequestAttributes, v: KubernetesVersion): boolean {
  for (let i = 0; i < entries.length; i++) if (groupResourcesMatch(entries[i] as GroupResources, attrs, v)) return true;
  return false;
}

function anyPathMatches(path: string, specs: readonly string[]): boolean {
  for (let i = 0; i < specs.length; i++) if (pathMatches(path, specs[i] as string)) return true;
  return false;
}

export function groupMatches(group: string, apiGroup: string, v: KubernetesVersion): boolean {
  return group === apiGroup || (group === '*' && atLeast(v, GROUP_WILDCARD_SINCE_MINOR));
}

/** One `resources:` entry against a resource request (group, resources, resourceNames). */
export function groupResourcesMatch(gr: GroupResources, attrs: RequestAttributes, v: KubernetesVersion): boolean {
  if (!groupMatches(gr.group, attrs.apiGroup, v)) return false;
  if (gr.resources.length === 0) return true;
  // resourceNames restrict every resource of the entry; a request without a name has name "",
  // so it passes only if "" is listed.
  if (gr.resourceNames.length > 0 && !gr.resourceNames.includes(attrs.name)) return false;
  for (let i = 0; i < gr.resources.length; i++) if (resourceMatches(gr.resources[i] as string, attrs.resource, attrs.subresource)) return true;
  return false;
}

/**
 * "res", "res/sub", "*", "*\/sub" and "res/*" (which also matches "res" without a subresource).
 * Compared in place (lengths, prefixes, suffixes) so no string is built per call.
 */
export function resourceMatches(spec: string, resource: string, subresource: string): boolean {
  if (spec === '*') return true;
  if (subresource === '') {
    if (spec === resource) return true;
  } else {
    // spec === `${resource}/${subresource}`
    if (spec.length === resource.length + 1 + subresource.length && spec.startsWith(resource) && spec.charCodeAt(resource.length) === 47 && spec.endsWith(subresource)) return true;
    // spec === `*/${subresource}`
    if (spec.length === subresource.length + 2 && spec.startsWith('*/') && spec.endsWith(subresource)) return true;
  }
  // spec === `${resource}/*`
  return spec.length === resource.length + 2 && spec.endsWith('/*') && spec.startsWith(resource);
}

/** "*", an exact path, or a prefix ending in "*" (every trailing "*" is dropped, as Go's TrimRight does). */
export function pathMatches(path: string, spec: string): boolean {
  if (spec === '*' || spec === path) return true;
  if (!spec.endsWith('*')) return false;
  let end = spec.length;
  while (end > 0 && spec.charCodeAt(end - 1) === 42) end--;
  if (path.length < end) return false;
  for (let i = 0; i < end; i++) if (path.charCodeAt(i) !== spec.charCodeAt(i)) return false;
  return true;
}

/** The rule field a mismatch is about. */
export function mismatchField(m: Mismatch): RuleField {
  switch (m) {
    case 'invalid-level':
      return 'level';
    case 'users-no-user':
    case 'users':
      return 'users';
    case 'userGroups-no-user':
    case 'userGroups':
      return 'userGroups';
    case 'verbs':
      return 'verbs';
    case 'resources-non-resource-request':
    case 'resources':
      return 'resources';
    case 'namespaces':
      return 'namespaces';
    case 'nonResourceURLs-resource-request':
    case 'nonResourceURLs':
      return 'nonResourceURLs';
  }
}
