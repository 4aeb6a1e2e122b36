// Questions about the Kubernetes API for a target release, answered from the generated discovery data
// plus the hand-kept facts (removals, extension groups, identities). Pure; indexes built once at load.
import type { KubernetesVersion } from '../kubernetesVersion.ts';
import { BUILTIN_API } from './data/builtinApi.ts';
import {
  EXTENSION_GROUPS,
  EXTRA_SUBRESOURCES,
  OBSOLETE_USERS,
  REMOVED_GROUPS,
  REMOVED_RESOURCES,
  type ObsoleteIdentity,
  type RemovedGroup,
} from './knownFacts.ts';

export type Scope = 'Namespaced' | 'Cluster';

export interface ResourceInfo {
  readonly group: string;
  /** Plural name, as policies and requests use it. */
  readonly name: string;
  readonly singular: string;
  readonly kind: string;
  readonly scope: Scope;
  readonly subresources: readonly string[];
  /** First release that no longer serves it; undefined while served. */
  readonly removedIn?: number;
  readonly movedTo?: string;
}

export type GroupStatus =
  | { readonly kind: 'builtin'; readonly versions: readonly string[] }
  | { readonly kind: 'removed'; readonly removedIn: number; readonly note: string }
  | { readonly kind: 'extension'; readonly provider: string };

export interface SubresourceKind {
  readonly group: string;
  readonly resource: string;
  readonly subresource: string;
  readonly kind: string;
}

const builtinGroups = new Map<string, readonly string[]>();
const resources = new Map<string, Map<string, ResourceInfo>>();
const subresourceKinds: SubresourceKind[] = [];

function add(info: ResourceInfo): void {
  let m = resources.get(info.group);
  if (!m) resources.set(info.group, (m = new Map()));
  m.set(info.name, info);
}

for (const g of BUILTIN_API.groups) {
  builtinGroups.set(g.name, g.versions);
  for (const r of g.resources) {
    const extra = EXTRA_SUBRESOURCES.filter((e) => e.group === g.name && e.resource === r.name).map((e) => e.subresource);
    add({
      group: g.name,
      name: r.name,
      singular: r.singular,
      kind: r.kind,
      scope: r.namespaced ? 'Namespaced' : 'Cluster',
      subresources: [...r.subresources.map((s) => s.name), ...extra].sort(),
    });
    for (const s of r.subresources) {
      if (s.kind !== r.kind) subresourceKinds.push({ group: g.name, resource: r.name, subresource: s.name, kind: s.kind });
    }
  }
}
for (const r of REMOVED_RESOURCES) {
  const { removedIn, movedTo } = r;
  add({
    group: r.group,
    name: r.resource,
    singular: r.singular,
    kind: r.kind,
    scope: r.namespaced ? 'Namespaced' : 'Cluster',
    subresources: r.subresources,
    removedIn,
    ...(movedTo === undefined ? {} : { movedTo }),
  });
}
const removedGroups = new Map<string, RemovedGroup>(REMOVED_GROUPS.map((g) => [g.group, g]));
const extensionGroups = new Map(EXTENSION_GROUPS.map((g) => [g.group, g.provider]));

const servedAt = (r: ResourceInfo, v: KubernetesVersion): boolean => r.removedIn === undefined || v.minor < r.removedIn;

/** What the catalog knows about a group name; undefined for a group it has never heard of. */
export function groupStatus(group: string, v: KubernetesVersion): GroupStatus | undefined {
  const removed = removedGroups.get(group);
  if (removed && v.minor >= removed.removedIn) return { kind: 'removed', removedIn: removed.removedIn, note: removed.note };
  const versions = builtinGroups.get(group);
  if (versions) return { kind: 'builtin', versions };
  if (removed) return { kind: 'builtin', versions: removed.versions };
  const provider = extensionGroups.get(group);
  return provider === undefined ? undefined : { kind: 'extension', provider };
}

/** Built-in groups served by the release, sorted ("" first). */
export function groupsFor(v: KubernetesVersion): string[] {
  const names = new Set(builtinGroups.keys());
  for (const g of REMOVED_GROUPS) if (v.minor < g.removedIn) names.add(g.group);
  return [...names].sort();
}

/** Resources the group serves in the release, sorted by name. */
export function resourcesOf(group: string, v: KubernetesVersion): ResourceInfo[] {
  return [...(resources.get(group)?.values() ?? [])].filter((r) => servedAt(r, v)).sort((a, b) => (a.name < b.name ? -1 : 1));
}

/** The resource, served or not (removedIn says which); undefined if the group never had it. */
export function resourceInfo(group: string, resource: string): ResourceInfo | undefined {
  return resources.get(group)?.get(resource);
}

/** Groups serving a resource with this plural name in the release. */
export function groupsServing(resource: string, v: KubernetesVersion): string[] {
  const out: string[] = [];
  for (const [group, m] of resources) {
    const r = m.get(resource);
    if (r && servedAt(r, v)) out.push(group);
  }
  return out.sort();
}

export function subresourcesOf(group: string, resource: string): readonly string[] {
  return resourceInfo(group, resource)?.subresources ?? [];
}

export function scopeOf(group: string, resource: string): Scope | undefined {
  return resourceInfo(group, resource)?.scope;
}

/**
 * Served resources whose kind or singular name is `name` (exact, or ignoring case): "Pod" and "pod"
 * give core pods. Resources of `preferGroup` come first.
 */
export function resourcesNamed(name: string, v: KubernetesVersion, preferGroup?: string): ResourceInfo[] {
  const lower = name.toLowerCase();
  const out: ResourceInfo[] = [];
  for (const m of resources.values()) {
    for (const r of m.values()) {
      if (!servedAt(r, v)) continue;
      if (r.kind.toLowerCase() === lower || r.singular === lower || r.name === lower) out.push(r);
    }
  }
  return out.sort((a, b) => Number(b.group === preferGroup) - Number(a.group === preferGroup) || (a.group < b.group ? -1 : 1));
}

/**
 * Subresources whose objects have their own kind, found by a plural-looking name of that kind:
 * "tokenrequests" -> serviceaccounts/token (TokenRequest), "evictions" -> pods/eviction.
 */
export function subresourceForKindPlural(name: string): SubresourceKind[] {
  const lower = name.toLowerCase();
  return subresourceKinds.filter((s) => {
    const k = s.kind.toLowerCase();
    return lower === k || lower === `${k}s`;
  });
}

/** The identity if no request can carry it any more on the release. */
export function obsoleteUser(name: string, v: KubernetesVersion): ObsoleteIdentity | undefined {
  return OBSOLETE_USERS.find((u) => u.name === name && v.minor >= u.goneIn);
}

export { IDENTITY_PATTERNS, WELL_KNOWN_GROUPS, WELL_KNOWN_USERS, type Identity } from './knownFacts.ts';
