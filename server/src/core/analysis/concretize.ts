// Turns a cube into one concrete request: for each dimension the most natural class the cube allows
// (a named user before the anonymous one before no user, GET-like verbs first, the core group, no
// subresource, ...) and that class' representative string. Any choice is a member of the cube; the
// preferences only make witnesses read like real traffic.
import type { RequestAttributes } from '../attributes.ts';
import type { Cube } from './cubeAlgebra.ts';
import { resourcePath } from './requestURI.ts';
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

/** Verbs whose requests carry no object name in the URL. */
const COLLECTION_VERBS = new Set(['list', 'watch', 'create', 'deletecollection']);

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

export function concretize(cube: Cube, space: RequestSpace): RequestAttributes {
  const ranks = ranksOf(space);
  const dim = (d: number): Dimension => space.dims[d] as Dimension;
  const choose = (d: number, r = ranks.dims[d] as readonly number[]): number => space.algebra.best(cube, d, r);
  const value = (d: number, cls: number): string => dim(d).values[cls] ?? '';

  const userClass = choose(USER);
  const groups = space.groups.filter((_, i) => space.algebra.requires(cube, i));
  const user = userClass === NO_USER ? null : { name: value(USER, userClass), groups };
  const verb = value(VERB, choose(VERB));
  const pathClass = choose(PATH);
  const base = { user, verb };
  if (pathClass !== RESOURCE_REQUEST_PATH) {
    return { ...base, apiVersion: '', isResourceRequest: false, namespace: '', apiGroup: '', resource: '', subresource: '', name: '', path: value(PATH, pathClass) };
  }
  const subresource = value(SUBRESOURCE, choose(SUBRESOURCE));
  const apiGroup = value(API_GROUP, choose(API_GROUP));
  const wantsName = subresource !== '' || !COLLECTION_VERBS.has(verb);
  const nameDim = dim(NAME);
  const nameClass = choose(NAME, wantsName ? ranks.named : ranks.unnamed);
  const name = nameClass === nameDim.other ? (nameDim.otherValues.find((n) => (n !== '') === wantsName) ?? (nameDim.otherValues[0] as string)) : value(NAME, nameClass);
  const ref = { apiGroup, apiVersion: 'v1', namespace: value(NAMESPACE, choose(NAMESPACE)), resource: value(RESOURCE, choose(RESOURCE)), subresource, name };
  return { ...base, ...ref, isResourceRequest: true, path: resourcePath(ref) };
}
