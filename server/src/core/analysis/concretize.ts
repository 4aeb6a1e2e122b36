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

/** The allowed class that ranks best (lowest rank); a cube never allows no class. */
function pick(classes: readonly number[], rank: (cls: number) => number): number {
  let best = classes[0] as number;
  for (const cls of classes) if (rank(cls) < rank(best)) best = cls;
  return best;
}

function valueRank(dim: Dimension, d: number): (cls: number) => number {
  const preferred = PREFERRED[d] ?? [];
  return (cls) => {
    const v = dim.values[cls];
    const p = v === null || v === undefined ? -1 : preferred.indexOf(v);
    return p >= 0 ? p : preferred.length + cls;
  };
}

export function concretize(cube: Cube, space: RequestSpace): RequestAttributes {
  const dim = (d: number): Dimension => space.dims[d] as Dimension;
  const set = (d: number): number[] => space.algebra.classes(cube, d);
  const choose = (d: number, rank = valueRank(dim(d), d)): number => pick(set(d), rank);
  const value = (d: number, cls: number): string => dim(d).values[cls] ?? '';

  const userClass = choose(USER, (cls) => (cls === NO_USER ? 2e9 : cls === ANONYMOUS_CLASS ? 1e9 : cls === dim(USER).other ? -1 : cls));
  const groups = space.groups.filter((_, i) => space.algebra.requires(cube, i));
  const user = userClass === NO_USER ? null : { name: value(USER, userClass), groups };
  const verb = value(VERB, choose(VERB));
  const pathClass = choose(PATH, (cls) => cls);
  const base = { user, verb };
  if (pathClass !== RESOURCE_REQUEST_PATH) {
    return { ...base, apiVersion: '', isResourceRequest: false, namespace: '', apiGroup: '', resource: '', subresource: '', name: '', path: value(PATH, pathClass) };
  }
  const subresource = value(SUBRESOURCE, choose(SUBRESOURCE, (cls) => (cls === NO_SUBRESOURCE ? -1 : cls)));
  const apiGroup = value(API_GROUP, choose(API_GROUP));
  const wantsName = subresource !== '' || !COLLECTION_VERBS.has(verb);
  const nameDim = dim(NAME);
  const nameClass = choose(NAME, (cls) => (cls === nameDim.other ? 0 : (nameDim.values[cls] !== '') === wantsName ? 1 : 2 + cls));
  const name = nameClass === nameDim.other ? (nameDim.otherValues.find((n) => (n !== '') === wantsName) ?? (nameDim.otherValues[0] as string)) : value(NAME, nameClass);
  const ref = { apiGroup, apiVersion: 'v1', namespace: value(NAMESPACE, choose(NAMESPACE)), resource: value(RESOURCE, choose(RESOURCE)), subresource, name };
  return { ...base, ...ref, isResourceRequest: true, path: resourcePath(ref) };
}
