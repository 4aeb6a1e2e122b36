// A policy change measured on recorded traffic: the replay index (one entry per distinct request,
// buckets of events per stage and recorded level) evaluated under both policies. Per pair of
// outcomes that differ: the events of those requests, how many of them would be recorded
// differently, and the bytes each policy would log, estimated from what was recorded exactly as
// replay does (a level above the recorded one would add bodies the log never had: those events
// count at their recorded size and are reported as a lower bound, never invented).
import { effectOf } from '../evaluate/evaluate.ts';
import { LEVELS, STAGES, type Stage } from '../model.ts';
import { estimateBytes } from '../replay/estimateBytes.ts';
import { evaluateKeys } from '../replay/evaluateKeys.ts';
import { shapeTarget } from '../replay/queryShapes.ts';
import { UNKNOWN_CODE, type ReplayIndex } from '../replay/replayIndex.ts';
import type { PolicySide } from './diffPolicies.ts';
import { sameEffect } from './outcome.ts';

export interface TrafficSide {
  /** Events this policy would record. */
  readonly kept: number;
  /** Their estimated bytes. */
  readonly bytes: number;
  /** Kept events logged above their recorded level: their bytes count as recorded (a lower bound). */
  readonly growthUnknown: number;
}

export interface TrafficCounts {
  /** Events of requests whose outcome changes. */
  readonly events: number;
  /** Of those, events recorded differently (kept or dropped, level, managedFields). */
  readonly changedEvents: number;
  readonly before: TrafficSide;
  readonly after: TrafficSide;
}

export interface TrafficShape extends TrafficCounts {
  readonly user: string | null;
  readonly verb: string;
  /** "group/resource/subresource", or the path of a non-resource request. */
  readonly target: string;
  readonly namespace: string;
}

export interface PairTraffic extends TrafficCounts {
  readonly beforeRule: number | null;
  readonly afterRule: number | null;
  /** The busiest request shapes of this pair. */
  readonly shapes: readonly TrafficShape[];
}

export interface DiffTraffic {
  /** Every event read. */
  readonly allEvents: number;
  /** Over every pair whose outcome changes. */
  readonly totals: TrafficCounts;
  /** Pairs with events, busiest first. */
  readonly pairs: readonly PairTraffic[];
  /** Stages of which the log holds no event: a change in whether they are logged cannot be counted. */
  readonly stagesNotRecorded: readonly Stage[];
}

class Side {
  kept = 0;
  bytes = 0;
  growthUnknown = 0;

  get value(): TrafficSide {
    return { kept: this.kept, bytes: this.bytes, growthUnknown: this.growthUnknown };
  }
}

class Counter {
  events = 0;
  changedEvents = 0;
  readonly before = new Side();
  readonly after = new Side();

  get value(): TrafficCounts {
    return { events: this.events, changedEvents: this.changedEvents, before: this.before.value, after: this.after.value };
  }
}

/** One policy's record of a bucket: level code, whether kept, bytes. */
interface Recorded {
  readonly level: number;
  readonly kept: boolean;
  readonly omitManagedFields: boolean;
  readonly bytes: number;
  readonly unknown: boolean;
}

export function diffTraffic(index: ReplayIndex, before: PolicySide, after: PolicySide, shapesPerPair = 10): DiffTraffic {
  const oldRule = evaluateKeys(index, before.policy, before.kubernetesVersion);
  const newRule = evaluateKeys(index, after.policy, after.kubernetesVersion);
  const effects = (p: PolicySide) => [effectOf(p.policy, null), ...p.policy.rules.map((r) => effectOf(p.policy, r))];
  const [oldEffects, newEffects] = [effects(before), effects(after)];
  const pairs = new Map<number, { counter: Counter; shapes: Map<number, Counter> }>();
  const total = new Counter();
  const stagesSeen = new Set<number>();
  const width = newEffects.length;
  for (let b = 0; b < index.bucketCount; b++) {
    const key = index.bucketKey[b]!;
    const sl = index.bucketStageLevel[b]!;
    const stage = Math.floor(sl / (UNKNOWN_CODE + 1));
    stagesSeen.add(stage);
    const [x, y] = [oldRule[key]! + 1, newRule[key]! + 1];
    const [e, f] = [oldEffects[x]!, newEffects[y]!];
    if (sameEffect(e, f)) continue;
    const recordedLevel = sl % (UNKNOWN_CODE + 1);
    const events = index.bucketEvents[b]!;
    const record = (effect: typeof e): Recorded => {
      const level = LEVELS.indexOf(effect.level);
      const kept = level > 0 && (stage === UNKNOWN_CODE || !effect.omitStages.includes(STAGES[stage]!));
      const est = estimateBytes(recordedLevel, level, kept, index.bucketBytes[b]!, index.bucketRequestBodyBytes[b]!, index.bucketResponseBodyBytes[b]!);
      return { level, kept, omitManagedFields: effect.omitManagedFields, bytes: est.bytes, unknown: est.unknown };
    };
    const [r, s] = [record(e), record(f)];
    const changed = r.kept !== s.kept || (r.kept && (r.level !== s.level || (r.level >= 2 && r.omitManagedFields !== s.omitManagedFields)));
    const pairKey = x * width + y;
    let pair = pairs.get(pairKey);
    if (pair === undefined) {
      pair = { counter: new Counter(), shapes: new Map() };
      pairs.set(pairKey, pair);
    }
    const shape = index.keyShape[key]!;
    let shapeCounter = pair.shapes.get(shape);
    if (shapeCounter === undefined) {
      shapeCounter = new Counter();
      pair.shapes.set(shape, shapeCounter);
    }
    for (const c of [total, pair.counter, shapeCounter]) add(c, events, changed, r, s);
  }
  return {
    allEvents: index.events,
    totals: total.value,
    pairs: [...pairs]
      .map(([k, p]) => ({
        beforeRule: Math.floor(k / width) === 0 ? null : Math.floor(k / width) - 1,
        afterRule: k % width === 0 ? null : (k % width) - 1,
        ...p.counter.value,
        shapes: [...p.shapes]
          .sort((u, w) => w[1].events - u[1].events || u[0] - w[0])
          .slice(0, shapesPerPair)
          .map(([shape, c]) => {
            const a = index.keys[index.shapeExample[shape]!]!;
            return { user: a.user?.name ?? null, verb: a.verb, target: shapeTarget(a), namespace: a.namespace, ...c.value };
          }),
      }))
      .sort((u, w) => w.events - u.events),
    stagesNotRecorded: STAGES.filter((_, i) => !stagesSeen.has(i) && index.events > 0),
  };
}

function add(c: Counter, events: number, changed: boolean, r: Recorded, s: Recorded): void {
  c.events += events;
  if (changed) c.changedEvents += events;
  for (const [side, rec] of [[c.before, r], [c.after, s]] as const) {
    if (!rec.kept) continue;
    side.kept += events;
    side.bytes += rec.bytes;
    if (rec.unknown) side.growthUnknown += events;
  }
}
