// A set of requests (cubes of the request space) in plain English, for the diff's grouped
// output: "get/list/watch on core secrets, anyone". Each dimension says which strings it allows:
// all of them, some named ones, or every string but some named ones (the "other" class stands for
// every string neither policy names). Paths are classes of a prefix structure; they are shown by
// a representative each ("paths like /healthz").
import type { Cube } from '../analysis/cubeAlgebra.ts';
import {
  ANONYMOUS_CLASS,
  API_GROUP,
  AUTHENTICATED,
  NAME,
  NAMESPACE,
  NO_SUBRESOURCE,
  NO_USER,
  NOT_APPLICABLE,
  PATH,
  RESOURCE,
  RESOURCE_REQUEST_PATH,
  SUBRESOURCE,
  UNAUTHENTICATED,
  USER,
  VERB,
  type Dimension,
  type RequestSpace,
} from '../analysis/requestSpace.ts';

/** Paths listed before "…". */
const SHOWN_PATHS = 3;

/** The strings a dimension allows, without the classes given as `special` (no user, not applicable, no subresource). */
interface Allowed {
  readonly any: boolean;
  /** any: the named strings excluded; otherwise the named strings allowed. */
  readonly names: readonly string[];
}

function allowed(space: RequestSpace, c: Cube, d: number, special: readonly number[]): Allowed {
  const dim = space.dims[d] as Dimension;
  const algebra = space.algebra;
  const name = (x: number): string => dim.values[x] ?? '';
  // Bit tests, not searches of the class list: a dimension may hold hundreds of named strings.
  if (dim.other < 0 || special.includes(dim.other) || !algebra.allows(c, d, dim.other)) {
    return { any: false, names: algebra.firstClasses(c, d, Infinity).filter((x) => !special.includes(x)).map(name) };
  }
  const excluded: string[] = [];
  for (const x of dim.named.values()) if (!special.includes(x) && !algebra.allows(c, d, x)) excluded.push(name(x));
  return { any: true, names: excluded };
}

const q = (s: string): string => (s === '' ? '""' : /^[\w.:/*-]+$/.test(s) ? s : JSON.stringify(s));

/** "a", "a or b", "a, b or c" (names may hold "/", so verbs alone are joined with it). */
function list(names: readonly string[], show: (s: string) => string, slash: boolean): string {
  const shown = names.map(show);
  if (slash || shown.length < 2) return shown.join('/');
  return `${shown.slice(0, -1).join(', ')} or ${shown.at(-1)}`;
}

/** "any verb", "any verb but get/list", "get/list". */
function phrase(a: Allowed, noun: string, show: (s: string) => string = q, slash = false): string {
  if (!a.any) return list(a.names, show, slash);
  return a.names.length === 0 ? `any ${noun}` : `any ${noun} but ${list(a.names, show, slash)}`;
}

const groupName = (g: string): string => (g === '' ? 'core' : q(g));

function resourcePart(space: RequestSpace, c: Cube): string {
  const groups = allowed(space, c, API_GROUP, [NOT_APPLICABLE]);
  const resources = phrase(allowed(space, c, RESOURCE, [NOT_APPLICABLE]), 'resource');
  const algebra = space.algebra;
  const bare = algebra.allows(c, SUBRESOURCE, NO_SUBRESOURCE);
  const subs = allowed(space, c, SUBRESOURCE, [NOT_APPLICABLE, NO_SUBRESOURCE]);
  const someSub = subs.any || subs.names.length > 0;
  const subText = phrase(subs, 'subresource');
  const sub = subs.any ? subText : `subresource ${subText}`;
  const what = !someSub ? resources : bare ? `${resources} (itself or ${sub})` : `${resources} ${sub}`;
  const inGroups = !groups.any && groups.names.length === 1 ? `${groupName(groups.names[0] as string)} ${what}` : `${what} in ${phrase(groups, 'API group', groupName)}`;
  const ns = allowed(space, c, NAMESPACE, [NOT_APPLICABLE]);
  const where = ns.any ? (ns.names.length === 0 ? '' : `, in ${phrase(ns, 'namespace')}`) : ns.names.length === 1 && ns.names[0] === '' ? ', cluster-scoped' : `, namespace ${phrase(ns, 'namespace')}`;
  const names = allowed(space, c, NAME, [NOT_APPLICABLE]);
  const named = names.any ? (names.names.length === 0 ? '' : `, ${phrase(names, 'name')}`) : `, name ${phrase(names, 'name')}`;
  return `${inGroups}${where}${named}`;
}

function pathPart(space: RequestSpace, c: Cube): string {
  const dim = space.dims[PATH] as Dimension;
  const all = dim.values.length - 1;
  const paths = space.algebra.firstClasses(c, PATH, Infinity).filter((x) => x !== RESOURCE_REQUEST_PATH);
  if (paths.length === all) return 'any non-resource path';
  const shown = paths.slice(0, SHOWN_PATHS).map((x) => q(dim.values[x] ?? ''));
  return `non-resource paths like ${shown.join(', ')}${paths.length > SHOWN_PATHS ? ', …' : ''}`;
}

function whoPart(space: RequestSpace, c: Cube): string {
  const algebra = space.algebra;
  const kinds: string[] = [];
  const users = allowed(space, c, USER, [NO_USER, ANONYMOUS_CLASS]);
  if (users.any || users.names.length > 0) kinds.push(users.any ? phrase(users, 'user') : `user ${phrase(users, 'user')}`);
  if (algebra.allows(c, USER, ANONYMOUS_CLASS)) kinds.push('anonymous');
  if (algebra.allows(c, USER, NO_USER)) kinds.push('no user (failed authentication)');
  const implied = new Set([AUTHENTICATED, UNAUTHENTICATED]);
  const groups = space.groups.map((g, i) => ({ g, i })).filter(({ g }) => !implied.has(g));
  const inGroups = groups.filter(({ i }) => algebra.requires(c, i)).map(({ g }) => q(g));
  const notIn = groups.filter(({ i }) => algebra.excludes(c, i)).map(({ g }) => q(g));
  // A request without a user has no groups: nothing to say.
  if (kinds.length === 1 && algebra.allows(c, USER, NO_USER)) return kinds[0] as string;
  const membership = [inGroups.length > 0 ? `in group ${inGroups.join(' and ')}` : '', notIn.length > 0 ? `not in group ${notIn.join(' or ')}` : ''].filter((s) => s !== '');
  return `${kinds.join(' or ')}${membership.length > 0 ? ` ${membership.join(', ')}` : ''}`;
}

/** Every request kind, which users aside: "get/list/watch on core secrets". */
function whatPart(space: RequestSpace, c: Cube): string {
  const verbs = phrase(allowed(space, c, VERB, []), 'verb', q, true);
  const resource = space.algebra.allows(c, PATH, RESOURCE_REQUEST_PATH);
  return `${verbs} on ${resource ? resourcePart(space, c) : pathPart(space, c)}`;
}

const EVERYONE = ['any user', 'anonymous', 'no user (failed authentication)'];

/**
 * One line per kind of request, "get/list/watch on core secrets, anyone": cubes that differ only in
 * who sends them (the request model keeps users, the anonymous user and no user apart) share a line.
 */
export function describeRegions(space: RequestSpace, cubes: readonly Cube[]): string[] {
  const who = new Map<string, string[]>();
  for (const c of cubes) {
    const what = whatPart(space, c);
    const users = who.get(what) ?? [];
    users.push(whoPart(space, c));
    who.set(what, users);
  }
  return [...who].map(([what, users]) => {
    const all = EVERYONE.every((u) => users.includes(u)) ? ['anyone', ...users.filter((u) => !EVERYONE.includes(u))] : users;
    return `${what}, ${all.length > 1 ? `${all.slice(0, -1).join(', ')} or ${all.at(-1)}` : all[0]}`;
  });
}
