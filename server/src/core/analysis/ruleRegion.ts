// The requests one rule matches, as a union of cubes over the policy's request space, following
// the checker's structure (pkg/audit/policy/checker.go ruleMatches): users, then userGroups (any
// of, so one cube per group), verbs, then either the resource part (namespaces and the resources
// entries, one cube per entry and resource box) or the nonResourceURLs, or neither (every request).
// Class membership for paths and API groups is decided by the evaluator's own pathMatches and
// groupMatches on each class' representative, which is exact because members of a class are
// indistinguishable to every spec. Both are memoised per distinct string and charged to the budget
// (each new string is compared with every class), as is every cube made.
import { groupMatches, pathMatches } from '../evaluate/ruleMatches.ts';
import type { KubernetesVersion } from '../kubernetesVersion.ts';
import type { GroupResources, PolicyRule } from '../model.ts';
import type { Budget } from './budget.ts';
import { classSet, type Cube } from './cubeAlgebra.ts';
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
  const classes: number[] = [];
  for (const s of strings) {
    const i = dim.named.get(s);
    if (i !== undefined) classes.push(i);
  }
  return classSet(classes);
}

/** Every class of a dimension except "not applicable". */
const applicable = (space: RequestSpace, d: number): bigint => (space.full.dims[d] as bigint) & ~bit(NOT_APPLICABLE);

/** String comparisons per work unit. */
const COMPARISONS_PER_UNIT = 4;

/** What a memo entry is for: a group's meaning depends on the release (`*` is every group from 1.36), and the diff reads two releases into one space. */
const memoKey = (d: typeof PATH | typeof API_GROUP, s: string, v: KubernetesVersion): string => (d === PATH ? s : `${v.major}.${v.minor} ${s}`);

/**
 * Charges, before any is compared, the comparisons of the rule's strings not seen before with every
 * class of their dimension (a rule of 30,000 paths is refused at once, not after most of the work).
 */
function chargeNewStrings(space: RequestSpace, d: typeof PATH | typeof API_GROUP, strings: readonly string[], v: KubernetesVersion, budget: Budget): boolean {
  const memo = space.matching[d];
  const fresh = new Set(strings.map((s) => memoKey(d, s, v)).filter((k) => !memo.has(k))).size;
  return budget.charge((fresh * (space.dims[d] as Dimension).values.length) / COMPARISONS_PER_UNIT);
}

/**
 * The classes of dimension d whose representative `matches` accepts; memoised per space and
 * string, as rules repeat specs and groups (charged by chargeNewStrings).
 */
function matchingClasses(space: RequestSpace, d: typeof PATH | typeof API_GROUP, s: string, v: KubernetesVersion, matches: (value: string) => boolean): bigint {
  const memo = space.matching[d];
  const key = memoKey(d, s, v);
  const known = memo.get(key);
  if (known !== undefined) return known;
  const values = (space.dims[d] as Dimension).values;
  const classes: number[] = [];
  values.forEach((value, i) => {
    if (value !== null && matches(value)) classes.push(i);
  });
  const set = classSet(classes);
  memo.set(key, set);
  return set;
}

/** The requests the rule matches; [] when the budget is spent first (the caller sees it exhausted). */
export function ruleRegion(rule: PolicyRule, space: RequestSpace, v: KubernetesVersion, budget: Budget): Cube[] {
  if (rule.level === null) return [];
  const groupStrings = rule.resources.map((gr) => gr.group);
  if (!chargeNewStrings(space, PATH, rule.nonResourceURLs, v, budget) || !chargeNewStrings(space, API_GROUP, groupStrings, v, budget)) return [];
  const base = [...space.full.dims];
  if (rule.users.length > 0) base[USER] = namedClasses(space.dims[USER] as Dimension, rule.users);
  if (rule.verbs.length > 0) base[VERB] = namedClasses(space.dims[VERB] as Dimension, rule.verbs);
  let parts: Box[] = [{}];
  if (rule.namespaces.length > 0 || rule.resources.length > 0) {
    base[PATH] = bit(RESOURCE_REQUEST_PATH);
    if (rule.namespaces.length > 0) base[NAMESPACE] = namedClasses(space.dims[NAMESPACE] as Dimension, rule.namespaces);
    if (rule.resources.length > 0) parts = rule.resources.flatMap((gr) => entryBoxes(gr, space, v));
  } else if (rule.nonResourceURLs.length > 0) {
    base[PATH] = rule.nonResourceURLs.reduce((set, spec) => set | matchingClasses(space, PATH, spec, v, (p) => pathMatches(p, spec)), 0n);
  }
  if (base.some((d) => d === 0n)) return [];
  // Any of the groups: one cube per group, requiring it (none: no cube requires a group).
  const groups = rule.userGroups.length > 0 ? [...new Set(rule.userGroups)].map((g) => space.groupIndex.get(g) as number) : [undefined];
  const count = parts.length * groups.length;
  if (!budget.spend(count) || count > budget.capacity) {
    budget.overflow();
    return [];
  }
  const cubes: Cube[] = [];
  for (const part of parts) {
    const dims = [...base];
    for (const [d, set] of Object.entries(part)) dims[Number(d)] = set;
    const cube = space.algebra.cube({ dims, present: 0n, absent: 0n });
    for (const g of groups) cubes.push(g === undefined ? cube : space.algebra.requiring(cube, g));
  }
  return cubes;
}

/** One `resources:` entry as boxes over (apiGroup, resource, subresource, name). */
function entryBoxes(gr: GroupResources, space: RequestSpace, v: KubernetesVersion): Box[] {
  const groups = matchingClasses(space, API_GROUP, gr.group, v, (g) => groupMatches(gr.group, g, v));
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
