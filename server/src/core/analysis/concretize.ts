// Turns a cube into one concrete request that reads like real traffic. A cube allows a set of
// classes per dimension, and a string belongs to the class of its name (or to "other" when the
// policy does not name it), so any string whose class the cube allows may be chosen, and the
// dimensions may be chosen together: a built-in resource with its own API group and served
// version, the scope the catalog gives it (no namespace for nodes), one of its real subresources, a
// read verb before writes, HTTP-method verbs for non-resource requests, ordinary names ("alice",
// "default", "example") before fresh ones. Among those choices the first whose requestURI
// kube-apiserver would parse back to the same attributes wins (agreesWithURI); only when the cube
// allows none does the choice fall back to each dimension's most natural class.
import type { RequestAttributes, UserInfo } from '../attributes.ts';
import { scopeOf, subresourcesOf, type Scope } from '../catalog/apiCatalog.ts';
import type { KubernetesVersion } from '../kubernetesVersion.ts';
import { agreesWithURI } from './agreesWithURI.ts';
import { catalogResources, servedVersion, type CatalogResource } from './catalogResources.ts';
import type { Cube } from './cubeAlgebra.ts';
import { resourcePath, RESOURCE_METHODS } from './requestURI.ts';
import {
  ANONYMOUS_CLASS,
  API_GROUP,
  NAME,
  NAMESPACE,
  NO_SUBRESOURCE,
  NO_USER,
  PATH,
  RESOURCE,
  RESOURCE_REQUEST_PATH,
  SUBRESOURCE,
  USER,
  VERB,
  type Dimension,
  type RequestSpace,
} from './requestSpace.ts';

const PREFERRED: Readonly<Record<number, readonly string[]>> = {
  [VERB]: ['get', 'list', 'watch', 'create', 'update', 'patch', 'delete', 'deletecollection'],
  [NAMESPACE]: ['default'],
  [API_GROUP]: [''],
  [RESOURCE]: ['pods', 'configmaps', 'secrets'],
};

/** A non-resource request's verb is the lowercase HTTP method; reads first. */
const HTTP_VERBS = ['get', 'post', 'put', 'patch', 'delete', 'head', 'options'];

/** Verbs whose URL always names the object. */
const NAMED_VERBS = new Set(['get', 'update', 'patch', 'delete']);

/** Verbs whose requests carry no object name in the URL. */
const COLLECTION_VERBS = new Set(['list', 'watch', 'create', 'deletecollection']);

const NAMESPACES: Readonly<Record<Scope, readonly string[]>> = { Namespaced: ['default', 'kube-system'], Cluster: [''] };

/** How many values of a dimension are tried, and how many combinations are parsed back, per request. */
const TRIES_PER_DIMENSION = 4;
const MAX_PARSES = 24;
/** How many catalog resources are tried before the cube's own most natural classes. */
const CATALOG_CHOICES = 2;

/** Rank of every class of every dimension (lower is preferred), computed once per request space. */
interface Ranks {
  readonly dims: readonly (readonly number[])[];
  /** NAME ranks when the request should carry a name, and when it should not. */
  readonly named: readonly number[];
  readonly unnamed: readonly number[];
}

const RANKS = new WeakMap<RequestSpace, Ranks>();

function ranksOf(space: RequestSpace): Ranks {
  const cached = RANKS.get(space);
  if (cached) return cached;
  const byValue = (d: number): number[] => {
    const preferred = PREFERRED[d] ?? [];
    return (space.dims[d] as Dimension).values.map((v, cls) => {
      const p = v === null ? -1 : preferred.indexOf(v);
      return p >= 0 ? p : preferred.length + cls;
    });
  };
  const dims = space.dims.map((_, d) => byValue(d));
  const user = space.dims[USER] as Dimension;
  dims[USER] = user.values.map((_, cls) => (cls === NO_USER ? 2e9 : cls === ANONYMOUS_CLASS ? 1e9 : cls === user.other ? -1 : cls));
  dims[PATH] = (space.dims[PATH] as Dimension).values.map((_, cls) => cls);
  dims[SUBRESOURCE] = (space.dims[SUBRESOURCE] as Dimension).values.map((_, cls) => (cls === NO_SUBRESOURCE ? -1 : cls));
  const name = space.dims[NAME] as Dimension;
  const nameRanks = (wantsName: boolean): number[] => name.values.map((v, cls) => (cls === name.other ? 0 : (v !== '') === wantsName ? 1 : 2 + cls));
  const ranks = { dims, named: nameRanks(true), unnamed: nameRanks(false) };
  RANKS.set(space, ranks);
  return ranks;
}

/** Choices within one cube. */
class Picker {
  private readonly ranks: Ranks;

  constructor(
    private readonly cube: Cube,
    private readonly space: RequestSpace,
  ) {
    this.ranks = ranksOf(space);
  }

  private dim(d: number): Dimension {
    return this.space.dims[d] as Dimension;
  }

  /** Whether the cube allows the string s in dimension d (its named class, or "other"). */
  allows(d: number, s: string): boolean {
    const dim = this.dim(d);
    const cls = dim.named.get(s) ?? dim.other;
    return cls >= 0 && this.space.algebra.allows(this.cube, d, cls);
  }

  /** The most natural allowed class of d. */
  best(d: number, ranks = this.ranks.dims[d] as readonly number[]): number {
    return this.space.algebra.best(this.cube, d, ranks);
  }

  value(d: number, cls: number): string {
    return this.dim(d).values[cls] ?? '';
  }

  /** The first few allowed values among the wanted ones, then the policy's own and fresh ones, then the fallback. */
  values(d: number, wanted: readonly string[], fallback: string): string[] {
    const dim = this.dim(d);
    const out: string[] = [];
    // The policy's own values in class order, only as many allowed classes as can be needed (a
    // dimension may have thousands); a null (not applicable) or a wanted one is skipped.
    const own = this.space.algebra.firstClasses(this.cube, d, TRIES_PER_DIMENSION + wanted.length + 2).map((cls) => dim.values[cls] ?? null);
    search: for (const list of [wanted, own, dim.otherValues]) {
      for (const s of list) {
        if (s === null || out.includes(s) || !this.allows(d, s)) continue;
        out.push(s);
        if (out.length === TRIES_PER_DIMENSION) break search;
      }
    }
    if (!out.includes(fallback)) out.push(fallback);
    return out;
  }

  /** The name of the most natural class, given whether the request should name an object. */
  fallbackName(wantsName: boolean): string {
    const dim = this.dim(NAME);
    const cls = this.best(NAME, wantsName ? this.ranks.named : this.ranks.unnamed);
    if (cls !== dim.other) return this.value(NAME, cls);
    return dim.otherValues.find((n) => (n !== '') === wantsName) ?? (dim.otherValues[0] as string);
  }
}

export function concretize(cube: Cube, space: RequestSpace, v: KubernetesVersion): RequestAttributes {
  const pick = new Picker(cube, space);
  const userClass = pick.best(USER);
  const groups = space.algebra.requiredGroupIndices(cube).map((i) => space.groups[i] as string);
  const user = userClass === NO_USER ? null : { name: pick.value(USER, userClass), groups };
  const verbs = (wanted: readonly string[]): string[] => pick.values(VERB, wanted, pick.value(VERB, pick.best(VERB)));
  if (pick.best(PATH) !== RESOURCE_REQUEST_PATH) return nonResourceRequest(cube, space, user, verbs(HTTP_VERBS));
  return resourceRequest(pick, cube, space, v, user, verbs(PREFERRED[VERB] as readonly string[]));
}

function nonResourceRequest(cube: Cube, space: RequestSpace, user: UserInfo | null, verbs: readonly string[]): RequestAttributes {
  const empty = { apiVersion: '', isResourceRequest: false, namespace: '', apiGroup: '', resource: '', subresource: '', name: '' };
  const paths = space.algebra.firstClasses(cube, PATH, MAX_PARSES).map((cls) => (space.dims[PATH] as Dimension).values[cls] ?? '');
  const candidates = paths.map((path) => ({ ...empty, user, verb: verbs[0] as string, path }));
  return candidates.find(agreesWithURI) ?? (candidates[0] as RequestAttributes);
}

/** A resource choice: a catalog resource when the cube allows one, else the most natural classes. */
type ResourceChoice = Pick<CatalogResource, 'group' | 'resource' | 'version' | 'subresources'> & { readonly scope: Scope | undefined };

/** The catalog with each resource's API group and resource classes in one space (computed once per space). */
interface ClassedResource {
  readonly r: CatalogResource;
  readonly groupClass: number;
  readonly resourceClass: number;
}

const CLASSED = new WeakMap<RequestSpace, readonly ClassedResource[]>();

function classedCatalog(space: RequestSpace, v: KubernetesVersion): readonly ClassedResource[] {
  const known = CLASSED.get(space);
  if (known) return known;
  const classOf = (d: number, s: string): number => {
    const dim = space.dims[d] as Dimension;
    return dim.named.get(s) ?? dim.other;
  };
  const classed = catalogResources(v).map((r) => ({ r, groupClass: classOf(API_GROUP, r.group), resourceClass: classOf(RESOURCE, r.resource) }));
  CLASSED.set(space, classed);
  return classed;
}

/** Catalog resources the cube allows, then (lazily: rarely needed) the cube's most natural classes. */
function* resourceChoices(pick: Picker, cube: Cube, space: RequestSpace, v: KubernetesVersion): Generator<ResourceChoice> {
  // A resource with a subresource the cube allows (or none, if allowed) comes first: "pods/log", not "configmaps/log".
  const noSubresource = pick.allows(SUBRESOURCE, '');
  let fitting = 0;
  const others: CatalogResource[] = [];
  const algebra = space.algebra;
  for (const { r, groupClass, resourceClass } of classedCatalog(space, v)) {
    if (!algebra.allows(cube, API_GROUP, groupClass) || !algebra.allows(cube, RESOURCE, resourceClass)) continue;
    if (noSubresource || r.subresources.some((s) => pick.allows(SUBRESOURCE, s))) {
      // Usually the first one gives the request, and the rest of the catalog is never scanned.
      yield r;
      if (++fitting === CATALOG_CHOICES) break;
    } else if (others.length < CATALOG_CHOICES) others.push(r);
  }
  yield* others.slice(0, CATALOG_CHOICES - fitting);
  const group = pick.value(API_GROUP, pick.best(API_GROUP));
  const resource = pick.value(RESOURCE, pick.best(RESOURCE));
  yield { group, resource, version: servedVersion(group, resource, v), scope: scopeOf(group, resource), subresources: subresourcesOf(group, resource) };
}

function resourceRequest(pick: Picker, cube: Cube, space: RequestSpace, v: KubernetesVersion, user: UserInfo | null, verbs: readonly string[]): RequestAttributes {
  let first: RequestAttributes | undefined;
  let parses = 0;
  // No URI carries a verb without an HTTP method ("impersonate"): any combination is as good.
  const hopeless = !verbs.some((verb) => RESOURCE_METHODS[verb] !== undefined);
  for (const r of resourceChoices(pick, cube, space, v)) {
    const subresources = pick.values(SUBRESOURCE, ['', ...r.subresources], pick.value(SUBRESOURCE, pick.best(SUBRESOURCE)));
    const namespaces = pick.values(NAMESPACE, r.scope === undefined ? ['default', ''] : (NAMESPACES[r.scope] as readonly string[]), pick.value(NAMESPACE, pick.best(NAMESPACE)));
    // Ordinary requests first; the others only when no ordinary one has a consistent URI.
    for (const wantOrdinary of [true, false]) {
      for (const subresource of subresources) {
        for (const verb of verbs) {
          const wantsName = subresource !== '' || !COLLECTION_VERBS.has(verb);
          for (const namespace of namespaces) {
            // A namespace object's name is its namespace (requestinfo.go reads /api/v1/namespaces/NAME so).
            const itself = r.group === '' && r.resource === 'namespaces' && namespace !== '' ? [namespace] : [];
            const wanted = wantsName ? [...itself, 'example', ''] : ['', ...itself, 'example'];
            for (const name of pick.values(NAME, wanted, pick.fallbackName(wantsName))) {
              // Only combinations of this pass that requestinfo.go can read are parsed; the very first is kept as the fallback.
              const fits = ordinary(r.scope, namespace, name, subresource) === wantOrdinary && nameFits(verb, subresource, name);
              if (!fits && first !== undefined) continue;
              const ref = { apiGroup: r.group, apiVersion: r.version, namespace, resource: r.resource, subresource, name, verb };
              const a: RequestAttributes = { ...ref, user, isResourceRequest: true, path: resourcePath(ref) };
              if (hopeless) return a;
              first ??= a;
              if (!fits) continue;
              if (agreesWithURI(a)) return a;
              if (++parses >= MAX_PARSES) return first;
            }
          }
        }
      }
    }
  }
  return first as RequestAttributes;
}

/**
 * Whether requestinfo.go can read this verb with this name at all: get, update, patch and delete
 * name their object in the path (without one a GET is a list and a DELETE a deletecollection); a
 * deletecollection names none; a list or watch names one only by field selector, so not with a
 * subresource (whose URL needs the name in the path).
 */
function nameFits(verb: string, subresource: string, name: string): boolean {
  if (NAMED_VERBS.has(verb)) return name !== '';
  if (verb === 'deletecollection') return name === '';
  if (verb === 'list' || verb === 'watch') return subresource === '' || name === '';
  return true;
}

/**
 * Requests a client actually sends: a namespaced object is named within a namespace (across all
 * namespaces only a list or watch), and a subresource belongs to a named object. Others, like
 * GET /api/v1/pods/example or GET .../pods//log, are given only when the cube allows nothing better.
 */
const ordinary = (scope: Scope | undefined, namespace: string, name: string, subresource: string): boolean =>
  !(scope === 'Namespaced' && namespace === '' && name !== '') && !(subresource !== '' && name === '');
