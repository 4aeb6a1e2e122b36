// The requests one rule matches, as a union of cubes over the policy's request space, following
// the checker's structure (pkg/audit/policy/checker.go ruleMatches): users, then userGroups (any
// of, so one cube per group), verbs, then either the resource part (namespaces and the resources
// entries, one cube per entry and resource box) or the nonResourceURLs, or neither (every request).
// Class membership for paths and API groups is decided by the evaluator's own pathMatches and
// groupMatches on each class' representative, which is exact because members of a class are
// indistinguishable to every spec.
import { groupMatches, pathMatches } from '../evaluate/ruleMatches.ts';
import type { KubernetesVersion } from '../kubernetesVersion.ts';
import type { GroupResources, PolicyRule } from '../model.ts';
import type { Cube } from './cubeAlgebra.ts';
import { resourcePatternBoxes } from './resourcePatternBoxes.ts';
import {
  API_GROUP,
  NAME,
  NAMESPACE,
  NOT_APPLICABLE,
  NO_SUBRESOURCE,
  PATH,
  RESOURCE,
  RESOURCE_REQUEST_PATH,
  SUBRESOURCE,
  USER,
  VERB,
  type Dimension,
  type RequestSpace,
} from './requestSpace.ts';

type Box = Readonly<Record<number, bigint>>;

const bit = (i: number): bigint => 1n << BigInt(i);

/** The classes of the named strings (strings a request cannot carry have no class and drop out). */
function namedClasses(dim: Dimension, strings: readonly string[]): bigint {
  let set = 0n;
  for (const s of strings) {
    const i = dim.named.get(s);
    if (i !== undefined) set |= bit(i);
  }
  return set;
}

/** Every class of a dimension except "not applicable". */
const applicable = (space: RequestSpace, d: number): bigint => (space.full.dims[d] as bigint) & ~bit(NOT_APPLICABLE);

/** The path classes a nonResourceURLs entry matches; memoised per space, as rules repeat specs. */
function specPaths(spec: string, space: RequestSpace): bigint {
  const known = space.specPaths.get(spec);
  if (known !== undefined) return known;
  let set = 0n;
  (space.dims[PATH] as Dimension).values.forEach((p, i) => {
    if (p !== null && pathMatches(p, spec)) set |= bit(i);
  });
  space.specPaths.set(spec, set);
  return set;
}

export function ruleRegion(rule: PolicyRule, space: RequestSpace, v: KubernetesVersion): Cube[] {
  if (rule.level === null) return [];
  const base = [...space.full.dims];
  if (rule.users.length > 0) base[USER] = namedClasses(space.dims[USER] as Dimension, rule.users);
  if (rule.verbs.length > 0) base[VERB] = namedClasses(space.dims[VERB] as Dimension, rule.verbs);
  let parts: Box[] = [{}];
  if (rule.namespaces.length > 0 || rule.resources.length > 0) {
    base[PATH] = bit(RESOURCE_REQUEST_PATH);
    if (rule.namespaces.length > 0) base[NAMESPACE] = namedClasses(space.dims[NAMESPACE] as Dimension, rule.namespaces);
    if (rule.resources.length > 0) parts = rule.resources.flatMap((gr) => entryBoxes(gr, space, v));
  } else if (rule.nonResourceURLs.length > 0) {
    base[PATH] = rule.nonResourceURLs.reduce((set, spec) => set | specPaths(spec, space), 0n);
  }
  if (base.some((d) => d === 0n)) return [];
  const groupBits = rule.userGroups.length > 0 ? [...new Set(rule.userGroups)].map((g) => space.groupBit.get(g) as bigint) : [0n];
  const cubes: Cube[] = [];
  for (const part of parts) {
    const dims = [...base];
    for (const [d, set] of Object.entries(part)) dims[Number(d)] = set;
    for (const present of groupBits) cubes.push(space.algebra.cube({ dims, present, absent: 0n }));
  }
  return cubes;
}

/** One `resources:` entry as boxes over (apiGroup, resource, subresource, name). */
function entryBoxes(gr: GroupResources, space: RequestSpace, v: KubernetesVersion): Box[] {
  const groupDim = space.dims[API_GROUP] as Dimension;
  let groups = 0n;
  groupDim.values.forEach((g, i) => {
    if (g !== null && groupMatches(gr.group, g, v)) groups |= bit(i);
  });
  if (groups === 0n) return [];
  if (gr.resources.length === 0) return [{ [API_GROUP]: groups }];
  const names = gr.resourceNames.length > 0 ? namedClasses(space.dims[NAME] as Dimension, gr.resourceNames) : applicable(space, NAME);
  if (names === 0n) return [];
  const resourceDim = space.dims[RESOURCE] as Dimension;
  const subDim = space.dims[SUBRESOURCE] as Dimension;
  const boxes: Box[] = [];
  for (const pattern of gr.resources) {
    for (const box of resourcePatternBoxes(pattern)) {
      const resources = box.resource === null ? applicable(space, RESOURCE) : bit(resourceDim.named.get(box.resource) as number);
      const subs =
        box.subresource === null
          ? applicable(space, SUBRESOURCE)
          : box.subresource === ''
            ? bit(NO_SUBRESOURCE)
            : bit(subDim.named.get(box.subresource) as number);
      boxes.push({ [API_GROUP]: groups, [RESOURCE]: resources, [SUBRESOURCE]: subs, [NAME]: names });
    }
  }
  return boxes;
}
