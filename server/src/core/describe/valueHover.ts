// Hover texts for the values inside a policy: levels, stages, verbs, namespaces, non-resource URLs,
// users, groups, API groups and resources. Facts come from the schema, the API catalog for the
// target release, and kube-apiserver's matching rules (pkg/audit/policy/checker.go).
import {
  IDENTITY_PATTERNS,
  WELL_KNOWN_GROUPS,
  WELL_KNOWN_USERS,
  groupStatus,
  groupsServing,
  obsoleteUser,
  resourceInfo,
  type Identity,
  type ResourceInfo,
} from '../catalog/apiCatalog.ts';
import { GROUP_WILDCARD_SINCE_MINOR } from '../evaluate/ruleMatches.ts';
import { atLeast, formatKubernetesVersion, type KubernetesVersion } from '../kubernetesVersion.ts';
import { code, groupName, list } from './phrases.ts';
import { enumDescription } from './schemaDocs.ts';
import { verbDescription } from './verbDescription.ts';

export function levelHover(level: string): string {
  const description = enumDescription('Level', level);
  return description ? `Level ${code(level)}\n\n${description}` : `${code(level)} is not a level: kube-apiserver accepts None, Metadata, Request and RequestResponse (case-sensitive) and refuses the policy otherwise.`;
}

export function stageHover(stage: string): string {
  const description = enumDescription('Stage', stage);
  return description
    ? `Stage ${code(stage)}\n\n${description} Listed in omitStages: no event is written at this stage.`
    : `${code(stage)} is not a stage: kube-apiserver accepts RequestReceived, ResponseStarted, ResponseComplete and Panic (case-sensitive) and refuses the policy otherwise.`;
}

export function verbHover(verb: string): string {
  return `Verb ${code(verb)}\n\n${verbDescription(verb)}`;
}

export function namespaceHover(namespace: string): string {
  if (namespace === '') return 'Namespace `""`\n\nMatches requests for cluster-scoped resources (nodes, namespaces, clusterroles…) and cluster-wide lists and watches that name no namespace.';
  return `Namespace ${code(namespace)}\n\nCompared literally with the request's namespace: no wildcards, so \`*\` or \`kube-*\` match only a namespace of that exact name. A namespaces list makes the rule a resource rule: it never matches non-resource URLs.`;
}

export function nonResourceUrlHover(url: string): string {
  if (url === '*') return 'Non-resource URL `*`\n\nMatches every non-resource request (health checks, /version, /metrics, discovery…).';
  if (!url.startsWith('/')) return `Non-resource URL ${code(url)}\n\nPaths start with \`/\`, so this matches nothing (and kube-apiserver rejects it when validating).`;
  const prefix = url.replace(/\*+$/, '');
  if (prefix !== url) return `Non-resource URL ${code(url)}\n\nA prefix: matches every path that starts with ${code(prefix)} (the query string is not part of the path).`;
  return `Non-resource URL ${code(url)}\n\nMatches exactly this path (the query string is not part of the path); end it with \`*\` to match a prefix.`;
}

export function userHover(name: string, v: KubernetesVersion): string {
  const obsolete = obsoleteUser(name, v);
  if (obsolete) return `User ${code(name)}\n\nObsolete: ${obsolete.description}. No request carries it on Kubernetes ${formatKubernetesVersion(v)}.`;
  return `User ${code(name)}\n\n${identityText(name, 'user', WELL_KNOWN_USERS) ?? 'Compared literally with the authenticated user name (before impersonation).'}`;
}

export function userGroupHover(name: string): string {
  return `Group ${code(name)}\n\n${identityText(name, 'group', WELL_KNOWN_GROUPS) ?? 'Compared literally with each of the user\'s groups; the rule applies when any of them is listed.'}`;
}

function identityText(name: string, what: 'user' | 'group', known: readonly Identity[]): string | undefined {
  const exact = known.find((i) => i.name === name);
  if (exact) return `Well-known ${what}: ${exact.description}.`;
  const pattern = IDENTITY_PATTERNS.find((p) => new RegExp(`^${p.name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&').replace(/<[^>]+>/g, '[^:]+')}$`).test(name));
  return pattern ? `Matches ${code(pattern.name)}: ${pattern.description}.` : undefined;
}

export function apiGroupHover(group: string, v: KubernetesVersion): string {
  const title = `API group ${code(group)}${group === '' ? ' (core)' : ''}`;
  if (group === '*') {
    return atLeast(v, GROUP_WILDCARD_SINCE_MINOR)
      ? `${title}\n\nEvery API group, from Kubernetes 1.${GROUP_WILDCARD_SINCE_MINOR}.`
      : `${title}\n\nBefore Kubernetes 1.${GROUP_WILDCARD_SINCE_MINOR}, \`*\` is compared literally and matches no group.`;
  }
  const status = groupStatus(group, v);
  if (!status) {
    if (group.includes('/')) return `${title}\n\nLooks like a group with a version: policies name the group only (${code(group.slice(0, group.indexOf('/')))}), so this matches nothing.`;
    return `${title}\n\nNot built into Kubernetes ${formatKubernetesVersion(v)}: a CRD or aggregated API, or a typo.`;
  }
  switch (status.kind) {
    case 'builtin':
      return `${title}\n\nBuilt into Kubernetes${status.versions.length > 0 ? ` (versions ${list(status.versions)})` : ''}.`;
    case 'removed':
      return `${title}\n\nNo longer served from Kubernetes 1.${status.removedIn}: ${status.note}`;
    case 'extension':
      return `${title}\n\nNot built in: ${status.provider}.`;
  }
}

export function resourceNameHover(name: string): string {
  return `Object name ${code(name)}\n\nCompared literally with the name in the request URL. Requests without a name in the URL (list, watch, deletecollection, and create on a collection) carry the name \`""\`, so they match only if \`""\` is listed; a list or watch narrowed with \`fieldSelector=metadata.name=${name === '' ? 'NAME' : name}\` carries that name.`;
}

/** A `resources:` item: "pods", "pods/exec", "*", "*\/status" or "pods/*". */
export function resourceHover(group: string, spec: string, v: KubernetesVersion): string {
  const title = `Resource ${code(spec)} in ${groupName(group)}`;
  if (spec === '*') return `${title}\n\nEvery resource of the group, subresources included.`;
  const slash = spec.indexOf('/');
  const resource = slash < 0 ? spec : spec.slice(0, slash);
  const sub = slash < 0 ? undefined : spec.slice(slash + 1);
  if (resource === '*') return `${title}\n\nThe ${code(sub ?? '')} subresource of every resource of the group.`;
  const info = resourceInfo(group, resource);
  if (!info) {
    const elsewhere = groupsServing(resource, v);
    const hint = elsewhere.length > 0 ? ` It exists in ${list(elsewhere.map((g) => code(groupName(g))))}.` : '';
    return `${title}\n\nNot a resource of ${groupName(group)} in Kubernetes ${formatKubernetesVersion(v)}.${hint}`;
  }
  const about = resourceText(info, v);
  if (sub === undefined) return `${title}\n\n${about}`;
  if (sub === '*') return `${title}\n\n${code(resource)} and all its subresources. ${about}`;
  const known = info.subresources.includes(sub);
  return `${title}\n\nThe ${code(sub)} subresource of ${code(resource)}${known ? '' : ', which it does not have'}. ${about}`;
}

function resourceText(info: ResourceInfo, v: KubernetesVersion): string {
  const removed = info.removedIn !== undefined && v.minor >= info.removedIn ? ` Not served from Kubernetes 1.${info.removedIn}${info.movedTo ? `; use ${info.movedTo}` : ''}.` : '';
  const subs = info.subresources.length > 0 ? ` Subresources: ${info.subresources.map(code).join(', ')}.` : '';
  return `Kind ${code(info.kind)}, ${info.scope === 'Namespaced' ? 'namespaced' : 'cluster-scoped'}.${subs}${removed}`;
}
