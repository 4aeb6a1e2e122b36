// The built-in resources a witness may pick, most familiar first, with what a realistic request for
// them needs: the API group and a version the release serves, cluster or namespace scope, and the
// real subresources. From the built-in catalog (catalog/apiCatalog.ts).
import { groupsFor, groupStatus, resourcesOf, type Scope } from '../catalog/apiCatalog.ts';
import { BUILTIN_API } from '../catalog/data/builtinApi.ts';
import type { KubernetesVersion } from '../kubernetesVersion.ts';

export interface CatalogResource {
  readonly group: string;
  readonly resource: string;
  /** The version a request uses: the resource's newest served one. */
  readonly version: string;
  readonly scope: Scope;
  readonly subresources: readonly string[];
}

/** The resources a reader knows at a glance, in order; the rest of the catalog follows. */
const FAMILIAR: readonly (readonly [string, string])[] = [
  ['', 'pods'],
  ['', 'configmaps'],
  ['', 'secrets'],
  ['', 'services'],
  ['apps', 'deployments'],
  ['', 'namespaces'],
  ['', 'nodes'],
  ['', 'serviceaccounts'],
  ['', 'events'],
  ['apps', 'statefulsets'],
  ['batch', 'jobs'],
  ['rbac.authorization.k8s.io', 'roles'],
  ['rbac.authorization.k8s.io', 'clusterroles'],
];

const resourceVersions = new Map<string, readonly string[]>();
for (const g of BUILTIN_API.groups) for (const r of g.resources) resourceVersions.set(`${g.name}/${r.name}`, r.versions);

/** The version a request for group/resource names: the resource's newest, else the group's, else v1. */
export function servedVersion(group: string, resource: string, v: KubernetesVersion): string {
  const status = groupStatus(group, v);
  return resourceVersions.get(`${group}/${resource}`)?.[0] ?? (status?.kind === 'builtin' ? status.versions[0] : undefined) ?? 'v1';
}

const cache = new Map<number, readonly CatalogResource[]>();

/** Every resource the release serves, familiar ones first. */
export function catalogResources(v: KubernetesVersion): readonly CatalogResource[] {
  const known = cache.get(v.minor);
  if (known) return known;
  const served = groupsFor(v).flatMap((group) =>
    resourcesOf(group, v).map((r) => ({ group, resource: r.name, version: servedVersion(group, r.name, v), scope: r.scope, subresources: r.subresources })),
  );
  const rank = (r: CatalogResource): number => {
    const i = FAMILIAR.findIndex(([g, name]) => g === r.group && name === r.resource);
    return i === -1 ? FAMILIAR.length : i;
  };
  const ordered = served.map((r, i) => ({ r, key: rank(r), i })).sort((a, b) => a.key - b.key || a.i - b.i).map((x) => x.r);
  cache.set(v.minor, ordered);
  return ordered;
}
