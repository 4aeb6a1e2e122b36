// What replay reports for one policy over the loaded logs: the one result the CLI summary, the
// replay panel, code lenses and hovers all read. Plain serialisable data (it crosses LSP).
import type { Level, Stage } from '../model.ts';
import type { ReplayError } from './replayIndex.ts';

/** Event counts and byte estimates, the same columns at every grain (all, per rule, per shape). */
export interface ReplayCounts {
  readonly events: number;
  /** Logged by the new policy: level above None and the event's stage not omitted. */
  readonly kept: number;
  readonly dropped: number;
  /** Bytes of the recorded events. */
  readonly bytesBefore: number;
  /**
   * Estimated bytes under the new policy: dropped events count 0, lowered levels lose the bodies
   * that were recorded, raised levels count their recorded size (see growthUnknownEvents).
   */
  readonly bytesAfter: number;
  /** Kept events whose level went up (or was not recorded): what they would add is unknown. */
  readonly growthUnknownEvents: number;
  /** Compared with the recorded level; a dropped event counts as None. */
  readonly levelUp: number;
  readonly levelDown: number;
  readonly levelSame: number;
  /** Events with no (or an unknown) recorded level. */
  readonly levelUnknown: number;
}

export interface ReplayTotals extends ReplayCounts {
  readonly files: readonly string[];
  /** Lines or items that were not audit Events, and unreadable inputs. */
  readonly errors: number;
  /** Events read from an envelope that does not carry all the checker reads (docs/cloud-logs.md). */
  readonly incomplete: IncompleteEvents;
  /** Dropped because the new level is None. */
  readonly droppedByLevel: number;
  /** Dropped because the event's stage is in the effective omitStages. */
  readonly droppedByStage: number;
  /** Events by the level the new policy gives their request. */
  readonly byLevel: Readonly<Record<Level, number>>;
  readonly recordedByLevel: Readonly<Record<Level | 'unknown', number>>;
  readonly recordedByStage: Readonly<Record<Stage | 'unknown', number>>;
  /**
   * The log holds no RequestReceived events, but the new policy would log that stage for this many
   * kept requests: events the estimate cannot include.
   */
  readonly requestReceivedNotRecorded: number;
}

export interface IncompleteEvents {
  /** Events (of `events`) whose envelope left out part of the request: counted as if it were empty. */
  readonly events: number;
  /** Per missing field ("user groups", "user"), how many of them lack it. */
  readonly missing: Readonly<Record<string, number>>;
  /** Rules that read a missing field (users, userGroups): their verdict on those events is not exact. */
  readonly rules: readonly number[];
}

/** No event incomplete: what an engine that reads whole Events only reports. */
export const ALL_COMPLETE: IncompleteEvents = { events: 0, missing: {}, rules: [] };

export interface RuleRow extends ReplayCounts {
  /** Rule index, or null for requests no rule matches (level None). */
  readonly rule: number | null;
  /** The level the rule assigns (null for a rule without a valid level). */
  readonly level: Level | null;
  /** events / all events (0 when there are none). */
  readonly share: number;
}

export interface ShapeRow extends ReplayCounts {
  /** Shape id, stable while the logs stay loaded. */
  readonly shape: number;
  /** One request of this row (key id), for Explain. */
  readonly key: number;
  readonly user: string | null;
  readonly verb: string;
  readonly isResourceRequest: boolean;
  readonly apiGroup: string;
  readonly resource: string;
  readonly subresource: string;
  readonly namespace: string;
  /** For non-resource requests; "" for resource requests. */
  readonly path: string;
  readonly rule: number | null;
  readonly level: Level;
}

export interface ReplayAggregate {
  readonly totals: ReplayTotals;
  /** One row per policy rule, in order, hit or not. */
  readonly rules: readonly RuleRow[];
  /** Requests no rule matched. */
  readonly unmatched: RuleRow;
  /** One row per request shape and matching rule (a shape splits when resourceNames split it), by events descending. */
  readonly shapes: readonly ShapeRow[];
  /** The first errors with their location (errors in totals counts all of them). */
  readonly errors: readonly ReplayError[];
}
