// Re-aggregates the index for a policy: evaluates each distinct request once, then walks the
// buckets (never the events), so an edit costs the same at 1M events as at 1k distinct requests.
import { effectOf } from '../evaluate/evaluate.ts';
import type { KubernetesVersion } from '../kubernetesVersion.ts';
import { LEVELS, STAGES, type Level, type Policy } from '../model.ts';
import { ruleReadsMissing } from '../envelope/missingFields.ts';
import { estimateBytes } from './estimateBytes.ts';
import { evaluateKeys } from './evaluateKeys.ts';
import type { IncompleteEvents, ReplayAggregate, ReplayCounts, RuleRow, ShapeRow } from './replayAggregate.ts';
import { UNKNOWN_CODE, type ReplayIndex } from './replayIndex.ts';

const REQUEST_RECEIVED = STAGES.indexOf('RequestReceived');
const RESPONSE_COMPLETE = STAGES.indexOf('ResponseComplete');

class Counter {
  events = 0;
  kept = 0;
  bytesBefore = 0;
  bytesAfter = 0;
  growthUnknownEvents = 0;
  levelUp = 0;
  levelDown = 0;
  levelSame = 0;
  levelUnknown = 0;

  add(events: number, kept: boolean, before: number, after: number, unknown: boolean, recorded: number, effective: number): void {
    this.events += events;
    if (kept) this.kept += events;
    this.bytesBefore += before;
    this.bytesAfter += after;
    if (unknown && kept) this.growthUnknownEvents += events;
    if (recorded === UNKNOWN_CODE) this.levelUnknown += events;
    else if (effective > recorded) this.levelUp += events;
    else if (effective < recorded) this.levelDown += events;
    else this.levelSame += events;
  }

  counts(): ReplayCounts {
    return {
      events: this.events,
      kept: this.kept,
      dropped: this.events - this.kept,
      bytesBefore: this.bytesBefore,
      bytesAfter: this.bytesAfter,
      growthUnknownEvents: this.growthUnknownEvents,
      levelUp: this.levelUp,
      levelDown: this.levelDown,
      levelSame: this.levelSame,
      levelUnknown: this.levelUnknown,
    };
  }
}

const zeroBy = <K extends string>(keys: readonly K[]): Record<K, number> => Object.fromEntries(keys.map((k) => [k, 0])) as Record<K, number>;

export function aggregateReplay(index: ReplayIndex, policy: Policy, v: KubernetesVersion): ReplayAggregate {
  const keyRule = evaluateKeys(index, policy, v);
  const rules = policy.rules;
  // Effects by rule index + 1 (slot 0: no rule matched).
  const effects = [effectOf(policy, null), ...rules.map((r) => effectOf(policy, r))];
  const levelCode = effects.map((e) => LEVELS.indexOf(e.level));
  const omitMask = effects.map((e) => e.omitStages.reduce((m, s) => m | (1 << STAGES.indexOf(s)), 0));

  const total = new Counter();
  const perRule = effects.map(() => new Counter());
  const perShape = new Map<number, Counter>();
  const shapeKey = new Map<number, number>();
  const byLevel = zeroBy(LEVELS);
  const recordedByLevel = zeroBy([...LEVELS, 'unknown'] as const);
  const recordedByStage = zeroBy([...STAGES, 'unknown'] as const);
  let droppedByLevel = 0;
  let droppedByStage = 0;
  let keptRequestsLoggingReceived = 0;

  for (let b = 0; b < index.bucketCount; b++) {
    const key = index.bucketKey[b]!;
    const slot = keyRule[key]! + 1;
    const sl = index.bucketStageLevel[b]!;
    const stage = Math.floor(sl / (UNKNOWN_CODE + 1));
    const recorded = sl % (UNKNOWN_CODE + 1);
    const events = index.bucketEvents[b]!;
    const level = levelCode[slot]!;
    const stageOmitted = stage !== UNKNOWN_CODE && (omitMask[slot]! & (1 << stage)) !== 0;
    const kept = level > 0 && !stageOmitted;
    const before = index.bucketBytes[b]!;
    const est = estimateBytes(recorded, level, kept, before, index.bucketRequestBodyBytes[b]!, index.bucketResponseBodyBytes[b]!);
    const effective = kept ? level : 0;

    total.add(events, kept, before, est.bytes, est.unknown, recorded, effective);
    perRule[slot]!.add(events, kept, before, est.bytes, est.unknown, recorded, effective);
    const row = index.keyShape[key]! * effects.length + slot;
    let c = perShape.get(row);
    if (c === undefined) {
      c = new Counter();
      perShape.set(row, c);
      shapeKey.set(row, key);
    }
    c.add(events, kept, before, est.bytes, est.unknown, recorded, effective);

    byLevel[LEVELS[level]!] += events;
    recordedByLevel[recorded === UNKNOWN_CODE ? 'unknown' : LEVELS[recorded]!] += events;
    recordedByStage[stage === UNKNOWN_CODE ? 'unknown' : STAGES[stage]!] += events;
    if (level === 0) droppedByLevel += events;
    else if (stageOmitted) droppedByStage += events;
    if (kept && stage === RESPONSE_COMPLETE && (omitMask[slot]! & (1 << REQUEST_RECEIVED)) === 0) keptRequestsLoggingReceived += events;
  }

  const all = total.counts();
  const ruleRow = (slot: number): RuleRow => {
    const counts = perRule[slot]!.counts();
    const level: Level | null = slot === 0 ? 'None' : (rules[slot - 1]!.level ?? null);
    return { rule: slot === 0 ? null : slot - 1, level, share: all.events === 0 ? 0 : counts.events / all.events, ...counts };
  };
  const shapes: ShapeRow[] = [];
  for (const [row, counter] of perShape) {
    const slot = row % effects.length;
    const key = shapeKey.get(row)!;
    const a = index.keys[index.shapeExample[index.keyShape[key]!]!]!;
    shapes.push({
      shape: Math.floor(row / effects.length),
      key,
      user: a.user?.name ?? null,
      verb: a.verb,
      isResourceRequest: a.isResourceRequest,
      apiGroup: a.apiGroup,
      resource: a.resource,
      subresource: a.subresource,
      namespace: a.namespace,
      path: a.isResourceRequest ? '' : a.path,
      rule: slot === 0 ? null : slot - 1,
      level: LEVELS[levelCode[slot]!]!,
      ...counter.counts(),
    });
  }
  shapes.sort((x, y) => y.events - x.events || y.bytesBefore - x.bytesBefore || x.shape - y.shape || (x.rule ?? -1) - (y.rule ?? -1));

  return {
    totals: {
      ...all,
      files: [...index.files],
      errors: index.errorCount,
      incomplete: incompleteOf(index, policy),
      droppedByLevel,
      droppedByStage,
      byLevel,
      recordedByLevel,
      recordedByStage,
      requestReceivedNotRecorded: recordedByStage.RequestReceived === 0 ? keptRequestsLoggingReceived : 0,
    },
    rules: rules.map((_, i) => ruleRow(i + 1)),
    unmatched: ruleRow(0),
    shapes,
    errors: [...index.errors],
  };
}

/** The events whose envelope left out what the checker reads, and the rules that read it. */
function incompleteOf(index: ReplayIndex, policy: Policy): IncompleteEvents {
  const missing = [...index.missing.keys()];
  return {
    events: index.incompleteEvents,
    missing: Object.fromEntries(index.missing),
    rules: missing.length === 0 ? [] : policy.rules.filter((r) => ruleReadsMissing(r, missing)).map((r) => r.index),
  };
}
