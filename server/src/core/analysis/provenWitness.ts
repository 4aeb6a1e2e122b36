// A witness request taken from a set of cubes and proven by the evaluator before anyone sees it:
// its audit Event, read back with eventToAttributes, must satisfy the caller's condition (the
// analysis: "first-matches rule i and is matched by rule j"; the diff: "first-matches rule a of
// the old policy and rule b of the new one"). Among the first cubes the most natural is tried
// first, and a request whose requestURI kube-apiserver parses back to the same attributes is
// preferred; a cube may force one that has none (a name "" with verb get), and another may not.
import type { RequestAttributes } from '../attributes.ts';
import type { KubernetesVersion } from '../kubernetesVersion.ts';
import type { Level, Stage } from '../model.ts';
import { eventToAttributes, type AuditEvent } from '../request/auditEvent.ts';
import { agreesWithURI } from './agreesWithURI.ts';
import type { Budget } from './budget.ts';
import { concretize } from './concretize.ts';
import type { Cube } from './cubeAlgebra.ts';
import { describeRequest } from './describeRequest.ts';
import { ANONYMOUS_CLASS, API_GROUP, NO_SUBRESOURCE, NO_USER, NOT_APPLICABLE, SUBRESOURCE, USER, type Dimension, type RequestSpace } from './requestSpace.ts';
import { witnessEvent } from './witnessEvent.ts';

export interface Witness {
  /** The request as the policy checker sees it (the event read back by eventToAttributes). */
  readonly attributes: RequestAttributes;
  /** The audit Event for it; `explain --event` reads it back to the same attributes. */
  readonly event: AuditEvent;
  /** "GET /api/v1/namespaces/default/secrets as alice". */
  readonly description: string;
}

/** How many cubes a witness is chosen from (by naturalness). */
export const WITNESS_CANDIDATES = 12;

/** How many further cubes are tried for a witness whose requestURI agrees with its attributes. */
export const MORE_CANDIDATES = 12;

/** Choosing a witness request from a cube costs about this many cube operations (a scan of each dimension's classes)… */
const CONCRETIZE_OPS = 8;
/** …and building its Event, reading it back and comparing its requestURI this many units. */
const WITNESS_UNITS = 40;

export interface WitnessWanted {
  /** The level and omitted stages the Event is logged with. */
  readonly level: Level;
  readonly omitStages: readonly Stage[];
  /** Makes the Event's auditID (reproducible output). */
  readonly id: number;
  /** Work units per request tried for the evaluations `proves` makes. */
  readonly cost: number;
  /** Whether the request, as read back from its Event, is the one wanted. */
  readonly proves: (a: RequestAttributes) => boolean;
}

export function provenWitness(cubes: readonly Cube[], space: RequestSpace, v: KubernetesVersion, budget: Budget, wanted: WitnessWanted): Witness | null {
  // The most natural of the first few cubes; any cube would do. Later cubes are tried only while no
  // request with a consistent URI has been found.
  const ranked = cubes.slice(0, WITNESS_CANDIDATES).map((cube) => ({ cube, rank: naturalness(cube, space) }));
  ranked.sort((a, b) => a.rank - b.rank);
  let proven: Witness | null = null;
  for (const cube of [...ranked.map((r) => r.cube), ...cubes.slice(WITNESS_CANDIDATES, WITNESS_CANDIDATES + MORE_CANDIDATES)]) {
    budget.spend(CONCRETIZE_OPS);
    if (!budget.charge(WITNESS_UNITS + wanted.cost)) return null;
    const request = concretize(cube, space, v);
    const event = witnessEvent(request, wanted.level, wanted.id, wanted.omitStages);
    const read = eventToAttributes(event);
    if (!read.ok || !wanted.proves(read.attributes)) continue;
    const witness = { attributes: read.attributes, event, description: describeRequest(read.attributes) };
    if (agreesWithURI(request)) return witness;
    proven ??= witness;
  }
  return proven;
}

/**
 * Lower is a more natural witness: a named user before the anonymous one before no user; no forced
 * subresource; the core API group allowed (pods rather than another group's resources); few groups.
 */
function naturalness(c: Cube, space: RequestSpace): number {
  const cubes = space.algebra;
  const groups = space.dims[API_GROUP] as Dimension;
  const coreGroup = cubes.allows(c, API_GROUP, groups.named.get('') ?? groups.other) || cubes.allows(c, API_GROUP, NOT_APPLICABLE);
  const anonymous = cubes.allows(c, USER, ANONYMOUS_CLASS);
  const named = cubes.allowsOtherThan(c, USER, [NO_USER, ANONYMOUS_CLASS]);
  const forcedSubresource = !cubes.allows(c, SUBRESOURCE, NO_SUBRESOURCE) && !cubes.allows(c, SUBRESOURCE, NOT_APPLICABLE);
  return (named ? 0 : anonymous ? 1000 : 2000) + (forcedSubresource ? 100 : 0) + (coreGroup ? 0 : 50) + cubes.requiredGroups(c);
}
