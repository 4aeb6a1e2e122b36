// The request space of one policy, cut into the finitely many classes the policy can tell apart.
// Each dimension has: a class per string the policy names (a user, verb, namespace, API group,
// resource, subresource or resource name — only strings a real request can carry), one "other"
// class for every string it does not name, and a class for "not applicable" (no user; the resource
// dimensions of a non-resource request; the path of a resource request). Paths use pathClasses.
// Groups are one boolean dimension each (see cube.ts). Rules compare these values only by
// equality, so every member of a class is matched by the same rules: deciding over classes is
// deciding over all requests.
import { GROUP_WILDCARD_SINCE_MINOR } from '../evaluate/ruleMatches.ts';
import { atLeast, type KubernetesVersion } from '../kubernetesVersion.ts';
import type { Policy } from '../model.ts';
import { allClasses, CubeAlgebra, type Cube, type CubeSpec } from './cubeAlgebra.ts';
import { pathClasses } from './pathClasses.ts';
import { resourcePatternBoxes } from './resourcePatternBoxes.ts';

export const USER = 0;
export const VERB = 1;
export const PATH = 2;
export const NAMESPACE = 3;
export const API_GROUP = 4;
export const RESOURCE = 5;
export const SUBRESOURCE = 6;
export const NAME = 7;


/** Class 0 of USER is "no user", class 1 the anonymous user; class 0 of PATH means "a resource request". */
export const NO_USER = 0;
export const ANONYMOUS_CLASS = 1;
export const RESOURCE_REQUEST_PATH = 0;
/** Class 0 of each resource dimension: not a resource request. Class 1 of SUBRESOURCE: no subresource. */
export const NOT_APPLICABLE = 0;
export const NO_SUBRESOURCE = 1;

export const ANONYMOUS = 'system:anonymous';
export const AUTHENTICATED = 'system:authenticated';
export const UNAUTHENTICATED = 'system:unauthenticated';

export interface Dimension {
  /** Representative value of each class; null for "no user" / "not applicable". */
  readonly values: readonly (string | null)[];
  /** Class index of each named string. */
  readonly named: ReadonlyMap<string, number>;
  /** Index of the class of every string the policy does not name (-1 for PATH, whose classes cover all). */
  readonly other: number;
  /** Further values of the "other" class, in order of preference (e.g. "" and "example" for names). */
  readonly otherValues: readonly string[];
}

export interface RequestSpace {
  readonly dims: readonly Dimension[];
  /** The groups with a boolean dimension: bit i is groups[i]. */
  readonly groups: readonly string[];
  readonly groupIndex: ReadonlyMap<string, number>;
  /** Set operations on cubes of this space. */
  readonly algebra: CubeAlgebra;
  /** Every request of the model, as disjoint cubes. */
  readonly universe: readonly Cube[];
  /** Every combination of classes (also impossible ones); rules narrow it. */
  readonly full: CubeSpec;
  /** Classes matched by each nonResourceURLs entry (PATH) and resources group for a release (API_GROUP), filled as rules are read (ruleRegion). */
  readonly matching: Readonly<Record<typeof PATH | typeof API_GROUP, Map<string, bigint>>>;
}

const isSegment = (s: string): boolean => s !== '' && !s.includes('/');
const noSlash = (s: string): boolean => !s.includes('/');

// Fresh values for the "other" class, most natural first; the first that the policy does not name wins.
const OTHER_CANDIDATES: readonly (readonly string[])[] = [
  ['alice', 'bob', 'carol', 'system:serviceaccount:default:app'],
  ['get', 'list', 'create', 'update', 'patch', 'delete', 'watch', 'deletecollection'],
  [],
  ['default', 'team-a', 'team-b', 'kube-public'],
  ['', 'apps', 'batch', 'example.com'],
  ['configmaps', 'pods', 'services', 'deployments', 'widgets'],
  ['status', 'scale', 'log', 'binding'],
  ['', 'example', 'demo'],
];

function dimension(fixed: readonly (string | null)[], named: Iterable<string>, dim: number): Dimension {
  const values: (string | null)[] = [...fixed];
  const index = new Map<string, number>();
  fixed.forEach((v, i) => {
    if (v !== null) index.set(v, i);
  });
  for (const s of named) {
    if (!index.has(s)) {
      index.set(s, values.length);
      values.push(s);
    }
  }
  const otherValues = (OTHER_CANDIDATES[dim] as readonly string[]).filter((s) => !index.has(s));
  for (let n = 0; otherValues.length < 2; n++) {
    const s = `other-${n}`;
    if (!index.has(s)) otherValues.push(s);
  }
  const other = values.length;
  values.push(otherValues[0] as string);
  return { values, named: index, other, otherValues };
}

/** The space of `policy`'s rules; the diff passes the rules of two policies (and its probes) to get classes both can tell apart. */
export function buildRequestSpace(policy: Pick<Policy, 'rules'>, v: KubernetesVersion): RequestSpace {
  // From 1.36 group "*" is a wildcard, not a name a request could carry.
  const groupWildcard = atLeast(v, GROUP_WILDCARD_SINCE_MINOR);
  const users: string[] = [];
  const groupNames = new Set<string>([AUTHENTICATED, UNAUTHENTICATED]);
  const verbs: string[] = [];
  const urls: string[] = [];
  const namespaces: string[] = [];
  const apiGroups: string[] = [];
  const resources: string[] = [];
  const subresources: string[] = [];
  const names: string[] = [];
  for (const rule of policy.rules) {
    users.push(...rule.users);
    for (const g of rule.userGroups) groupNames.add(g);
    verbs.push(...rule.verbs);
    urls.push(...rule.nonResourceURLs);
    namespaces.push(...rule.namespaces.filter(noSlash));
    for (const gr of rule.resources) {
      if (!(groupWildcard && gr.group === '*')) apiGroups.push(gr.group);
      names.push(...gr.resourceNames.filter(noSlash));
      for (const pattern of gr.resources) {
        for (const box of resourcePatternBoxes(pattern)) {
          if (box.resource !== null) resources.push(box.resource);
          if (box.subresource !== null && box.subresource !== '') subresources.push(box.subresource);
        }
      }
    }
  }
  const paths = pathClasses(urls).representatives;
  const dims: Dimension[] = [
    dimension([null, ANONYMOUS], users, USER),
    dimension([], verbs, VERB),
    { values: [null, ...paths], named: new Map(paths.map((p, i) => [p, i + 1])), other: -1, otherValues: [] },
    dimension([null], namespaces, NAMESPACE),
    dimension([null], apiGroups, API_GROUP),
    dimension([null], resources.filter(isSegment), RESOURCE),
    dimension([null, ''], subresources.filter(isSegment), SUBRESOURCE),
    dimension([null], names, NAME),
  ];
  const groups = [...groupNames];
  const groupIndex = new Map(groups.map((g, i) => [g, i]));
  const all = dims.map((d) => allClasses(d.values.length));
  const full: CubeSpec = { dims: all, present: 0n, absent: 0n };
  const algebra = new CubeAlgebra(dims.map((d) => d.values.length), groups.length);
  const universe = universeCubes(all, groupIndex).map((c) => algebra.cube(c));
  return { dims, groups, groupIndex, algebra, universe, full, matching: { [PATH]: new Map(), [API_GROUP]: new Map() } };
}

/**
 * The request model: no user at all; or the anonymous user, in system:unauthenticated; or any other
 * user, in system:authenticated — times a non-resource request (a path, no resource attributes) or a
 * resource request (no path, a resource, optionally namespace/subresource/name).
 */
function universeCubes(all: readonly bigint[], groupIndex: ReadonlyMap<string, number>): CubeSpec[] {
  const everyGroup = allClasses(groupIndex.size);
  const groupBit = (g: string): bigint => 1n << BigInt(groupIndex.get(g) as number);
  const named = (all[USER] as bigint) & ~((1n << BigInt(NO_USER)) | (1n << BigInt(ANONYMOUS_CLASS)));
  const users: { user: bigint; present: bigint; absent: bigint }[] = [
    { user: 1n << BigInt(NO_USER), present: 0n, absent: everyGroup },
    { user: 1n << BigInt(ANONYMOUS_CLASS), present: groupBit(UNAUTHENTICATED), absent: 0n },
    { user: named, present: groupBit(AUTHENTICATED), absent: 0n },
  ];
  const na = 1n << BigInt(NOT_APPLICABLE);
  const resourceDims = [NAMESPACE, API_GROUP, RESOURCE, SUBRESOURCE, NAME];
  const cubes: CubeSpec[] = [];
  for (const u of users) {
    // Resource requests first: witnesses then prefer them, as rules are mostly about resources.
    for (const resourceRequest of [true, false]) {
      const dims = [...all];
      dims[USER] = u.user;
      dims[PATH] = resourceRequest ? 1n << BigInt(RESOURCE_REQUEST_PATH) : (all[PATH] as bigint) & ~(1n << BigInt(RESOURCE_REQUEST_PATH));
      for (const d of resourceDims) dims[d] = resourceRequest ? (all[d] as bigint) & ~na : na;
      cubes.push({ dims, present: u.present, absent: u.absent });
    }
  }
  return cubes;
}


